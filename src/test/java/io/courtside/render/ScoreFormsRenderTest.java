package io.courtside.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;

import java.awt.Font;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.analysis.ActionTrack;
import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;
import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.BugForm;
import io.courtside.scoreboard.ScoreBugFootage;
import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * A broadcast whose score bug starts as a wide graphic across the bottom and shrinks into a corner (as the reader
 * follows it: "changed form at ..."), read by the analysis and rendered 9:16 with the crop window over both
 * forms: neither form leaves a pixel in the output. Where each form lands is measured, not assumed: the same
 * footage painted without the bug (same picture, same seed) is rendered too, and the pixels where the two plain
 * renders differ are the bug; with the score timeline, the render of the footage with the bug must equal the
 * render of the footage without it there (both get the same cover).
 */
class ScoreFormsRenderTest {

    @TempDir
    Path dir;

    static final int OUT_W = 360;
    static final int OUT_H = 640;
    /** A luma step larger than this between two renders is the bug (coding noise stays well below). */
    static final int DIFFERENT = 40;

    @Test
    void aBugThatShrinksFromAWideGraphicIntoACornerLeavesNoPixelOfEitherForm() throws Exception {
        // light on dark, corner at the top left; the wide graphic across the bottom until 6 s
        Design corner = new Design("corner-clock", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 18),
                0.06);
        List<Change> changes = List.of(new Change(0, 2, 3), new Change(11, 3, 3), new Change(17, 4, 3));
        ScoreBugFootage.Script script = ScoreBugFootage.script(corner, 22, "RMA", "SEV", changes)
                .shrinkingFrom(6, "REAL MADRID", "SEVILLA FC");
        assertBothFormsCovered(script, 6, 0.16f);
    }

    @Test
    void aDarkOnLightBugThatShrinksIntoTheRightCornerLeavesNoPixelOfEitherForm() throws Exception {
        // another look and side: dark on light, the corner at the top right, the wide graphic until 5 s
        Design corner = new Design("corner-right", Layout.ONE_LINE, true, false, ScoreBugFootage.dejaVu(17), 0.72);
        List<Change> changes = List.of(new Change(0, 1, 2), new Change(10, 2, 2), new Change(16, 2, 4));
        ScoreBugFootage.Script script = new ScoreBugFootage.Script(640, 360, 25, 22, corner, "LIV", "ARS", changes,
                List.of(), List.of(), 0.8, 13).shrinkingFrom(5, "LIVERPOOL", "ARSENAL");
        assertBothFormsCovered(script, 5, 0.84f);
    }

    void assertBothFormsCovered(ScoreBugFootage.Script script, double shrinkAt, float centreX) throws Exception {
        Path withBug = dir.resolve(script.design().name() + "-bug.mp4");
        Path withoutBug = dir.resolve(script.design().name() + "-nobug.mp4");
        ScoreBugFootage.write(script, withBug);
        ScoreBugFootage.write(script.withoutBug(), withoutBug);
        ScoreTimeline scores = new GameAnalyzer(AnalysisProperties.defaults()).analyze(withBug, StageProgress.NONE)
                .scores();
        assertThat(scores.found()).isTrue();
        System.out.printf("%s: forms %s%n", script.design().name(), scores.forms().stream()
                .map(f -> String.format("%.2f-%.2f %s", f.from(), f.to(), Arrays.toString(f.region().asArray())))
                .toList());
        assertThat(scores.forms()).as("the wide graphic, then the corner").hasSize(2);
        BugForm wide = scores.forms().get(0);
        BugForm small = scores.forms().get(1);
        assertThat(wide.region().y()).as("the wide graphic at the bottom").isGreaterThan(0.6);
        assertThat(wide.region().width()).as("the wide graphic is wide").isGreaterThan(0.5);
        assertThat(small.region().y()).as("the corner bug at the top").isLessThan(0.2);
        assertThat(small.from()).as("the corner from about the shrink on").isBetween(shrinkAt - 1, shrinkAt + 3);

        // 12 s of output from 1 s on: frame k shows source time 1 + k / 25
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(1.0, 13.0)));
        int[] frames = {25, 100, (int) ((shrinkAt - 1) * 25) + 5, (int) ((shrinkAt - 1) * 25) + 15, 200, 275};
        ActionTrack action = ScoreGraphicRenderTest.constant(centreX, 22 * 25);
        List<byte[]> plainBug = frames(render(withBug, plan, action, ScoreTimeline.none(), "plain-bug"), frames);
        List<byte[]> plainNone = frames(render(withoutBug, plan, action, ScoreTimeline.none(), "plain-none"), frames);
        List<byte[]> coveredBug = frames(render(withBug, plan, action, scores, "covered-bug"), frames);
        List<byte[]> coveredNone = frames(render(withoutBug, plan, action, scores, "covered-none"), frames);
        for (int i = 0; i < frames.length; i++) {
            double source = 1 + frames[i] / 25.0;
            int bug = 0;
            int left = 0;
            for (int p = 0; p < OUT_W * OUT_H; p++) {
                if (Math.abs((plainBug.get(i)[p] & 0xff) - (plainNone.get(i)[p] & 0xff)) > DIFFERENT) {
                    bug++;
                    if (Math.abs((coveredBug.get(i)[p] & 0xff) - (coveredNone.get(i)[p] & 0xff)) > DIFFERENT) {
                        left++;
                    }
                }
            }
            System.out.printf("%s frame %d (%.2f s, %s): bug pixels in the output %d without cover, %d left with it%n",
                    script.design().name(), frames[i], source, source < shrinkAt ? "wide" : "corner", bug, left);
            assertThat(bug).as("the control: the plain output shows the bug at %.2f s", source).isGreaterThan(300);
            assertThat(left).as("no pixel of the bug left at %.2f s", source).isZero();
        }
    }

    Path render(Path source, HighlightPlan plan, ActionTrack action, ScoreTimeline scores, String name) {
        Path out = dir.resolve(name + ".mp4");
        new HighlightRenderer().render(new RenderRequest(source, plan,
                new RenderSpec(OUT_W, OUT_H, FitMode.CROP, "veryfast", 18), action, null, null, scores,
                Map.of(), out), StageProgress.NONE);
        return out;
    }

    /** Luma of each of {@code indices} (ascending), in one decode. */
    static List<byte[]> frames(Path file, int[] indices) throws Exception {
        List<byte[]> out = new ArrayList<>();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_GRAY8);
            g.start();
            Frame f;
            int n = 0;
            while (out.size() < indices.length && (f = g.grabImage()) != null) {
                if (n++ == indices[out.size()]) {
                    byte[] luma = new byte[f.imageWidth * f.imageHeight];
                    ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
                    for (int y = 0; y < f.imageHeight; y++) {
                        b.get(y * f.imageStride, luma, y * f.imageWidth, f.imageWidth);
                    }
                    out.add(luma);
                }
            }
        }
        assertThat(out).as("frames of " + file).hasSize(indices.length);
        return out;
    }
}
