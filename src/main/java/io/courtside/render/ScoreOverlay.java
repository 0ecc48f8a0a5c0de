package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.courtside.scoreboard.BugForm;
import io.courtside.scoreboard.ClockReading;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;

/**
 * The score in a reframed output: the broadcast's score bug covered wherever the crop window holds any part of it,
 * and Courtside's own score graphic drawn in its place, in a band of its own at the top (captions sit at 80% of
 * the height, the title card moves below the graphic). Teams show by TransferName (matched as
 * {@link io.courtside.selection.TeamNames} does), on one line when it fits the output's width, else one row per team
 * (long names such as "San Antonio Spurs" are neither clipped nor run off the picture); a row that still does not
 * fit shows the abbreviation as read, and when the rows would come within a font size of the captions, one line of
 * abbreviations.
 * <p>
 * Only a moving crop (FitMode.CROP to another aspect ratio) can cut the bug, so only then is there an overlay;
 * PAD, BLUR and same-aspect outputs show the whole picture, bug included, as they always did. Within a crop the
 * bug is covered whether the window cuts it or holds it whole: one scoreboard on screen, never a sliver of the
 * broadcast's next to ours. While the bug is hidden (replays) nothing is covered; the graphic stays. A bug that
 * changed form or moved (a wide graphic that shrank into a corner) is covered where each form sat while it was
 * shown ({@link ScoreTimeline#forms()}), each a second longer on both sides (the reader samples a few times a
 * second and a form's animation into the next takes about as long).
 * <p>
 * Pure: {@link #of} describes the overlay (filters and the text files' contents); the runner writes the files and
 * calls {@link Cover#apply} on each cropped picture.
 *
 * @param cover  where the bug is covered, or null for no cover
 * @param filter drawtext filters appended to the video graph ("" for none)
 * @param texts  the text files the filters read, with their contents
 * @param pieces what the graphic shows over the output, in output time (for logs and tests)
 * @param bottom the lowest row the graphic's boxes reach (0 without a graphic): the title card keeps below it
 */
record ScoreOverlay(Cover cover, String filter, Map<Path, String> texts, List<Piece> pieces, int bottom) {

    static final ScoreOverlay NONE = new ScoreOverlay(null, "", Map.of(), List.of(), 0);

    /** The graphic's box colour and text colour: the captions' own. */
    static final String BOX = "black@0.6";

    /** What the graphic shows over [start, end) of the output: the score line and period/clock (or null). */
    record Piece(double start, double end, String score, String clock) {
    }

    /**
     * @param scores     what the bug showed (none found: no overlay)
     * @param names      team abbreviation as read to the name to show (TransferNameRegister)
     * @param fit        the output's geometry
     * @param cuts       the clips as cut, on the output's frame grid
     * @param bounds     output time of each clip's first frame, plus the end
     * @param fps        the source's (and output's) frame rate
     * @param look       the captions' look (the graphic uses their size)
     * @param font       the font file the captions use
     * @param prefix     text files are named prefix + "score-N-K.txt"
     */
    static ScoreOverlay of(ScoreTimeline scores, Map<String, String> names, Fit fit, List<RenderPlan.Cut> cuts,
                           List<Double> bounds, double fps, RenderSpec.Look look, Path font, Path prefix) {
        if (scores == null || !scores.found() || !fit.moving()) {
            return NONE;
        }
        Cover cover = Cover.of(scores.forms(), fit.sourceWidth(), fit.sourceHeight(), scores.hidden());
        int size = Captions.fontSize(look, fit.width(), fit.height());
        int small = Math.max(10, (int) Math.round(size * 0.8));
        double ems = 0.9 * fit.width() / size;
        // The score line's centre: a margin of 5% of the height (phone UIs cover the very top), at least one size.
        double scoreY = Math.max(size, 0.05 * fit.height());
        // The captions' top (centred at 80% of the height, up to three lines): the graphic keeps a size above it.
        double captionTop = 0.80 * fit.height() - Captions.blockHalfHeight(3, size);
        boolean anyClock = !scores.clock().isEmpty()
                || scores.states().stream().anyMatch(s -> s.period() != null || s.games() != null);
        Layout layout = Layout.of(scores, names, ems);
        if (layout.rows() && lowest(layout, scoreY, size, small, anyClock) > captionTop - size) {
            layout = Layout.abbreviated(scores); // no room for a row per team: one line, as read
        }
        List<Piece> pieces = pieces(scores, layout, cuts, bounds, fps);

        double rowsBelow = layout.rows() ? (layout.order().size() - 1) * ROW_STEP * size : 0;
        double scoreCentre = scoreY + rowsBelow / 2;
        double clockY = scoreY + rowsBelow + 1.6 * size;
        String fontFile = Captions.escape(font.toAbsolutePath().toString());
        StringBuilder filter = new StringBuilder();
        Map<Path, String> texts = new LinkedHashMap<>();
        boolean drawnClock = false;
        for (int i = 0; i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            Captions.draw(filter, texts, fontFile, p.score(), prefix + "score-" + i, size, BOX,
                    fmt(scoreCentre), p.start(), p.end());
            if (p.clock() != null) {
                drawnClock = true;
                Captions.draw(filter, texts, fontFile, p.clock(), prefix + "clock-" + i, small, BOX,
                        fmt(clockY), p.start(), p.end());
            }
        }
        return new ScoreOverlay(cover, filter.toString(), texts, List.copyOf(pieces),
                (int) Math.ceil(lowest(layout, scoreY, size, small, drawnClock)) + Math.max(2, size / 4));
    }

    /** Rows of the graphic step by this many font sizes (as caption lines do: their boxes stack, not overlap). */
    static final double ROW_STEP = 1.7;

    /** The lowest row the graphic's boxes reach: its last score row's box, or the clock's below it. */
    private static double lowest(Layout layout, double scoreY, int size, int small, boolean clock) {
        double rowsBelow = layout.rows() ? (layout.order().size() - 1) * ROW_STEP * size : 0;
        return clock ? scoreY + rowsBelow + 1.6 * size + Captions.blockHalfHeight(1, small)
                : scoreY + rowsBelow + Captions.blockHalfHeight(1, size);
    }

    /**
     * How the teams are shown over the whole output (chosen once, so the graphic does not jump when a score gains
     * a digit): one line "Spurs 36 - 38 Thunder" when it fits the output's width with the longest scores of the
     * game; else one row per team ("San Antonio Spurs 36"), a team whose row would still not fit by its
     * abbreviation as read.
     *
     * @param order the teams in screen order
     * @param shown each team's name as shown
     * @param rows  one row per team rather than one line
     */
    record Layout(List<String> order, Map<String, String> shown, boolean rows) {

        static Layout of(ScoreTimeline scores, Map<String, String> names, double ems) {
            List<String> order = order(scores);
            Map<String, String> shown = new LinkedHashMap<>();
            order.forEach(t -> shown.put(t, io.courtside.selection.TeamNames.nameOf(names, t)));
            String widest = "8".repeat(digits(scores));
            if (order.size() == 2 && width(shown.get(order.get(0)) + " " + widest + " - " + widest + " "
                    + shown.get(order.get(1))) <= ems) {
                return new Layout(order, shown, false);
            }
            if (order.size() == 1) {
                return new Layout(order, shown, false);
            }
            for (String team : order) {
                if (width(shown.get(team) + " " + widest) > ems) {
                    shown.put(team, team);
                }
            }
            return new Layout(order, shown, true);
        }

        /** One line with the names as read. */
        static Layout abbreviated(ScoreTimeline scores) {
            List<String> order = order(scores);
            Map<String, String> shown = new LinkedHashMap<>();
            order.forEach(t -> shown.put(t, t));
            return new Layout(order, shown, false);
        }

        private static List<String> order(ScoreTimeline scores) {
            if (!scores.teams().isEmpty()) {
                return scores.teams();
            }
            return List.copyOf(scores.states().get(0).score().keySet());
        }

        /** The most digits any score of the game has (at least 2). */
        private static int digits(ScoreTimeline scores) {
            int most = 2;
            for (ScoreState s : scores.states()) {
                for (int v : s.score().values()) {
                    most = Math.max(most, Integer.toString(v).length());
                }
            }
            return most;
        }

        /** The score as shown: one line, or a row per team (rows separated by newlines). */
        String text(ScoreState state) {
            if (rows) {
                StringBuilder out = new StringBuilder();
                for (String team : order) {
                    out.append(out.length() == 0 ? "" : "\n").append(shown.get(team)).append(' ')
                            .append(state.pointsOf(team));
                }
                return out.toString();
            }
            if (order.size() == 2) {
                String a = order.get(0);
                String b = order.get(1);
                return shown.get(a) + " " + state.pointsOf(a) + " - " + state.pointsOf(b) + " " + shown.get(b);
            }
            StringBuilder out = new StringBuilder();
            for (String team : order) {
                out.append(out.length() == 0 ? "" : "  ").append(shown.get(team)).append(' ')
                        .append(state.pointsOf(team));
            }
            return out.toString();
        }
    }

    private static String fmt(double y) {
        return String.format(Locale.ROOT, "%.1f", y);
    }

    /**
     * The graphic over the output: for each clip, the state and clock shown at each moment of its source span,
     * mapped to output time; neighbouring stretches with the same text are one piece.
     */
    static List<Piece> pieces(ScoreTimeline scores, Layout layout, List<RenderPlan.Cut> cuts,
                              List<Double> bounds, double fps) {
        List<Piece> pieces = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            RenderPlan.Cut cut = cuts.get(i);
            double outStart = bounds.get(i);
            double outEnd = bounds.get(i + 1);
            if (outEnd <= outStart) {
                continue;
            }
            double sourceStart = cut.firstFrame() / fps;
            double sourceEnd = sourceStart + (outEnd - outStart);
            // Moments within the clip where the text may change: score changes and clock readings.
            List<Double> marks = new ArrayList<>();
            marks.add(sourceStart);
            for (ScoreState s : scores.states()) {
                if (s.time() > sourceStart && s.time() < sourceEnd) {
                    marks.add(s.time());
                }
            }
            for (ClockReading c : scores.clock()) {
                if (c.time() > sourceStart && c.time() < sourceEnd) {
                    marks.add(c.time());
                }
                if (c.time() + CLOCK_STALE_SECONDS > sourceStart && c.time() + CLOCK_STALE_SECONDS < sourceEnd) {
                    marks.add(c.time() + CLOCK_STALE_SECONDS);
                }
            }
            marks = marks.stream().distinct().sorted().toList();
            for (int k = 0; k < marks.size(); k++) {
                double from = marks.get(k);
                double to = k + 1 < marks.size() ? marks.get(k + 1) : sourceEnd;
                ScoreState state = scores.stateAt(from);
                if (state == null) {
                    continue; // before the first state read: nothing to show
                }
                String score = layout.text(state);
                String clock = clockLine(state, scores.clockAt(from), from);
                double a = outStart + (from - sourceStart);
                double b = Math.min(outEnd, outStart + (to - sourceStart));
                Piece last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                if (last != null && Math.abs(last.end() - a) < 1e-9 && last.score().equals(score)
                        && Objects.equals(last.clock(), clock)) {
                    pieces.set(pieces.size() - 1, new Piece(last.start(), b, score, clock));
                } else {
                    pieces.add(new Piece(a, b, score, clock));
                }
            }
        }
        return pieces;
    }

    /** A clock reading older than this is not shown (the bug was hidden, or the clock not read since). */
    static final double CLOCK_STALE_SECONDS = 3.0;

    private static double width(String line) {
        double w = 0;
        String[] words = line.split(" +");
        for (String word : words) {
            w += Captions.width(word);
        }
        return w + 0.35 * (words.length - 1);
    }

    /**
     * "4TH 2:59", "1-0 4-3": the period (from the clock reading, else the state), the state's games (sets and games
     * of a games-and-points bug) and a recent clock, or null for none of them.
     */
    static String clockLine(ScoreState state, ClockReading reading, double time) {
        boolean fresh = reading != null && time - reading.time() < CLOCK_STALE_SECONDS;
        String period = fresh && reading.period() != null ? reading.period() : state.period();
        String clock = fresh ? reading.clock() : null;
        String text = java.util.stream.Stream.of(period, state.games(), clock).filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.joining(" "));
        return text.isEmpty() ? null : text;
    }

    /**
     * Where the bug is covered, in source pixels: each form's region widened by a margin (codec ringing, soft
     * edges), on the even grid so the chroma planes line up, over the stretch of source time the form was shown.
     * Covering fills the part inside the crop window from the picture just outside the bug (each row carries on
     * from its neighbour column, interpolated where the bug has picture on both sides; from the rows above/below
     * when the bug spans the window's width): no box, no fragment.
     *
     * @param patches each form's rectangle and when it is covered
     * @param hidden  source stretches where the bug is not on screen: nothing is covered there
     */
    record Cover(List<Patch> patches, List<double[]> hidden) {

        /** Seconds a form is covered before it was first followed and after it was last seen. */
        static final double SLACK_SECONDS = 1.0;

        /** One form's rectangle in source pixels (even), covered over source times [from, to). */
        record Patch(int x, int y, int width, int height, double from, double to) {

            boolean at(double sourceTime) {
                return sourceTime >= from && sourceTime < to;
            }
        }

        Cover {
            patches = List.copyOf(patches);
            hidden = List.copyOf(hidden);
        }

        /**
         * Each form covered while it was shown, {@link #SLACK_SECONDS} longer on both sides; the first form from
         * the start of the source (it may have been on screen before it was found), the last to its end.
         */
        static Cover of(List<BugForm> forms, int sourceWidth, int sourceHeight, List<double[]> hidden) {
            List<Patch> patches = new ArrayList<>();
            for (int i = 0; i < forms.size(); i++) {
                BugForm form = forms.get(i);
                double from = i == 0 ? Double.NEGATIVE_INFINITY : form.from() - SLACK_SECONDS;
                double to = i == forms.size() - 1 ? Double.POSITIVE_INFINITY : form.to() + SLACK_SECONDS;
                patches.add(patch(form.region(), sourceWidth, sourceHeight, from, to));
            }
            return new Cover(patches, hidden);
        }

        private static Patch patch(ScoreRegion region, int sourceWidth, int sourceHeight, double from, double to) {
            int margin = Math.max(4, (int) Math.round(0.01 * Math.max(sourceWidth, sourceHeight)));
            int x0 = floorEven(region.x() * sourceWidth - margin);
            int y0 = floorEven(region.y() * sourceHeight - margin);
            int x1 = ceilEven(Math.min(sourceWidth, (region.x() + region.width()) * sourceWidth + margin));
            int y1 = ceilEven(Math.min(sourceHeight, (region.y() + region.height()) * sourceHeight + margin));
            x1 = Math.min(x1, sourceWidth - (sourceWidth & 1));
            y1 = Math.min(y1, sourceHeight - (sourceHeight & 1));
            if (x1 >= sourceWidth - 2 - margin) {
                x1 = sourceWidth; // reaches the edge anyway: take the whole edge (odd sizes included)
            }
            if (y1 >= sourceHeight - 2 - margin) {
                y1 = sourceHeight;
            }
            return new Patch(Math.max(0, x0), Math.max(0, y0), x1 - Math.max(0, x0), y1 - Math.max(0, y0), from, to);
        }

        private static int floorEven(double v) {
            return Math.max(0, 2 * (int) Math.floor(v / 2));
        }

        private static int ceilEven(double v) {
            return 2 * (int) Math.ceil(v / 2);
        }

        /** The bug is on screen at {@code sourceTime} (not in a hidden stretch). */
        boolean shownAt(double sourceTime) {
            for (double[] h : hidden) {
                if (sourceTime >= h[0] && sourceTime < h[1]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Covers the forms of the bug shown about {@code sourceTime} in a tightly packed YUV420P crop ({@code cw} x
         * {@code ch}, its top-left at ({@code x0}, {@code y0}) in the source, both even); nothing when the window
         * misses them.
         *
         * @return whether any pixel was covered
         */
        boolean apply(ByteBuffer tight, int cw, int ch, int x0, int y0, double sourceTime) {
            boolean any = false;
            for (Patch p : patches) {
                if (p.at(sourceTime)) {
                    any |= apply(p, tight, cw, ch, x0, y0);
                }
            }
            return any;
        }

        private static boolean apply(Patch p, ByteBuffer tight, int cw, int ch, int x0, int y0) {
            int left = Math.max(p.x(), x0) - x0;
            int right = Math.min(p.x() + p.width(), x0 + cw) - x0;
            int top = Math.max(p.y(), y0) - y0;
            int bottom = Math.min(p.y() + p.height(), y0 + ch) - y0;
            if (left >= right || top >= bottom) {
                return false;
            }
            fill(tight, 0, cw, ch, left, right, top, bottom);
            int ccw = (cw + 1) / 2;
            int cch = (ch + 1) / 2;
            int base = cw * ch;
            int cl = left / 2;
            int cr = Math.min(ccw, (right + 1) / 2);
            int ct = top / 2;
            int cb = Math.min(cch, (bottom + 1) / 2);
            fill(tight, base, ccw, cch, cl, cr, ct, cb);
            fill(tight, base + ccw * cch, ccw, cch, cl, cr, ct, cb);
            return true;
        }

        /** Fills [left, right) x [top, bottom) of one plane ({@code w} x {@code h} at {@code base}). */
        private static void fill(ByteBuffer p, int base, int w, int h, int left, int right, int top, int bottom) {
            boolean hasLeft = left > 0;
            boolean hasRight = right < w;
            if (hasLeft || hasRight) {
                for (int r = top; r < bottom; r++) {
                    int row = base + r * w;
                    int a = p.get(row + (hasLeft ? left - 1 : right)) & 0xff;
                    int b = p.get(row + (hasRight ? right : left - 1)) & 0xff;
                    int span = right - left + 1;
                    for (int c = left; c < right; c++) {
                        double t = (c - left + 1) / (double) span;
                        p.put(row + c, (byte) Math.round(a + (b - a) * t));
                    }
                }
                return;
            }
            boolean hasTop = top > 0;
            boolean hasBottom = bottom < h;
            for (int c = left; c < right; c++) {
                int a = hasTop || hasBottom ? p.get(base + (hasTop ? top - 1 : bottom) * w + c) & 0xff : -1;
                int b = hasTop || hasBottom ? p.get(base + (hasBottom ? bottom : top - 1) * w + c) & 0xff : -1;
                int span = bottom - top + 1;
                for (int r = top; r < bottom; r++) {
                    int v = a < 0 ? (base == 0 ? 16 : 128) : (int) Math.round(a + (b - a) * (r - top + 1)
                            / (double) span);
                    p.put(base + r * w + c, (byte) v);
                }
            }
        }
    }
}
