package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link BugOcr#readEmptyPanels}: the games of a two-row bug drawn in a box of another colour, which the crop's
 * passes leave unread, are read alone on their panel's ink ({@link PanelInk}) and complete the reading; a panel where
 * a word was read is left alone. Made-up designs (bug, text, panel and digit colours; one box per row or one box
 * over both rows; three faces and sizes), drawn as grey crops like the reader's.
 */
class PanelWordsTest {

    static final BugLayout PINGPONG = new BugLayout(List.of(new BugLayout.Column("games", 4),
            new BugLayout.Column("points", 40)), 2, null);

    /** A bug design: background, names and points, the games panel and its digits, one box over both rows or not. */
    record Design(String name, Color bug, Color text, Color panel, Color digit, boolean oneBox, Font font) {
        @Override
        public String toString() {
            return name + " " + font.getFamily() + " " + font.getSize();
        }
    }

    static List<Design> designs() {
        List<Design> out = new ArrayList<>();
        Font[] fonts = {new Font("SansSerif", Font.BOLD, 15), new Font("Serif", Font.BOLD, 19),
            new Font("Monospaced", Font.BOLD, 24)};
        for (Font f : fonts) {
            out.add(new Design("dark digits on a mid red box over both rows in a dark bug", new Color(24, 26, 30),
                    Color.WHITE, new Color(205, 45, 50), new Color(14, 14, 16), true, f));
            out.add(new Design("dark digits on a light box per row in a navy bug", new Color(20, 30, 70),
                    new Color(240, 240, 240), new Color(215, 220, 200), new Color(20, 20, 30), false, f));
            out.add(new Design("light digits on a teal box per row in a light bug", new Color(236, 236, 228),
                    new Color(16, 16, 24), new Color(20, 120, 120), new Color(250, 240, 170), false, f));
        }
        return out;
    }

    private static OcrData data;
    private static BugOcr ocr;

    @BeforeAll
    static void open() {
        data = OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
        ocr = new BugOcr(data);
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void theGamesInTheirPanelsCompleteTheReading(Design design) {
        Crop crop = Crop.draw(design, "3", "1", "7", "11");
        List<BugOcr.Word> words = todaysWords(crop);
        List<BugOcr.Word> all = new ArrayList<>(words);
        all.addAll(ocr.readEmptyPanels(crop.grey(), crop.width(), crop.height(), words));
        BugReading reading = BugReading.of(all, PINGPONG);
        assertThat(reading).as("words %s", all).isNotNull();
        assertThat(reading.teams()).containsExactly("KOVAC", "ODUYA");
        assertThat(reading.scores()).containsExactly(7, 11);
        assertThat(reading.games()).isEqualTo("3-1");
    }

    @Test
    void aPanelWhereAWordWasReadIsNotReadAgain() {
        Design design = designs().get(1);
        Crop crop = Crop.draw(design, "3", "1", "7", "11");
        List<BugOcr.Word> words = new ArrayList<>(todaysWords(crop));
        // a word already read in each games box (as the passes give it): the panel reading adds nothing there
        for (Rectangle box : crop.panels()) {
            words.removeIf(w -> w.x() < box.x + box.width && box.x < w.right() && w.y() < box.y + box.height
                    && box.y < w.y() + w.height());
            words.add(new BugOcr.Word("4", box.x + 2, box.y + 2, box.width - 4, box.height - 4, 90));
        }
        List<BugOcr.Word> added = ocr.readEmptyPanels(crop.grey(), crop.width(), crop.height(), words);
        for (Rectangle box : crop.panels()) {
            assertThat(added).noneMatch(w -> w.x() < box.x + box.width && box.x < w.right()
                    && w.y() < box.y + box.height && box.y < w.y() + w.height());
        }
    }

    /** The words of the crop's passes, as the reader takes them (the first list, or the one that reads as a score). */
    private static List<BugOcr.Word> todaysWords(Crop crop) {
        List<List<BugOcr.Word>> readings = ocr.read(crop.grey(), crop.width(), crop.height(), w -> {
            BugReading r = BugReading.of(w, PINGPONG);
            return r != null && r.complete();
        });
        return readings.stream().filter(w -> BugReading.of(w, PINGPONG) != null).findFirst().orElse(readings.get(0));
    }

    /** A grey crop of a two-row bug, with a margin of plain picture grey around it, and where its games boxes are. */
    record Crop(byte[] grey, int width, int height, List<Rectangle> panels) {
        static Crop draw(Design d, String gamesA, String gamesB, String pointsA, String pointsB) {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
            var metrics = probe.createGraphics().getFontMetrics(d.font());
            int pad = Math.max(4, metrics.getHeight() / 4);
            int rowH = metrics.getAscent() + metrics.getDescent() + pad;
            int nameW = metrics.stringWidth("KOVAC") + 3 * pad;
            int colW = metrics.stringWidth("00") + 3 * pad;
            int margin = 6;
            int width = 2 * margin + nameW + 2 * colW;
            int height = 2 * margin + 2 * rowH + pad;
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(d.font());
            g.setColor(new Color(90, 110, 80));
            g.fillRect(0, 0, width, height);
            g.setColor(d.bug());
            g.fillRect(margin, margin, width - 2 * margin, height - 2 * margin);
            String[][] rows = {{"KOVAC", gamesA, pointsA}, {"ODUYA", gamesB, pointsB}};
            List<Rectangle> panels = new ArrayList<>();
            int gx = margin + nameW;
            if (d.oneBox()) {
                panels.add(new Rectangle(gx + 2, margin + pad / 2, colW - 4, 2 * rowH));
            }
            for (int r = 0; r < 2; r++) {
                int rowTop = margin + pad / 2 + r * rowH;
                if (!d.oneBox()) {
                    panels.add(new Rectangle(gx + 2, rowTop + 1, colW - 4, rowH - 2));
                }
            }
            g.setColor(d.panel());
            panels.forEach(p -> g.fillRect(p.x, p.y, p.width, p.height));
            for (int r = 0; r < 2; r++) {
                int base = margin + pad / 2 + r * rowH + pad / 2 + metrics.getAscent();
                g.setColor(d.text());
                g.drawString(rows[r][0], margin + pad, base);
                g.setColor(d.digit());
                g.drawString(rows[r][1], gx + (colW - metrics.stringWidth(rows[r][1])) / 2, base);
                g.setColor(d.text());
                g.drawString(rows[r][2], gx + colW + (colW - metrics.stringWidth(rows[r][2])) / 2, base);
            }
            g.dispose();
            BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D gg = grey.createGraphics();
            gg.drawImage(image, 0, 0, null);
            gg.dispose();
            byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
            return new Crop(pixels, width, height, panels);
        }
    }
}
