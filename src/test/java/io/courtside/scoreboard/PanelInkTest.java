package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * {@link PanelInk} on generated bug crops: a name on the bug's background and a digit on a panel of another grey,
 * in designs where one threshold for the whole crop cannot tell the digit from its panel (dark digits on a mid red
 * panel beside a dark bug, as WTT draws its games) and in others (light and dark panels, saturated colours, both
 * polarities, three sizes). The digit's pixels (drawn alone as the ground truth) must be ink and its panel around
 * it not.
 */
class PanelInkTest {

    /** A bug: its background, a name's colour on it, a panel's colour and its digit's colour. */
    record Design(String name, Color bug, Color text, Color panel, Color digit) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Design> designs() {
        return List.of(
                // WTT Singapore: dark digits (~15) on a red panel (~85) beside a dark bug (~25)
                new Design("dark digit on red beside a dark bug", new Color(25, 25, 28), Color.WHITE,
                        new Color(200, 40, 40), new Color(15, 15, 15)),
                // Paris tennis: dark digits on a light panel in a dark bug
                new Design("dark digit on a light panel", new Color(30, 32, 36), new Color(235, 235, 235),
                        new Color(225, 225, 220), new Color(20, 20, 24)),
                // a light bug with a dark navy panel and white digits
                new Design("white digit on navy in a light bug", new Color(238, 238, 232), new Color(15, 15, 22),
                        new Color(30, 60, 150), Color.WHITE),
                // a saturated purple panel, white digits, dark bug
                new Design("white digit on purple in a dark bug", new Color(28, 28, 34), Color.WHITE,
                        new Color(150, 40, 190), Color.WHITE),
                // a mid-grey bug, a darker panel with light digits, dark name
                new Design("light digit on a dark panel in a mid bug", new Color(130, 130, 130), new Color(10, 10, 10),
                        new Color(60, 60, 60), new Color(210, 210, 210)),
                // a yellow panel (light) with dark digits in a blue bug
                new Design("dark digit on yellow in a blue bug", new Color(20, 50, 120), Color.WHITE,
                        new Color(240, 200, 30), new Color(25, 25, 25)));
    }

    static List<Object[]> cases() {
        return designs().stream().flatMap(d -> java.util.stream.Stream.of(12, 16, 22)
                .map(size -> new Object[] {d, size})).toList();
    }

    @ParameterizedTest(name = "{0}, {1} px")
    @MethodSource("cases")
    void theDigitOnItsPanelAndTheNameOnTheBugAreInk(Design design, int size) {
        Crop crop = Crop.draw(design, size, "7");
        boolean[] ink = ink(PanelInk.strength(crop.grey, crop.width, crop.height));
        assertThat(recall(ink, crop.digit, crop.width)).as("the digit's pixels that are ink").isGreaterThan(0.8);
        assertThat(stray(ink, crop.digit, crop.panel, crop.width)).as("the panel's pixels around the digit that are ink")
                .isLessThan(0.05);
        assertThat(recall(ink, crop.name, crop.width)).as("the name's pixels that are ink").isGreaterThan(0.8);
    }

    @Test
    void oneThresholdForTheWholeCropLosesTheDigitThatPanelInkReads() {
        // the design this replaces: one Otsu threshold over the crop, the minority side as ink
        Design wtt = designs().get(0);
        for (int size : new int[] {12, 16, 22}) {
            Crop crop = Crop.draw(wtt, size, "2");
            boolean[] one = oneThreshold(crop.grey);
            boolean[] panels = ink(PanelInk.strength(crop.grey, crop.width, crop.height));
            assertThat(recall(one, crop.digit, crop.width)).as("one threshold, %d px", size).isLessThan(0.3);
            assertThat(recall(panels, crop.digit, crop.width)).as("panel by panel, %d px", size).isGreaterThan(0.8);
        }
    }

    @Test
    void aCropWithoutTextHasNoInk() {
        // flat panels only (a bug between two scores, a flag): their noise-free edges are no text
        BufferedImage image = new BufferedImage(200, 50, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, 200, 50);
        g.setColor(new Color(200, 40, 40));
        g.fillRect(120, 8, 40, 34);
        g.setColor(new Color(220, 220, 220));
        g.fillRect(10, 10, 30, 20);
        g.dispose();
        byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        boolean[] ink = ink(PanelInk.strength(grey, 200, 50));
        int count = 0;
        for (boolean b : ink) {
            count += b ? 1 : 0;
        }
        assertThat(count).isZero();
    }

    // ---- generated crops ----

    /** A grey crop with the bug's name and a panel's digit, and where the digit, its panel and the name lie. */
    record Crop(byte[] grey, int width, int height, boolean[] digit, Rectangle panel, boolean[] name) {
        static Crop draw(Design d, int size, String digit) {
            Font font = new Font("SansSerif", Font.BOLD, size);
            int height = size * 3;
            int width = size * 14;
            Rectangle panel = new Rectangle(size * 9, size / 2, size * 2, height - size);
            int nameX = size / 2;
            int base = height / 2 + size * 3 / 8;
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(d.bug());
            g.fillRect(0, 0, width, height);
            g.setColor(d.panel());
            g.fillRect(panel.x, panel.y, panel.width, panel.height);
            g.setColor(d.text());
            g.drawString("LIN", nameX, base);
            int digitX = panel.x + (panel.width - g.getFontMetrics().stringWidth(digit)) / 2;
            g.setColor(d.digit());
            g.drawString(digit, digitX, base);
            g.dispose();
            byte[] grey = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            return new Crop(grey, width, height, mask(width, height, font, digit, digitX, base),
                    panel, mask(width, height, font, "LIN", nameX, base));
        }

        /** Where {@code text} drawn alone covers at least half a pixel. */
        private static boolean[] mask(int width, int height, Font font, String text, int x, int base) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setColor(Color.WHITE);
            g.drawString(text, x, base);
            g.dispose();
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            boolean[] mask = new boolean[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                mask[i] = (pixels[i] & 0xff) >= 160;
            }
            return mask;
        }
    }

    private static boolean[] ink(byte[] strength) {
        boolean[] ink = new boolean[strength.length];
        for (int i = 0; i < strength.length; i++) {
            ink[i] = (strength[i] & 0xff) >= PanelInk.INK;
        }
        return ink;
    }

    /** The share of the glyph's pixels that are ink. */
    private static double recall(boolean[] ink, boolean[] glyph, int width) {
        int hit = 0;
        int all = 0;
        for (int i = 0; i < glyph.length; i++) {
            if (glyph[i]) {
                all++;
                hit += ink[i] ? 1 : 0;
            }
        }
        return hit / (double) Math.max(1, all);
    }

    /** The share of the panel's pixels, more than a pixel away from the glyph, that are ink. */
    private static double stray(boolean[] ink, boolean[] glyph, Rectangle panel, int width) {
        int stray = 0;
        int all = 0;
        for (int y = panel.y + 2; y < panel.y + panel.height - 2; y++) {
            for (int x = panel.x + 2; x < panel.x + panel.width - 2; x++) {
                boolean near = false;
                for (int dy = -1; dy <= 1 && !near; dy++) {
                    for (int dx = -1; dx <= 1 && !near; dx++) {
                        near = glyph[(y + dy) * width + x + dx];
                    }
                }
                if (!near) {
                    all++;
                    stray += ink[y * width + x] ? 1 : 0;
                }
            }
        }
        return stray / (double) Math.max(1, all);
    }

    /** One Otsu threshold over the whole crop, the side with fewer pixels as ink (the old preparation). */
    private static boolean[] oneThreshold(byte[] grey) {
        int[] histogram = new int[256];
        for (byte b : grey) {
            histogram[b & 0xff]++;
        }
        double total = grey.length;
        double sum = 0;
        for (int i = 0; i < 256; i++) {
            sum += i * (double) histogram[i];
        }
        double best = -1;
        int threshold = 0;
        double weightBelow = 0;
        double sumBelow = 0;
        for (int t = 0; t < 256; t++) {
            weightBelow += histogram[t];
            sumBelow += t * (double) histogram[t];
            double weightAbove = total - weightBelow;
            if (weightBelow == 0 || weightAbove == 0) {
                continue;
            }
            double meanBelow = sumBelow / weightBelow;
            double meanAbove = (sum - sumBelow) / weightAbove;
            double between = weightBelow * weightAbove * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (between > best) {
                best = between;
                threshold = t;
            }
        }
        int above = 0;
        for (byte b : grey) {
            above += (b & 0xff) > threshold ? 1 : 0;
        }
        boolean inkAbove = above * 2 < grey.length;
        boolean[] ink = new boolean[grey.length];
        for (int i = 0; i < grey.length; i++) {
            ink[i] = ((grey[i] & 0xff) > threshold) == inkAbove;
        }
        return ink;
    }
}
