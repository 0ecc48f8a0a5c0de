package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A score drawn in a face so heavy that its digits fill most of their box (ESPN's "81": its 8 read as "i", "2d" or
 * "Sh") is read as drawn: {@link BugOcr} turns filled boxes with light shapes inside (a clock panel of the other
 * polarity) to dark on light, and a heavy digit is one such shape but for its rounded corners. Made-up one-row bugs
 * (bug and panel colours, three faces and sizes, scores of round digits), each with a light clock panel of dark
 * text beside the scores that must still be turned, drawn as grey crops like the reader's.
 */
class HeavyDigitsTest {

    static final BugLayout BASKETBALL = new BugLayout(List.of(new BugLayout.Column("points", 250)), 1, null);

    /** A bug design: its background and text, the clock panel and its text, the face, and the scores. */
    record Design(String name, Color bug, Color text, Color panel, Color panelText, Font font, int scoreA,
                  int scoreB, PanelShape shape) {
        Design(String name, Color bug, Color text, Color panel, Color panelText, Font font, int scoreA, int scoreB) {
            this(name, bug, text, panel, panelText, font, scoreA, scoreB, PanelShape.SQUARE);
        }

        @Override
        public String toString() {
            return name + " " + shape + " " + font.getFamily() + " " + font.getSize() + " " + scoreA + "-" + scoreB;
        }
    }

    /**
     * How the clock panel is drawn: the radius of its corners as a share of its height (a pill's ends are rounded
     * to half its height, so no corner of its box is inked) and how opaque it is over the bug (a see-through panel
     * is the bug's colour mixed with its own).
     */
    enum PanelShape {
        SQUARE(0, 1), PILL(0.5, 1), SEE_THROUGH_PILL(0.5, 0.75f), ROUNDED(0.35, 1);

        final double radius;
        final float opacity;

        PanelShape(double radius, float opacity) {
            this.radius = radius;
            this.opacity = opacity;
        }
    }

    static List<Design> designs() {
        List<Design> out = new ArrayList<>();
        Font[] fonts = {new Font("SansSerif", Font.BOLD, 26), new Font("Serif", Font.BOLD, 30),
            new Font("SansSerif", Font.BOLD, 36)};
        int[][] scores = {{68, 80}, {98, 86}, {60, 89}};
        for (int i = 0; i < fonts.length; i++) {
            out.add(new Design("white on near-black, light grey clock panel", new Color(22, 22, 26), Color.WHITE,
                    new Color(225, 225, 225), new Color(20, 20, 20), fonts[i], scores[i][0], scores[i][1]));
            out.add(new Design("cream on navy, pale yellow clock panel", new Color(18, 32, 80),
                    new Color(245, 240, 220), new Color(240, 225, 140), new Color(30, 30, 50), fonts[i],
                    scores[(i + 1) % 3][0], scores[(i + 1) % 3][1]));
        }
        return out;
    }

    /**
     * Clock panels with rounded ends (pills, as several broadcasts draw them, some see-through, and rounded boxes)
     * in two faces and three sizes: a light panel of dark text beside heavy light-on-dark scores, as the square ones.
     * A pill's box has no inked corner, and two heavy digits joined are about as wide for their height as a short
     * pill: both must be told apart, and the pill turned inside its outline only.
     */
    static List<Design> roundedDesigns() {
        List<Design> out = new ArrayList<>();
        // sans faces: a serif "5" of the clock reads "0" or "9" on a square panel as well (Tesseract, not the panel)
        Font[] fonts = {new Font("SansSerif", Font.BOLD, 28), new Font("DejaVu Sans Condensed", Font.BOLD, 34),
            new Font("SansSerif", Font.BOLD, 38)};
        int[][] scores = {{86, 90}, {66, 98}, {80, 68}};
        PanelShape[] shapes = {PanelShape.PILL, PanelShape.SEE_THROUGH_PILL, PanelShape.ROUNDED};
        for (int i = 0; i < fonts.length; i++) {
            out.add(new Design("white on dark green, pale grey clock", new Color(16, 48, 30), Color.WHITE,
                    new Color(230, 232, 228), new Color(16, 16, 16), fonts[i], scores[i][0], scores[i][1],
                    shapes[i]));
            out.add(new Design("ivory on maroon, sand clock", new Color(70, 16, 24), new Color(250, 245, 230),
                    new Color(235, 215, 160), new Color(40, 24, 20), fonts[i], scores[(i + 1) % 3][0],
                    scores[(i + 1) % 3][1], shapes[(i + 1) % 3]));
        }
        return out;
    }

    private static BugOcr ocr;

    @BeforeAll
    static void open() {
        ocr = new BugOcr(OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata")));
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("designs")
    void aHeavyScoreIsReadAsDrawn(Design design) {
        BugReading reading = firstCompleteReading(design);
        assertThat(reading.teams()).containsExactly("HOU", "SAC");
        assertThat(reading.scores()).containsExactly(design.scoreA(), design.scoreB());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundedDesigns")
    void theClockOnARoundedPanelIsReadBesideHeavyScores(Design design) {
        BugReading reading = firstCompleteReading(design);
        assertThat(reading.teams()).containsExactly("HOU", "SAC");
        assertThat(reading.scores()).containsExactly(design.scoreA(), design.scoreB());
        assertThat(reading.clock()).as("the clock of %s", design).isEqualTo("2:58");
    }

    /** Draws {@code design}, reads it as the reader does (passes stop at the first complete reading) and returns it. */
    private static BugReading firstCompleteReading(Design design) {
        BufferedImage crop = draw(design);
        byte[] grey = ((DataBufferByte) crop.getRaster().getDataBuffer()).getData();
        List<List<BugOcr.Word>> readings = ocr.read(grey, crop.getWidth(), crop.getHeight(), w -> {
            BugReading r = BugReading.of(w, BASKETBALL);
            return r != null && r.complete();
        });
        BugReading reading = readings.stream().map(w -> BugReading.of(w, BASKETBALL))
                .filter(r -> r != null && r.complete()).findFirst().orElse(null);
        assertThat(reading).as("words %s", readings).isNotNull();
        return reading;
    }

    /**
     * A grey crop of a one-row bug with a margin of plain picture grey: "HOU 68  SAC 80" on the bug, the scores
     * made heavier than the face's bold by an outline of an eighth of the size (a black or heavy weight), and a
     * panel of the other polarity ({@link PanelShape}: square, rounded, a pill, see-through) with the clock, "2:58",
     * at the right.
     */
    static BufferedImage draw(Design d) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        var metrics = probe.createGraphics().getFontMetrics(d.font());
        int size = d.font().getSize();
        int pad = Math.max(6, size / 2);
        String[] words = {"HOU", String.valueOf(d.scoreA()), "SAC", String.valueOf(d.scoreB())};
        String clock = "2:58";
        int margin = 6;
        int rowH = metrics.getAscent() + metrics.getDescent() + 2 * pad;
        int x = margin + pad;
        int[] at = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            at[i] = x;
            x += metrics.stringWidth(words[i]) + (i % 2 == 0 ? pad : 3 * pad);
        }
        int panelX = x;
        int panelW = metrics.stringWidth(clock) + 2 * pad;
        int width = panelX + panelW + pad + margin;
        int height = rowH + 2 * margin;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(d.font());
        g.setColor(new Color(120, 100, 70));
        g.fillRect(0, 0, width, height);
        g.setColor(d.bug());
        g.fillRect(margin, margin, width - 2 * margin, height - 2 * margin);
        int base = margin + pad + metrics.getAscent();
        g.setColor(d.text());
        g.setStroke(new BasicStroke(size / 8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (int i = 0; i < words.length; i++) {
            if (i % 2 == 0) {
                g.drawString(words[i], at[i], base);
            } else {
                Shape digits = d.font().createGlyphVector(g.getFontRenderContext(), words[i]).getOutline();
                Shape placed = AffineTransform.getTranslateInstance(at[i], base).createTransformedShape(digits);
                g.fill(placed);
                g.draw(placed);
            }
        }
        g.setColor(d.panel());
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, d.shape().opacity));
        int arc = (int) Math.round(2 * d.shape().radius * (rowH - pad));
        g.fillRoundRect(panelX, margin + pad / 2, panelW, rowH - pad, arc, arc);
        g.setComposite(AlphaComposite.SrcOver);
        g.setColor(d.panelText());
        g.drawString(clock, panelX + pad, base);
        g.dispose();
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D gg = grey.createGraphics();
        gg.drawImage(image, 0, 0, null);
        gg.dispose();
        return grey;
    }
}
