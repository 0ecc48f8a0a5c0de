package io.courtside.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pairs logo appearances into plausible replays (see {@link ReplayLogoDetector}'s class comment, Pairing): an "in"
 * and an "out" appearance alike, a replay's length apart, over a stretch that is slowed down or shows a view the
 * live stretch before did not, judged on the per-frame changes.
 */
final class ReplayPairing {

    /** Two appearances of one replay: sizes within 1.6x, centres within this share of the frame. */
    private static final double PAIR_MAX_SIZE_RATIO = 1.6;
    private static final double PAIR_MAX_DISTANCE = 0.25;
    /** A stretch is slowed down when its motion per frame is under this share of the live stretch's before it. */
    static final double SLOW_RATIO = 0.75;
    /** ... or when at least this share of its frames repeat the previous one (under 0.4x its 75th percentile). */
    static final double MIN_REPEAT_SHARE = 0.3;

    private final FrameChanges changes;
    private final double fps;
    private final double minConfidence;

    /** {@code minConfidence}: analysis.logo-min-confidence, which a replay's confidence must reach too. */
    ReplayPairing(FrameChanges changes, double fps, double minConfidence) {
        this.changes = changes;
        this.fps = fps;
        this.minConfidence = minConfidence;
    }

    /**
     * Every plausible pair is a candidate; the most confident candidates are kept first, and a candidate that shares
     * an appearance or time with a kept one is dropped (an appearance ends one replay at most): so a live stretch
     * between two replays, paired because it looks unlike the play before it, cannot take the "in" logo of the
     * slowed replay after it.
     */
    List<Replay> replays(List<LogoAppearance> appearances, ReplayBounds bounds) {
        record Candidate(int in, int out, Replay replay) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (int i = 0; i < appearances.size(); i++) {
            LogoAppearance in = appearances.get(i);
            for (int j = i + 1; j < appearances.size(); j++) {
                LogoAppearance out = appearances.get(j);
                double length = out.middle() - in.middle();
                if (length > bounds.maxSeconds()) {
                    break;
                }
                if (length < bounds.minSeconds() || !alike(in, out) || alikeInside(appearances, i, j)
                        || anotherPairsEndInside(appearances, i, j, bounds)) {
                    continue;
                }
                Replay replay = replayBetween(in, out);
                if (replay != null) {
                    candidates.add(new Candidate(i, j, replay));
                }
            }
        }
        candidates.sort(java.util.Comparator.comparingDouble((Candidate c) -> c.replay().confidence()).reversed());
        List<Candidate> kept = new ArrayList<>();
        for (Candidate c : candidates) {
            if (kept.stream().noneMatch(k -> c.in() <= k.out() && k.in() <= c.out())) {
                kept.add(c);
            }
        }
        return kept.stream().map(Candidate::replay).sorted(java.util.Comparator.comparingDouble(Replay::start))
                .toList();
    }

    /**
     * Whether an appearance between i and j is alike to either: a broadcast shows its replay logo at a replay's two
     * ends only, so i and j are the ends of two different replays (the logo between them starts the second).
     */
    private static boolean alikeInside(List<LogoAppearance> appearances, int i, int j) {
        for (int k = i + 1; k < j; k++) {
            if (alike(appearances.get(k), appearances.get(i)) || alike(appearances.get(k), appearances.get(j))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an appearance k between i and j is an end of another replay: it pairs (alike, a replay's length
     * apart) with an appearance l other than i and j, before, between or after them. A broadcast shows its replay
     * logo only at a replay's two ends, so i and j are then the far ends of two replays whose near ends were
     * missed or told apart, or look-alikes around a real replay. A pair (k, l) with both ends inside counts only
     * when its weaker end is stronger than i's and j's weaker one (so a weaker look-alike pair inside cannot hide
     * the real replay around it).
     */
    private static boolean anotherPairsEndInside(List<LogoAppearance> appearances, int i, int j,
                                                 ReplayBounds bounds) {
        double outer = Math.min(appearances.get(i).confidence(), appearances.get(j).confidence());
        for (int k = i + 1; k < j; k++) {
            LogoAppearance a = appearances.get(k);
            for (int l = 0; l < appearances.size(); l++) {
                if (l == i || l == j || l == k) {
                    continue;
                }
                LogoAppearance b = appearances.get(l);
                double length = Math.abs(b.middle() - a.middle());
                boolean inside = l > i && l < j;
                if (alike(a, b) && length >= bounds.minSeconds() && length <= bounds.maxSeconds()
                        && (!inside || Math.min(a.confidence(), b.confidence()) > outer)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean alike(LogoAppearance a, LogoAppearance b) {
        double ratio = Math.max(a.height(), b.height()) / Math.min(a.height(), b.height());
        return a.logo() == b.logo() && ratio <= PAIR_MAX_SIZE_RATIO
                && Math.hypot(a.x() - b.x(), a.y() - b.y()) <= PAIR_MAX_DISTANCE;
    }

    /** The replay between two alike appearances, or null when the stretch between does not look like a replay. */
    private Replay replayBetween(LogoAppearance in, LogoAppearance out) {
        double from = in.end();
        double to = out.start();
        double length = out.middle() - in.middle();
        if (to - from < 2 / fps) {
            return null;
        }
        double[] replay = changes.diffs(from + 1 / fps, to);
        double[] play = changes.findPlay(from, to, Math.max(0, in.start() - Math.min(60, Math.max(10, 4 * length))),
                in.start());
        // Motion per frame against the same play live when it was found, else against the stretch before.
        double[] live = play != null ? changes.diffs(play[0], play[1])
                : changes.diffs(Math.max(0, in.start() - length), in.start());
        double replayMotion = median(replay);
        double liveMotion = median(live);
        double slowdown = liveMotion > 0.3 ? replayMotion / liveMotion : Double.NaN;
        // Slowed down as a whole and in each half: live play at full speed followed by a slowed replay (the far
        // ends of a live stretch and the replay after it, its "in" logo missed) is slowed only on average.
        int half = replay.length / 2;
        boolean slow = slowed(replay, liveMotion) && slowed(Arrays.copyOfRange(replay, 0, half), liveMotion)
                && slowed(Arrays.copyOfRange(replay, half, replay.length), liveMotion);
        boolean unseenView = play == null && changes.unseenView(from, to,
                Math.max(0, in.start() - Math.min(60, Math.max(10, 4 * length))), in.start());
        if (!slow && !unseenView) {
            return null;
        }
        // Evidence beyond the two logos: a replay whose live play was not found, or that is not slowed down, must
        // have stronger logos to be reported (clutter that mimics the logo twice rarely also repeats a play).
        double confidence = Math.min(in.confidence(), out.confidence()) * (slow ? 1 : 0.8) * (play != null ? 1 : 0.85);
        if (confidence < minConfidence) {
            return null;
        }
        return new Replay(in.middle(), out.middle(), confidence, play == null ? Double.NaN : play[0],
                play == null ? Double.NaN : play[1], slowdown);
    }

    /** Motion per frame under SLOW_RATIO of the live motion, or at least MIN_REPEAT_SHARE of the frames repeated. */
    private static boolean slowed(double[] diffs, double liveMotion) {
        return (liveMotion > 0.3 && median(diffs) / liveMotion < SLOW_RATIO) || repeatShare(diffs) >= MIN_REPEAT_SHARE;
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Share of frames that (nearly) repeat the previous one: change under 0.4x the stretch's 75th percentile. */
    static double repeatShare(double[] diffs) {
        if (diffs.length < 4) {
            return 0;
        }
        double[] sorted = diffs.clone();
        Arrays.sort(sorted);
        double p75 = sorted[(int) (0.75 * (sorted.length - 1))];
        if (p75 < 0.5) {
            return 0; // a still picture repeats every frame: that is no slow motion
        }
        return Arrays.stream(diffs).filter(d -> d < 0.4 * p75).count() / (double) diffs.length;
    }
}
