package io.courtside.scoreboard;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Test footage of a broadcast with a score bug: moving pictures (drifting shapes over a court-coloured floor, a
 * cut every few seconds to another look) under a score bug drawn in one of several designs, whose score changes
 * at scripted times with the scoring team's logo animated over the bug just before each change. The bug can be
 * hidden (a replay) or partly covered (a graphic over it) for scripted stretches, or left out.
 */
public final class ScoreBugFootage {

    /** How a bug looks and where it sits. */
    /**
     * ONE_LINE "CLE 73   GS 81"; TWO_LINES a row per team; GAMES_AND_POINTS a row per team, "MA Long  3  8";
     * PANELS a row per team with the games in a box of the other polarity and the points in columns (as WTT and
     * the 2017 Worlds draw it); SETS a row per team with sets, games and points in columns (tennis).
     */
    public enum Layout { ONE_LINE, TWO_LINES, GAMES_AND_POINTS, PANELS, SETS }

    /**
     * @param advantage how a SETS bug draws tennis after deuce (points {@link #AD} in a {@link Change}); null: the
     *                  design never shows it (its points column as wide as "00")
     */
    public record Design(String name, Layout layout, boolean top, boolean lightOnDark, Font font, double left,
                         Advantage advantage) {
        public Design(String name, Layout layout, boolean top, boolean lightOnDark, Font font, double left) {
            this(name, layout, top, lightOnDark, font, left, null);
        }
    }

    /** A tennis player's points when the player has the advantage (after deuce), as a {@link Change} gives them. */
    public static final int AD = -1;

    /**
     * How a tennis bug draws the advantage and deuce.
     *
     * @param mark       what the player with the advantage shows in the points column ("AD", "A")
     * @param otherBlank the other player's points are left blank (else 40)
     * @param deuceLabel 40-40 is drawn as "DEUCE" across the points column of both rows (the points blank)
     */
    public record Advantage(String mark, boolean otherBlank, boolean deuceLabel) {
        /** "AD" over 40, deuce as 40-40 (ATP, most broadcasters). */
        public static final Advantage AD_OVER_FORTY = new Advantage("AD", false, false);
        /** "A" beside a blank, deuce written "DEUCE". */
        public static final Advantage A_AND_DEUCE = new Advantage("A", true, true);
    }

    /** From {@code time} on the bug shows {@code a} and {@code b} (for table tennis: points, with games). */
    public record Change(double time, int a, int b, int gamesA, int gamesB, int setsA, int setsB) {
        public Change(double time, int a, int b) {
            this(time, a, b, 0, 0, 0, 0);
        }

        public Change(double time, int a, int b, int gamesA, int gamesB) {
            this(time, a, b, gamesA, gamesB, 0, 0);
        }
    }

    public record Stretch(double start, double end) {
        boolean contains(double t) {
            return t >= start && t < end;
        }
    }

    /**
     * @param continuous one shot without cuts, the camera panning over a floor with painted lines and a logo
     * @param ticker     a crawl of other games' scores moving along the other edge (a distractor)
     * @param swapAt     from this time on the two rows (on a one-line bug, the two teams) change places (NaN: never)
     */
    public record Script(int width, int height, double fps, double seconds, Design design, String teamA,
                         String teamB, List<Change> changes, List<Stretch> hidden, List<Stretch> covered,
                         double logoSeconds, long seed, boolean continuous, boolean ticker, double swapAt,
                         boolean strip, double shrinkAt, List<String> wideNames) {
        /**
         * A full-width strip of other games' scores (pages that flip every 3 s) along the frame's edge, touching the
         * bug (under a bottom bug, over a top one), as ESPN draws its ticker.
         */
        public Script withStripBesideTheBug() {
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, covered, logoSeconds,
                    seed, continuous, ticker, swapAt, true, shrinkAt, wideNames);
        }

        /**
         * Until {@code time} the bug is a wide graphic across the bottom naming the teams {@code nameA} and
         * {@code nameB} ("REAL MADRID 0 0 SEVILLA FC"), then the design's bug in its corner.
         */
        public Script shrinkingFrom(double time, String nameA, String nameB) {
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, covered, logoSeconds,
                    seed, continuous, ticker, swapAt, strip, time, List.of(nameA, nameB));
        }

        public Script(int width, int height, double fps, double seconds, Design design, String teamA, String teamB,
                      List<Change> changes, List<Stretch> hidden, List<Stretch> covered, double logoSeconds, long seed) {
            this(width, height, fps, seconds, design, teamA, teamB, changes, hidden, covered, logoSeconds, seed,
                    false, false, Double.NaN, false, Double.NaN, List.of());
        }

        public Script withHidden(double start, double end) {
            List<Stretch> h = new ArrayList<>(hidden);
            h.add(new Stretch(start, end));
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, h, covered, logoSeconds,
                    seed, continuous, ticker, swapAt, strip, shrinkAt, wideNames);
        }

        public Script withCovered(double start, double end) {
            List<Stretch> c = new ArrayList<>(covered);
            c.add(new Stretch(start, end));
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, c, logoSeconds,
                    seed, continuous, ticker, swapAt, strip, shrinkAt, wideNames);
        }

        public Script withoutBug() {
            return new Script(width, height, fps, seconds, null, teamA, teamB, changes, hidden, covered, logoSeconds,
                    seed, continuous, ticker, swapAt, strip, shrinkAt, wideNames);
        }

        /** One continuous panning shot instead of cuts every few seconds. */
        public Script continuousPan() {
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, covered, logoSeconds,
                    seed, true, ticker, swapAt, strip, shrinkAt, wideNames);
        }

        /** A crawl of other games' scores along the other edge. */
        public Script withTicker() {
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, covered, logoSeconds,
                    seed, continuous, true, swapAt, strip, shrinkAt, wideNames);
        }

        /** From {@code time} on the bug's two rows change places (the leader on top). */
        public Script swappedFrom(double time) {
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, covered, logoSeconds,
                    seed, continuous, ticker, time, strip, shrinkAt, wideNames);
        }

        public Script sized(int w, int h, double framesPerSecond) {
            return new Script(w, h, framesPerSecond, seconds, design, teamA, teamB, changes, hidden, covered,
                    logoSeconds, seed, continuous, ticker, swapAt, strip, shrinkAt, wideNames);
        }
    }

    public static Script script(Design design, double seconds, String teamA, String teamB, List<Change> changes) {
        return new Script(640, 360, 25, seconds, design, teamA, teamB, changes, List.of(), List.of(), 0.8, 7);
    }

    /** DejaVu Sans Bold as the build ships it for captions (target/classes/fonts). */
    public static Font dejaVu(float size) {
        try (InputStream in = ScoreBugFootage.class.getClassLoader().getResourceAsStream("fonts/DejaVuSans-Bold.ttf")) {
            if (in == null) {
                throw new IllegalStateException("fonts/DejaVuSans-Bold.ttf not on the class path: run mvn process-resources");
            }
            return Font.createFont(Font.TRUETYPE_FONT, in).deriveFont(size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Script s, Path out) {
        write(s, out, g -> { });
    }

    /**
     * {@code s} with {@code overlay} drawn in every frame over the moving picture, under the bug (another overlay
     * that stays on screen: a channel's logo, a sponsor's panel).
     */
    public static void write(Script s, Path out, Consumer<Graphics2D> overlay) {
        write(s, out, (g, t) -> overlay.accept(g));
    }

    /** As {@link #write(Script, Path, Consumer)}, the overlay drawn for the frame's time (an overlay that changes). */
    public static void write(Script s, Path out, java.util.function.BiConsumer<Graphics2D, Double> overlay) {
        Random random = new Random(s.seed());
        int w = s.width();
        int h = s.height();
        int frames = (int) Math.round(s.seconds() * s.fps());
        // shapes drifting over the floor; a cut every 2.5-4 s changes the look and the shapes
        double[][] shapes = new double[14][];
        Color floor = null;
        double nextCut = 0;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder recorder = testRecorder(out, w, h, s.fps());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setGopSize((int) s.fps() * 2);
            recorder.start();
            for (int f = 0; f < frames; f++) {
                double t = f / s.fps();
                if (t >= nextCut && (!s.continuous() || f == 0)) {
                    floor = new Color(60 + random.nextInt(150), 40 + random.nextInt(120), 20 + random.nextInt(120));
                    for (int i = 0; i < shapes.length; i++) {
                        shapes[i] = new double[] {random.nextInt(w), random.nextInt(h), 20 + random.nextInt(90),
                                (random.nextDouble() - 0.5) * 14, (random.nextDouble() - 0.5) * 6,
                                random.nextInt(0xffffff)};
                    }
                    nextCut = t + 2.5 + random.nextDouble() * 1.5;
                }
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(floor);
                g.fillRect(0, 0, w, h);
                // court lines that pan
                g.setColor(new Color(230, 230, 230));
                g.setStroke(new BasicStroke(3));
                int pan = (int) (t * 40) % w;
                g.drawLine(pan, 0, pan, h);
                g.drawOval(pan - 60, h / 2 - 60, 120, 120);
                if (s.continuous()) {
                    // the camera pans back and forth over painted lines and a floor logo: static in the scene, moving on screen
                    int camera = (int) (w * 0.25 * Math.sin(t * 0.7));
                    g.drawRect(w / 8 - camera, h / 4, w * 3 / 4, h / 2);
                    g.drawLine(w / 2 - camera, h / 4, w / 2 - camera, h * 3 / 4);
                    g.setFont(s.design() == null ? new Font("SansSerif", Font.BOLD, h / 10) : s.design().font().deriveFont(h / 10f));
                    g.setColor(new Color(240, 240, 240, 200));
                    g.drawString("ARENA 2026", w / 3 - camera, h * 2 / 3);
                    g.setColor(new Color(20, 20, 20));
                    g.drawString("HOME 12 AWAY 9", w / 6 - camera, h * 2 / 5);
                }
                for (double[] shape : shapes) {
                    shape[0] = (shape[0] + shape[3] + w) % w;
                    shape[1] = (shape[1] + shape[4] + h) % h;
                    g.setColor(new Color((int) shape[5]));
                    g.fillOval((int) shape[0], (int) shape[1], (int) shape[2], (int) (shape[2] * 1.6));
                }
                overlay.accept(g, t);
                if (s.design() != null && s.hidden().stream().noneMatch(x -> x.contains(t))) {
                    if (t < s.shrinkAt()) {
                        drawWide(g, s, t);
                    } else {
                        drawBug(g, s, t);
                    }
                }
                if (s.strip()) {
                    drawStrip(g, s, t);
                }
                if (s.ticker()) {
                    drawTicker(g, s, t);
                }
                g.dispose();
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + out, e);
        }
    }

    /** Other games' scores crawling right to left over a strip along the edge the bug is not on. */
    private static void drawTicker(Graphics2D g, Script s, double t) {
        int w = s.width();
        int h = s.height();
        Font font = (s.design() == null ? new Font("SansSerif", Font.BOLD, 14) : s.design().font());
        g.setFont(font.deriveFont(font.getSize2D() * 0.85f));
        var metrics = g.getFontMetrics();
        int stripH = metrics.getHeight() + 6;
        boolean top = s.design() == null || !s.design().top();
        int y = top ? 2 : h - stripH - 2;
        g.setColor(new Color(10, 10, 60));
        g.fillRect(0, y, w, stripH);
        g.setColor(new Color(255, 220, 0));
        String text = "NYK 88  BOS 91     LAL 70  MIA 65     DEN 101  PHX 99     UTA 45  POR 52     ";
        int textW = metrics.stringWidth(text);
        int x = -(int) (t * 90) % textW;
        for (int xx = x; xx < w; xx += textW) {
            g.drawString(text, xx, y + 3 + metrics.getAscent());
        }
    }

    private static Change shownAt(Script s, double t) {
        Change shown = new Change(0, 0, 0);
        for (Change c : s.changes()) {
            if (c.time() <= t) {
                shown = c;
            }
        }
        return shown;
    }

    private static void drawBug(Graphics2D g, Script s, double t) {
        Design d = s.design();
        Change c = shownAt(s, t);
        Font font = d.font();
        g.setFont(font);
        var metrics = g.getFontMetrics();
        int pad = Math.max(4, metrics.getHeight() / 4);
        int lineHeight = metrics.getAscent() + metrics.getDescent() + pad;
        Color back = d.lightOnDark() ? new Color(20, 24, 40) : new Color(238, 236, 228);
        Color text = d.lightOnDark() ? new Color(250, 250, 250) : new Color(16, 16, 24);
        String[] lines;
        switch (d.layout()) {
            case ONE_LINE -> lines = t >= s.swapAt()
                    ? new String[] {s.teamB() + " " + c.b() + "   " + s.teamA() + " " + c.a()}
                    : new String[] {s.teamA() + " " + c.a() + "   " + s.teamB() + " " + c.b()};
            case TWO_LINES -> lines = t >= s.swapAt()
                    ? new String[] {s.teamB() + "  " + c.b(), s.teamA() + "  " + c.a()}
                    : new String[] {s.teamA() + "  " + c.a(), s.teamB() + "  " + c.b()};
            case GAMES_AND_POINTS -> lines = new String[] {s.teamA() + "  " + c.gamesA() + "  " + c.a(),
                    s.teamB() + "  " + c.gamesB() + "  " + c.b()};
            default -> {
                drawColumns(g, s, c, t);
                return;
            }
        }
        int width = 0;
        for (String line : lines) {
            width = Math.max(width, metrics.stringWidth(line));
        }
        // fixed width for the design, so a wider score does not move the box
        width = Math.max(width, metrics.stringWidth(lines[0].replaceAll("\\d", "0") + "00"));
        int boxW = width + 2 * pad;
        int boxH = lines.length * lineHeight + pad;
        int x = (int) (d.left() * s.width());
        int y = d.top() ? (int) (0.05 * s.height()) : (int) (0.93 * s.height()) - boxH;
        g.setColor(back);
        g.fillRect(x, y, boxW, boxH);
        g.setColor(text);
        g.drawRect(x + 1, y + 1, boxW - 3, boxH - 3);
        for (int i = 0; i < lines.length; i++) {
            g.drawString(lines[i], x + pad, y + pad / 2 + metrics.getAscent() + i * lineHeight + pad / 2);
        }
        // the scoring team's logo sweeps over the score before each change
        for (Change change : s.changes()) {
            double start = change.time() - s.logoSeconds();
            if (t >= start && t < change.time()) {
                double p = (t - start) / s.logoSeconds();
                int size = boxH;
                int lx = x + (int) (p * (boxW - size / 2));
                g.setColor(new Color(200, 40 + (int) (p * 150), 40));
                g.fillOval(lx, y, size, size);
                g.setColor(Color.WHITE);
                g.fillOval(lx + size / 4, y + size / 4, size / 2, size / 2);
            }
        }
        for (Stretch covered : s.covered()) {
            if (covered.contains(t)) {
                // a player graphic slides over the right half of the bug
                g.setColor(new Color(90, 30, 140));
                g.fillRect(x + boxW / 2, y - 4, boxW / 2 + 40, boxH + 8);
            }
        }
    }

    /**
     * A row per team, the name on the left and numbers in fixed columns on the right: PANELS draws the games in a
     * box of the other polarity (and a serve dot), SETS draws sets, games and points (tennis).
     */
    private static void drawColumns(Graphics2D g, Script s, Change c, double t) {
        Design d = s.design();
        g.setFont(d.font());
        var metrics = g.getFontMetrics();
        int pad = Math.max(4, metrics.getHeight() / 4);
        int rowH = metrics.getAscent() + metrics.getDescent() + pad;
        int colW = metrics.stringWidth("00") + 3 * pad;
        boolean sets = d.layout() == Layout.SETS;
        int columns = sets ? 3 : 2;
        Advantage advantage = d.advantage();
        // (the points column is as wide as what it may show, so the box never changes size)
        int pointsW = !sets || advantage == null ? colW
                : advantage.deuceLabel() ? Math.max(colW, metrics.stringWidth("DEUCE") + 2 * pad)
                : Math.max(colW, metrics.stringWidth(advantage.mark()) + 3 * pad);
        int nameW = Math.max(metrics.stringWidth(s.teamA()), metrics.stringWidth(s.teamB())) + 3 * pad;
        int boxW = nameW + (columns - 1) * colW + pointsW;
        int boxH = 2 * rowH + pad;
        int x = (int) (d.left() * s.width());
        int y = d.top() ? (int) (0.05 * s.height()) : (int) (0.93 * s.height()) - boxH;
        Color back = d.lightOnDark() ? new Color(28, 28, 34) : new Color(240, 240, 236);
        Color text = d.lightOnDark() ? Color.WHITE : new Color(12, 12, 20);
        g.setColor(back);
        g.fillRect(x, y, boxW, boxH);
        boolean deuceLabel = sets && advantage != null && advantage.deuceLabel() && c.a() == 40 && c.b() == 40;
        String pointsA = deuceLabel ? "" : points(c.a(), c.b(), advantage);
        String pointsB = deuceLabel ? "" : points(c.b(), c.a(), advantage);
        String[][] rows = {
            sets ? new String[] {s.teamA(), "" + c.setsA(), "" + c.gamesA(), pointsA}
                 : new String[] {s.teamA(), "" + c.gamesA(), "" + c.a()},
            sets ? new String[] {s.teamB(), "" + c.setsB(), "" + c.gamesB(), pointsB}
                 : new String[] {s.teamB(), "" + c.gamesB(), "" + c.b()}};
        for (int r = 0; r < 2; r++) {
            int rowTop = y + pad / 2 + r * rowH;
            int base = rowTop + pad / 2 + metrics.getAscent();
            g.setColor(text);
            g.drawString(rows[r][0], x + pad, base);
            for (int col = 1; col < rows[r].length; col++) {
                int cx = x + nameW + (col - 1) * colW;
                String v = rows[r][col];
                boolean panel = col == 1; // the first column in a box of the other polarity
                if (panel) {
                    g.setColor(d.lightOnDark() ? new Color(150, 40, 190) : new Color(30, 60, 150));
                    g.fillRect(cx + 2, rowTop + 1, colW - 4, rowH - 2);
                    g.setColor(Color.WHITE);
                } else {
                    g.setColor(text);
                }
                int w = col == rows[r].length - 1 ? pointsW : colW;
                g.drawString(v, cx + (w - metrics.stringWidth(v)) / 2, base);
            }
        }
        if (deuceLabel) {
            // between the two rows, in the points column
            int cx = x + nameW + (columns - 1) * colW;
            g.setColor(text);
            g.drawString("DEUCE", cx + (pointsW - metrics.stringWidth("DEUCE")) / 2,
                    y + boxH / 2 + (metrics.getAscent() - metrics.getDescent()) / 2);
        }
        for (Change change : s.changes()) {
            double start = change.time() - s.logoSeconds();
            if (t >= start && t < change.time()) {
                // a flash over the points column before each change
                double p = (t - start) / s.logoSeconds();
                g.setColor(new Color(255, 200, 0, 90 + (int) (p * 150)));
                g.fillRect(x + nameW + (columns - 1) * colW, y, pointsW, boxH);
            }
        }
    }

    /** A tennis player's points as the bug draws them: the advantage's mark, a blank or 40 beside it, else the number. */
    private static String points(int own, int other, Advantage advantage) {
        if (advantage == null) {
            return Integer.toString(own);
        }
        return own == AD ? advantage.mark() : other == AD && advantage.otherBlank() ? "" : Integer.toString(own);
    }

    /** A full-width strip of other games' scores along the edge the bug is on, touching it; a page every 3 s. */
    private static void drawStrip(Graphics2D g, Script s, double t) {
        int w = s.width();
        int h = s.height();
        // (without a bug: the strip stays where the bug's design had it, else at the bottom, light on dark)
        boolean top = s.design() != null && s.design().top();
        boolean lightOnDark = s.design() == null || s.design().lightOnDark();
        Font font = s.design() == null ? new Font("SansSerif", Font.BOLD, 14) : s.design().font();
        int y0 = top ? 0 : (int) (0.93 * h);
        int y1 = top ? (int) (0.05 * h) : h;
        int stripH = y1 - y0;
        g.setColor(lightOnDark ? new Color(12, 12, 14) : new Color(225, 228, 235));
        g.fillRect(0, y0, w, stripH);
        g.setFont(font.deriveFont(Math.max(9f, stripH * 0.75f)));
        var metrics = g.getFontMetrics();
        int base = y0 + (stripH + metrics.getAscent() - metrics.getDescent()) / 2;
        // the network's block at the left, the same on every page
        g.setColor(new Color(190, 20, 30));
        g.fillRect(0, y0, w / 8, stripH);
        g.setColor(Color.WHITE);
        g.drawString("NEWS", 6, base);
        String[] pages = {"PORTLAND 4  |  MARYLAND 61  IOWA ST 58  |  7:30 ET",
            "TEXAS 72  DREXEL 40  |  SC 55  PRES 25  |  FINAL",
            "LOU 54  MTSU 57  |  UCONN 80  JACKSON ST 49  |  4TH"};
        String page = pages[(int) (t / 3) % pages.length];
        g.setColor(lightOnDark ? new Color(255, 210, 40) : new Color(20, 30, 90));
        g.drawString(page, w / 8 + 10, base);
    }

    /**
     * The wide graphic a bug starts as: the teams' long names each side of both scores, centred across the bottom
     * (about 0.8 of the width, not the full width), a banner on top.
     */
    private static void drawWide(Graphics2D g, Script s, double t) {
        int w = s.width();
        int h = s.height();
        Change c = shownAt(s, t);
        Font font = s.design().font().deriveFont(s.design().font().getSize2D() * 1.2f);
        g.setFont(font);
        var metrics = g.getFontMetrics();
        int boxH = metrics.getHeight() * 2;
        int x0 = (int) (0.11 * w);
        int x1 = (int) (0.89 * w);
        int y = (int) (0.8 * h);
        Color back = s.design().lightOnDark() ? new Color(22, 26, 30) : new Color(240, 238, 232);
        Color text = s.design().lightOnDark() ? new Color(245, 245, 245) : new Color(14, 14, 22);
        g.setColor(back);
        g.fillRect(x0, y, x1 - x0, boxH);
        g.fillRect(w / 2 - w / 8, y - boxH / 2 - 4, w / 4, boxH / 2);
        g.setColor(text);
        g.setFont(font.deriveFont(font.getSize2D() * 0.6f));
        g.drawString("LEAGUE", w / 2 - g.getFontMetrics().stringWidth("LEAGUE") / 2, y - 8);
        g.setFont(font);
        int base = y + (boxH + metrics.getAscent() - metrics.getDescent()) / 2;
        String a = s.wideNames().get(0);
        String b = s.wideNames().get(1);
        String scores = c.a() + "   " + c.b();
        g.drawString(a, w / 2 - w / 14 - metrics.stringWidth(a) - 20, base);
        g.drawString(scores, w / 2 - metrics.stringWidth(scores) / 2, base);
        g.drawString(b, w / 2 + w / 14 + 20, base);
        g.fillRect(w / 2 - w / 14 - metrics.stringWidth(a) - 20, base + 4, metrics.stringWidth(a), 2);
    }

    private ScoreBugFootage() {
    }

    /**
     * A recorder (not started) for silent synthetic test footage: H.264 in MP4, yuv420p, ultrafast at CRF 23, at
     * {@code fps}; the codec's own GOP unless the caller sets one.
     */
    public static FFmpegFrameRecorder testRecorder(Path out, int width, int height, double fps) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(AV_CODEC_ID_H264);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setVideoOption("preset", "ultrafast");
        recorder.setVideoOption("crf", "23");
        return recorder;
    }
}
