package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.analysis.ActionTrack;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.ClockReading;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * A 16:9 broadcast with a score bug painted at the right edge (bottom right: a dark box with bright digits),
 * over a moving picture that never gets that dark or that bright. Reframed to 9:16, the crop window cuts the bug
 * in two: without a score timeline the output shows the sliver (as today); with one, not a pixel of the bug is
 * left and Courtside's own score graphic is drawn at the top, changing when the score does.
 */
class ScoreGraphicRenderTest {

    @TempDir
    static Path dir;

    static final int W = 640;
    static final int H = 360;
    static final int OUT_W = 360;
    static final int OUT_H = 640;
    /** The bug: 0.78-0.98 of the width, 0.80-0.92 of the height. */
    static final ScoreRegion BUG = new ScoreRegion(0.78, 0.80, 0.20, 0.12);
    /** The score changes 3.0 s into the source: 2.5 s (frame 62) into the output, which starts at 0.5 s. */
    static final HighlightPlan PLAN = new HighlightPlan(0, List.of(new Segment(0.5, 5.5)));
    /** Crop window centred at 0.8 of the width: 202 px wide at x0 = 412, the bug (499-627) cut at 614. */
    static final ActionTrack ACTION = constant(0.80f, 150);

    static Path source;

    @BeforeAll
    static void paintBroadcast() throws Exception {
        int bx0 = (int) (BUG.x() * W);
        int bx1 = (int) ((BUG.x() + BUG.width()) * W);
        int by0 = (int) (BUG.y() * H);
        int by1 = (int) ((BUG.y() + BUG.height()) * H);
        source = TestSources.write(dir.resolve("broadcast.mp4"), W, H, 150, (luma, f) -> {
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    // a moving picture between 100 and 160: panning waves
                    luma[y * W + x] = (byte) (130 + 30 * Math.sin((x + 4 * f) / 17.0) * Math.cos(y / 23.0));
                }
            }
            int digits = f < 75 ? 3 : 4; // the bug's own score changes at 3.0 s too
            for (int y = by0; y < by1; y++) {
                for (int x = bx0; x < bx1; x++) {
                    boolean digit = y > by0 + 8 && y < by1 - 8 && (x - bx0) % 12 < digits;
                    luma[y * W + x] = (byte) (digit ? 235 : 20);
                }
            }
        });
    }

    static ActionTrack constant(float x, int frames) {
        float[] xs = new float[frames];
        float[] ys = new float[frames];
        Arrays.fill(xs, x);
        Arrays.fill(ys, 0.5f);
        return new ActionTrack(TestSources.FPS, xs, ys);
    }

    static ScoreTimeline scores() {
        return new ScoreTimeline(List.of("SA", "OKC"), BUG,
                List.of(new ScoreState(0.0, score(36, 38), null, "3RD"),
                        new ScoreState(3.0, score(36, 42), new Scoring("OKC", 4), "3RD")),
                List.of(new ClockReading(0.2, "3RD", "3:02"), new ClockReading(1.2, "3RD", "3:01")),
                List.of());
    }

    static Map<String, Integer> score(int sa, int okc) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("SA", sa);
        m.put("OKC", okc);
        return m;
    }

    static Path render(String name, ScoreTimeline scores) {
        Path out = dir.resolve(name + ".mp4");
        new HighlightRenderer().render(new RenderRequest(source, PLAN,
                new RenderSpec(OUT_W, OUT_H, FitMode.CROP, "veryfast", 18), ACTION, null, null, scores,
                Map.of("SA", "Spurs", "OKC", "Thunder"), out), StageProgress.NONE);
        return out;
    }

    /** Pixels of {@code luma} in [x0, x1) x [y0, y1) outside [low, high]. */
    static int outside(byte[] luma, int x0, int x1, int y0, int y1, int low, int high) {
        int n = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int v = luma[y * OUT_W + x] & 0xff;
                if (v < low || v > high) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Bright (text) pixels of the score line's band, as a mask. */
    static boolean[] text(byte[] luma, int y0, int y1) {
        boolean[] mask = new boolean[(y1 - y0) * OUT_W];
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < OUT_W; x++) {
                mask[(y - y0) * OUT_W + x] = (luma[y * OUT_W + x] & 0xff) > 200;
            }
        }
        return mask;
    }

    static int differing(boolean[] a, boolean[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                n++;
            }
        }
        return n;
    }

    static int count(boolean[] a) {
        int n = 0;
        for (boolean v : a) {
            n += v ? 1 : 0;
        }
        return n;
    }

    @Test
    void aReframedOutputShowsNoSliverOfTheBugAndItsOwnScoreThatChangesWithTheScore() throws Exception {
        long t0 = System.nanoTime();
        Path plain = render("plain", ScoreTimeline.none());
        long t1 = System.nanoTime();
        Path scored = render("scored", scores());
        System.out.printf("render 5 s 360x640: %.2f s without scores, %.2f s with the cover and graphic%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);

        // Where the bug lands in the output: source x 499-614 of the window 412-614, y 288-331, scaled by 360/202.
        double scale = OUT_W / 202.0;
        int x0 = (int) Math.floor((499 - 412) * scale) - 2;
        int y0 = (int) Math.floor(288 * scale) - 2;
        int y1 = (int) Math.ceil(331 * scale) + 2;
        int area = (OUT_W - x0) * (y1 - y0);
        // The graphic's score line: centred at max(18, 0.05 * 640) = 32 px, 18 px type.
        int bandTop = 14;
        int bandBottom = 48;
        for (int frame : new int[] {10, 50, 100}) {
            byte[] without = TestSources.luma(plain, frame);
            byte[] with = TestSources.luma(scored, frame);
            int sliver = outside(without, x0, OUT_W, y0, y1, 75, 185);
            int left = outside(with, x0, OUT_W, y0, y1, 75, 185);
            System.out.printf("frame %d: bug pixels in the bug's area %d/%d without scores, %d with%n", frame, sliver,
                    area, left);
            assertThat(sliver).as("today's output shows the cut bug (the test's control)").isGreaterThan(area / 4);
            assertThat(left).as("no fragment of the bug remains").isZero();
            // The picture around the bug is the broadcast's own, untouched: left of it, the same as without.
            assertThat(outside(with, 0, x0 - 8, y0, y1, 75, 185)).isZero();

            int ownText = count(text(with, bandTop, bandBottom));
            int plainText = count(text(without, bandTop, bandBottom));
            assertThat(plainText).as("nothing that bright at the top of today's output").isZero();
            assertThat(ownText).as("the own score graphic is drawn at the top").isGreaterThan(150);
        }

        // The score line's text: the same before the change, different after it (36 - 38 -> 36 - 42).
        boolean[] early = text(TestSources.luma(scored, 25), bandTop, bandBottom);
        boolean[] before = text(TestSources.luma(scored, 55), bandTop, bandBottom);
        boolean[] after = text(TestSources.luma(scored, 75), bandTop, bandBottom);
        int steady = differing(early, before);
        int changed = differing(before, after);
        System.out.printf("score line text pixels: %d, changed within one score %d, at the score change %d%n",
                count(before), steady, changed);
        // Coding noise flips a few anti-aliased edge pixels; a changed number flips whole glyphs.
        assertThat(steady).as("same score, same graphic").isLessThan(count(before) / 20);
        assertThat(changed).as("the graphic follows the score").isGreaterThan(60).isGreaterThan(4 * steady);
    }

    /** The box of what is drawn over a band of rows: {top, bottom, left, right} of its dark and bright pixels. */
    static int[] drawnBox(byte[] luma, int y0, int y1) {
        int top = -1;
        int bottom = -1;
        int left = OUT_W;
        int right = -1;
        for (int y = y0; y < y1; y++) {
            int n = 0;
            int l = OUT_W;
            int r = -1;
            for (int x = 0; x < OUT_W; x++) {
                int v = luma[y * OUT_W + x] & 0xff;
                if (v < 75 || v > 200) { // the picture stays within 100-160: box (dark) or text (bright)
                    n++;
                    l = Math.min(l, x);
                    r = Math.max(r, x);
                }
            }
            if (n >= 10) {
                top = top < 0 ? y : top;
                bottom = y;
                left = Math.min(left, l);
                right = Math.max(right, r);
            }
        }
        return new int[] {top, bottom, left, right};
    }

    @Test
    void longNamesGetARowPerTeamInsideThePictureAndClearOfTheCaptions() throws Exception {
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(0.5, 2.5)));
        CommentaryProperties props = CommentaryProperties.defaults();
        int size = Captions.fontSize(RenderSpec.Look.DEFAULT, OUT_W, OUT_H);
        Map<String, Map<String, String>> designs = new LinkedHashMap<>();
        designs.put("short", Map.of("SA", "Spurs", "OKC", "Thunder"));
        designs.put("long", Map.of("S.A.", "San Antonio Spurs", "okc", "Oklahoma City Thunder"));
        designs.put("chinese", Map.of("SA", "圣安东尼奥马刺", "OKC", "印第安纳步行者"));
        Map<String, int[]> boxes = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> design : designs.entrySet()) {
            String language = design.getKey().equals("chinese") ? "zh" : "en";
            Commentary commentary = new Commentary(language, "test/" + language, props.fontFor(language), null,
                    List.of(new CommentaryLine(0, 0, 2, language.equals("zh") ? "俄克拉荷马城雷霆领先圣安东尼奥马刺，比分四十二比三十六。"
                            : "Oklahoma City Thunder lead San Antonio Spurs 42 to 36, and the crowd loves it.")));
            Path out = dir.resolve("names-" + design.getKey() + ".mp4");
            new HighlightRenderer().render(new RenderRequest(source, plan,
                    new RenderSpec(OUT_W, OUT_H, FitMode.CROP, "veryfast", 18), ACTION, commentary, null, scores(),
                    design.getValue(), out), StageProgress.NONE);
            byte[] luma = TestSources.luma(out, 25);
            int[] graphic = drawnBox(luma, 0, OUT_H / 2);
            int[] captions = drawnBox(luma, OUT_H / 2, OUT_H);
            System.out.printf("%s names: graphic rows %d-%d, columns %d-%d; captions from row %d (font %d px)%n",
                    design.getKey(), graphic[0], graphic[1], graphic[2], graphic[3], captions[0], size);
            assertThat(graphic[0]).as(design.getKey() + ": a graphic is drawn").isGreaterThan(0);
            // Inside the picture: neither clipped at an edge nor running off both.
            assertThat(graphic[2]).as(design.getKey() + ": left edge").isGreaterThanOrEqualTo(2);
            assertThat(graphic[3]).as(design.getKey() + ": right edge").isLessThanOrEqualTo(OUT_W - 3);
            // Clear of the captions: at least half a font size of picture between them.
            assertThat(captions[0]).as(design.getKey() + ": captions drawn").isGreaterThan(OUT_H / 2);
            assertThat(captions[0] - graphic[1]).as(design.getKey() + ": clear of the captions")
                    .isGreaterThan(size / 2);
            boxes.put(design.getKey(), graphic);
        }
        int shortHeight = boxes.get("short")[1] - boxes.get("short")[0];
        for (String longer : List.of("long", "chinese")) {
            int[] box = boxes.get(longer);
            // One more row (1.7 font sizes) than the short names' line: a row per team.
            assertThat(box[1] - box[0] - shortHeight).as(longer + ": a row per team").isBetween(
                    (int) (1.2 * size), (int) (2.2 * size));
            // As wide as the longer row's names (estimated as captions wrap), not abbreviations.
            double row = designs.get(longer).values().stream().mapToDouble(n -> Captions.width(n) + 1.55)
                    .max().orElseThrow() * size;
            assertThat((double) (box[3] - box[2])).as(longer + ": the names are drawn, not abbreviations")
                    .isGreaterThan(0.8 * row);
        }
    }

    @Test
    void aBugWhollyInsideTheWindowIsCoveredToo() throws Exception {
        // Centred at 0.88: the window 498-700 is clamped to 438-640 and holds the whole bug.
        Path out = dir.resolve("inside.mp4");
        new HighlightRenderer().render(new RenderRequest(source, PLAN,
                new RenderSpec(OUT_W, OUT_H, FitMode.CROP, "veryfast", 18), constant(0.88f, 150), null, null,
                scores(), Map.of(), out), StageProgress.NONE);
        double scale = OUT_W / 202.0;
        int x0 = (int) Math.floor((499 - 438) * scale) - 2;
        int x1 = Math.min(OUT_W, (int) Math.ceil((627 - 438) * scale) + 2);
        int y0 = (int) Math.floor(288 * scale) - 2;
        int y1 = (int) Math.ceil(331 * scale) + 2;
        assertThat(outside(TestSources.luma(out, 60), x0, x1, y0, y1, 75, 185)).isZero();
    }
}
