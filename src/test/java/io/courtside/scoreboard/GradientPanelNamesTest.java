package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A one-row bug whose team names are light grey on panels shaded from a dark to a mid colour (a vertical gradient
 * lighter in the middle, or a horizontal one lighter toward the score), a team's logo beside each name (a disc with a
 * mark in it), the scores white on dark boxes and the clock dark on a light box, in faces no other test uses. The
 * reading the reader takes (the first that reads completely) shows the teams and their scores, and no list of words,
 * the closer look's ({@link BugOcr#textDetail}) among them, reads as another score (a logo is no digit). The two colour
 * designs the ordinary passes read too (a guard that the closer look invents nothing); the grey one, without logos,
 * only the closer look reads.
 */
class GradientPanelNamesTest {

    static final BugLayout BASKETBALL = new BugLayout(List.of(new BugLayout.Column("points", 250)), 1, null);

    /**
     * A design: a vertical gradient (else horizontal), the panel's colours at its edge and middle, the names' grey,
     * a face, and the teams.
     */
    record Design(boolean vertical, Color edge, Color middle, int name, Font font, String teamA, String teamB,
                  boolean logo) {
        @Override
        public String toString() {
            return (vertical ? "vertical " : "horizontal ") + hex(edge) + "-" + hex(middle) + " names " + name + " "
                    + font.getFontName() + " " + font.getSize() + " " + teamA + "/" + teamB;
        }

        private static String hex(Color c) {
            return String.format("#%06x", c.getRGB() & 0xffffff);
        }
    }

    static List<Design> designs() {
        // faces no other test draws with (the JDK falls back to its own where one is missing)
        return List.of(
                new Design(true, new Color(70, 20, 35), new Color(190, 90, 105), 245,
                        new Font("Liberation Sans Narrow", Font.BOLD, 26), "DAL", "PHX", true),
                new Design(false, new Color(20, 40, 90), new Color(100, 145, 205), 240,
                        new Font("Liberation Serif", Font.BOLD, 26), "MIL", "ORL", true),
                greyGradient());
    }

    /** Grey names on grey panels lighter in the middle, no logo: the ordinary passes read the scores, not the names. */
    static Design greyGradient() {
        return new Design(true, new Color(55, 55, 60), new Color(165, 165, 160), 250,
                new Font("Liberation Sans", Font.PLAIN, 24), "DEN", "UTA", false);
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
    void namesOnShadedPanelsAreReadWithTheirScores(Design design) {
        Crop crop = Crop.draw(design, "68", "74");
        List<List<BugOcr.Word>> readings = ocr.read(crop.grey(), crop.width(), crop.height(), w -> {
            BugReading r = BugReading.of(w, BASKETBALL);
            return r != null && r.complete();
        });
        BugReading taken = readings.stream().map(w -> BugReading.of(w, BASKETBALL))
                .filter(r -> r != null && r.complete()).findFirst().orElse(null);
        assertThat(taken).as("readings %s", readings).isNotNull();
        assertThat(taken.teams()).containsExactly(design.teamA(), design.teamB());
        assertThat(taken.scores()).containsExactly(68, 74);
        for (List<BugOcr.Word> words : readings) {
            BugReading r = BugReading.of(words, BASKETBALL);
            if (r != null) {
                assertThat(r.scores()).as("words %s", words).containsExactly(68, 74);
            }
        }
    }

    /** What makes the grey design read: without the closer look its names are lost and no reading is complete. */
    @org.junit.jupiter.api.Test
    void theGreyPanelsNamesNeedTheCloserLook() {
        Crop crop = Crop.draw(greyGradient(), "68", "74");
        List<List<BugOcr.Word>> readings = ocr.read(crop.grey(), crop.width(), crop.height(), w -> false, false);
        assertThat(readings).as("readings %s", readings).noneMatch(words -> {
            BugReading r = BugReading.of(words, BASKETBALL);
            return r != null && r.complete();
        });
    }

    /** A grey crop of the bug as the reader takes it, with a margin of picture around it. */
    record Crop(byte[] grey, int width, int height) {
        static Crop draw(Design d, String scoreA, String scoreB) {
            BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
            var metrics = probe.createGraphics().getFontMetrics(d.font());
            int textH = metrics.getAscent();
            int barH = textH * 2;
            int margin = 8;
            int logo = (int) (barH * 0.8);
            int panelW = logo + metrics.stringWidth("WWW") + textH;
            int scoreW = metrics.stringWidth("000") + textH / 2;
            int clockW = metrics.stringWidth("Q4 10:00") + textH;
            int width = 2 * margin + 2 * (panelW + scoreW) + clockW;
            int height = 2 * margin + barH;
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = image.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // the picture around the bug: soft shapes (a court, players far off), lighter and darker than the panels
            Random random = new Random(d.toString().hashCode());
            for (int px = 0; px < width; px += 2) {
                int v = (int) (110 + 40 * Math.sin(px / 23.0 + random.nextDouble() * 0.2));
                g.setColor(new Color(v, v - 10, v - 25));
                g.fillRect(px, 0, 2, height);
            }
            g.setColor(new Color(28, 28, 30));
            g.fillRect(margin, margin, width - 2 * margin, barH);
            g.setFont(d.font());
            int base = margin + (barH + textH) / 2;
            int x = margin;
            String[][] teams = {{d.teamA(), scoreA}, {d.teamB(), scoreB}};
            for (String[] team : teams) {
                Color edge = d.edge();
                Color middle = d.middle();
                if (d.vertical()) {
                    // lighter in the middle: two gradients meeting there
                    g.setPaint(new GradientPaint(0, margin, edge, 0, margin + barH / 2f, middle));
                    g.fillRect(x + 2, margin + 2, panelW - 4, barH / 2 - 2);
                    g.setPaint(new GradientPaint(0, margin + barH / 2f, middle, 0, margin + barH, edge));
                    g.fillRect(x + 2, margin + barH / 2, panelW - 4, barH / 2 - 2);
                } else {
                    g.setPaint(new GradientPaint(x, 0, edge, x + panelW, 0, middle));
                    g.fillRect(x + 2, margin + 2, panelW - 4, barH - 4);
                }
                if (d.logo()) {
                    drawLogo(g, x + textH / 3, margin + (barH - logo) / 2, logo);
                }
                g.setColor(new Color(d.name(), d.name(), d.name()));
                g.drawString(team[0], x + textH / 3 + logo + textH / 3, base);
                x += panelW;
                g.setColor(new Color(18, 18, 20));
                g.fillRect(x, margin + 2, scoreW, barH - 4);
                g.setColor(Color.WHITE);
                g.drawString(team[1], x + (scoreW - metrics.stringWidth(team[1])) / 2, base);
                x += scoreW;
            }
            g.setColor(new Color(225, 225, 222));
            g.fillRect(x + 2, margin + 2, clockW - 4, barH - 4);
            g.setColor(new Color(20, 20, 20));
            g.drawString("Q4 7:41", x + textH / 2, base);
            g.dispose();
            byte[] grey = new byte[width * height];
            for (int y = 0; y < height; y++) {
                for (int px = 0; px < width; px++) {
                    int rgb = image.getRGB(px, y);
                    int r = (rgb >> 16) & 0xff;
                    int gr = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    grey[y * width + px] = (byte) ((299 * r + 587 * gr + 114 * b) / 1000);
                }
            }
            return new Crop(grey, width, height);
        }

        /** A team's logo: a mid-grey disc with a light slanted mark and a dark bar across it. */
        private static void drawLogo(Graphics2D g, int x, int y, int size) {
            g.setColor(new Color(120, 120, 126));
            g.fillOval(x, y, size, size);
            g.setColor(new Color(215, 200, 120));
            Path2D mark = new Path2D.Double();
            mark.moveTo(x + size * 0.3, y + size * 0.85);
            mark.lineTo(x + size * 0.55, y + size * 0.15);
            mark.lineTo(x + size * 0.72, y + size * 0.15);
            mark.lineTo(x + size * 0.47, y + size * 0.85);
            mark.closePath();
            g.fill(mark);
            g.setColor(new Color(40, 40, 60));
            g.fillRect(x + size / 6, y + size * 2 / 5, size * 2 / 3, size / 6);
        }
    }
}
