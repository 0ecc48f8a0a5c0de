package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What looking for the bug costs when an overlay never reads as a score (a channel's logo, a sponsor's panel): the
 * finder reads it once in full, then backs off ({@link BugFinder}), so Tesseract's recognitions stay a handful per
 * minute of video instead of one full read at every look (about every 2 s).
 */
class BugFinderCostTest {

    /** Length of the footage, in seconds: long enough for many looks. */
    private static final double SECONDS = 48;

    @TempDir
    Path dir;

    @Test
    void aChannelLogoThatNeverReadsAsAScoreIsNotReadAtEveryLook() throws Exception {
        assertFewRecognitions(new Overlay("logo", 640, 360, 25, true, true, new Font("SansSerif", Font.BOLD, 22),
                "CSN", "LIVE", 7));
    }

    @Test
    void aSponsorPanelAtTheBottomIsNotReadAtEveryLook() throws Exception {
        assertFewRecognitions(new Overlay("sponsor", 960, 540, 30, false, false, new Font("Serif", Font.BOLD, 26),
                "COURTSIDE", "SPORTS NET", 19));
    }

    /** An overlay that stays on screen over a moving picture with cuts: two words in a panel, no scores. */
    record Overlay(String name, int width, int height, double fps, boolean top, boolean lightOnDark, Font font,
                   String line1, String line2, long seed) {
    }

    private void assertFewRecognitions(Overlay overlay) throws Exception {
        Path video = dir.resolve(overlay.name() + ".mp4");
        write(overlay, video);
        long before = BugOcr.RECOGNITIONS.get();
        ScoreTimeline timeline;
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), overlay.fps())) {
            DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> reader.frame(time, grey,
                    overview, DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT));
            timeline = reader.timeline(SECONDS);
            assertThat(reader.reads()).as("crops read").isPositive(); // the overlay was a candidate, read at least once
        }
        long recognitions = BugOcr.RECOGNITIONS.get() - before;
        assertThat(timeline.states()).as("no score invented from the overlay").isEmpty();
        // a read that fails is about three recognitions: read at the first look and again at the next, then backing off
        // (4 s, then 8 s) within a budget per minute; without the back-off about 3 per look, a look every 2 s (64 and 92
        // measured here)
        assertThat(recognitions).as("Tesseract recognitions in %s s", SECONDS).isLessThanOrEqualTo(30);
    }

    private static void write(Overlay o, Path out) throws Exception {
        Random random = new Random(o.seed());
        int w = o.width();
        int h = o.height();
        int frames = (int) Math.round(SECONDS * o.fps());
        double[][] shapes = new double[12][];
        Color floor = null;
        double nextCut = 0;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        try (FFmpegFrameRecorder recorder = ScoreBugFootage.testRecorder(out, w, h, o.fps());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setGopSize((int) o.fps() * 2);
            recorder.start();
            for (int f = 0; f < frames; f++) {
                double t = f / o.fps();
                if (t >= nextCut) {
                    floor = new Color(50 + random.nextInt(160), 40 + random.nextInt(140), 30 + random.nextInt(140));
                    for (int i = 0; i < shapes.length; i++) {
                        shapes[i] = new double[] {random.nextInt(w), random.nextInt(h), 20 + random.nextInt(w / 8),
                                (random.nextDouble() - 0.5) * 12, (random.nextDouble() - 0.5) * 6,
                                random.nextInt(0xffffff)};
                    }
                    nextCut = t + 2.5 + random.nextDouble() * 2;
                }
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setColor(floor);
                g.fillRect(0, 0, w, h);
                g.setColor(new Color(230, 230, 230));
                g.setStroke(new BasicStroke(3));
                int pan = (int) (t * 45) % w;
                g.drawLine(pan, 0, pan, h);
                for (double[] s : shapes) {
                    s[0] = (s[0] + s[3] + w) % w;
                    s[1] = (s[1] + s[4] + h) % h;
                    g.setColor(new Color((int) s[5]));
                    g.fillOval((int) s[0], (int) s[1], (int) s[2], (int) (s[2] * 1.4));
                }
                drawOverlay(g, o);
                g.dispose();
                recorder.record(converter.convert(image));
            }
            recorder.stop();
        }
    }

    /** Two lines of words in a panel, in a top corner or along the bottom, the same in every frame. */
    private static void drawOverlay(Graphics2D g, Overlay o) {
        g.setFont(o.font());
        int lineHeight = g.getFontMetrics().getHeight();
        int textWidth = Math.max(g.getFontMetrics().stringWidth(o.line1()), g.getFontMetrics().stringWidth(o.line2()));
        int pw = textWidth + lineHeight;
        int ph = 2 * lineHeight + lineHeight / 2;
        int x = o.top() ? o.width() - pw - o.width() / 20 : o.width() / 16;
        int y = o.top() ? o.height() / 18 : o.height() - ph - o.height() / 14;
        g.setColor(o.lightOnDark() ? new Color(20, 24, 60) : new Color(235, 235, 225));
        g.fillRoundRect(x, y, pw, ph, lineHeight / 2, lineHeight / 2);
        g.setColor(o.lightOnDark() ? new Color(240, 240, 240) : new Color(25, 25, 25));
        g.drawString(o.line1(), x + lineHeight / 2, y + lineHeight);
        g.drawString(o.line2(), x + lineHeight / 2, y + 2 * lineHeight);
    }

    private static OcrData ocrData() {
        return OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
    }
}
