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
    public enum Layout { ONE_LINE, TWO_LINES, GAMES_AND_POINTS }

    public record Design(String name, Layout layout, boolean top, boolean lightOnDark, Font font, double left) {
    }

    /** From {@code time} on the bug shows {@code a} and {@code b} (for table tennis: points, with games). */
    public record Change(double time, int a, int b, int gamesA, int gamesB) {
        public Change(double time, int a, int b) {
            this(time, a, b, 0, 0);
        }
    }

    public record Stretch(double start, double end) {
        boolean contains(double t) {
            return t >= start && t < end;
        }
    }

    public record Script(int width, int height, double fps, double seconds, Design design, String teamA,
                         String teamB, List<Change> changes, List<Stretch> hidden, List<Stretch> covered,
                         double logoSeconds, long seed) {
        public Script withHidden(double start, double end) {
            List<Stretch> h = new ArrayList<>(hidden);
            h.add(new Stretch(start, end));
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, h, covered, logoSeconds, seed);
        }

        public Script withCovered(double start, double end) {
            List<Stretch> c = new ArrayList<>(covered);
            c.add(new Stretch(start, end));
            return new Script(width, height, fps, seconds, design, teamA, teamB, changes, hidden, c, logoSeconds, seed);
        }

        public Script withoutBug() {
            return new Script(width, height, fps, seconds, null, teamA, teamB, changes, hidden, covered, logoSeconds, seed);
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
        Random random = new Random(s.seed());
        int w = s.width();
        int h = s.height();
        int frames = (int) Math.round(s.seconds() * s.fps());
        // shapes drifting over the floor; a cut every 2.5-4 s changes the look and the shapes
        double[][] shapes = new double[14][];
        Color floor = null;
        double nextCut = 0;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), w, h, 0);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(AV_CODEC_ID_H264);
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(s.fps());
            recorder.setVideoOption("preset", "ultrafast");
            recorder.setVideoOption("crf", "23");
            recorder.setGopSize((int) s.fps() * 2);
            recorder.start();
            for (int f = 0; f < frames; f++) {
                double t = f / s.fps();
                if (t >= nextCut) {
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
                for (double[] shape : shapes) {
                    shape[0] = (shape[0] + shape[3] + w) % w;
                    shape[1] = (shape[1] + shape[4] + h) % h;
                    g.setColor(new Color((int) shape[5]));
                    g.fillOval((int) shape[0], (int) shape[1], (int) shape[2], (int) (shape[2] * 1.6));
                }
                if (s.design() != null && s.hidden().stream().noneMatch(x -> x.contains(t))) {
                    drawBug(g, s, t);
                }
                g.dispose();
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not write " + out, e);
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
            case ONE_LINE -> lines = new String[] {s.teamA() + " " + c.a() + "   " + s.teamB() + " " + c.b()};
            case TWO_LINES -> lines = new String[] {s.teamA() + "  " + c.a(), s.teamB() + "  " + c.b()};
            default -> lines = new String[] {s.teamA() + "  " + c.gamesA() + "  " + c.a(),
                    s.teamB() + "  " + c.gamesB() + "  " + c.b()};
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

    private ScoreBugFootage() {
    }
}
