package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.analysis.ActionTrack;
import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.commentary.VoiceTrack;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

/**
 * A 16:9 source where the only thing moving is a white square: across the picture in shot 1 (0-4 s), still near
 * the left edge in shot 2 (4-6 s). The 9:16 crop must follow it, smoothly, jumping only at the cut.
 */
class ReframingTest {

    @TempDir
    static Path dir;

    static final int W = 640;
    static final int H = 360;
    static final int SIZE = 40;
    static Path source;
    static GameAnalysis analysis;

    /** Left edge of the square in frame f. */
    static int squareX(int f) {
        return f < 100 ? 40 + (int) Math.round(f * 5.2) : 60 + (f % 2); // shot 2: a one-pixel shimmer
    }

    @BeforeAll
    static void writeAndAnalyse() throws Exception {
        source = TestSources.write(dir.resolve("square.mp4"), W, H, 150, (luma, f) ->
                TestSources.square(luma, W, H, f < 100 ? 60 : 120, squareX(f), H / 2 - SIZE / 2, SIZE));
        analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(source, StageProgress.NONE);
    }

    @Test
    void theActionTrackFollowsTheSquareSmoothlyAndJumpsOnlyAtTheCut() {
        assertThat(analysis.shots()).hasSize(2);
        assertEquals(4.0, analysis.shots().get(1).start(), 0.05);
        ActionTrack track = analysis.action();
        double worstError = 0;
        for (int f = 12; f < 88; f++) { // the middle of shot 1 (the smoothing lags a little at its ends)
            double truth = (squareX(f) + SIZE / 2.0) / W;
            worstError = Math.max(worstError, Math.abs(track.centreX(f / 25.0) - truth));
        }
        double worstStep = 0;
        for (int f = 1; f < 150; f++) {
            if (f != 100) {
                worstStep = Math.max(worstStep, Math.abs(track.centreX(f / 25.0) - track.centreX((f - 1) / 25.0)));
            }
        }
        double jump = Math.abs(track.centreX(100 / 25.0) - track.centreX(99 / 25.0));
        System.out.printf("action track: worst error %.3f, worst step within a shot %.4f, jump at the cut %.3f%n",
                worstError, worstStep, jump);
        assertThat(worstError).as("follows the square").isLessThan(0.08);
        assertThat(worstStep).as("no jitter: the square moves 0.008 of the width a frame").isLessThan(0.012);
        assertThat(jump).as("the jump happens at the cut").isGreaterThan(0.5);
        assertEquals((60 + SIZE / 2.0) / W, track.centreX(5.5), 0.03, "shot 2: at the square");
        assertEquals(0.5, track.centreY(2.0), 0.05);
    }

    @Test
    void theVerticalCropKeepsTheSquareInViewWhereACentredCropLosesIt() throws Exception {
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(0.0, 6.0)));
        RenderSpec spec = new RenderSpec(180, 320, FitMode.CROP, "veryfast", 23);
        Path following = dir.resolve("following.mp4");
        Path centred = dir.resolve("centred.mp4");
        new HighlightRenderer().render(source, plan, spec, analysis.action(), null, VoiceTrack.NONE, following,
                StageProgress.NONE);
        new HighlightRenderer().render(source, plan, spec, null, null, VoiceTrack.NONE, centred, StageProgress.NONE);
        HighlightRendererTest.Probe probe = HighlightRendererTest.Probe.of(following, 192, 320);
        probe.assertEncoding(180, 320, 6.0, 25);
        int seenFollowing = framesShowingTheSquare(following);
        int seenCentred = framesShowingTheSquare(centred);
        System.out.printf("square in view: following crop %d/150 frames, centred crop %d/150%n", seenFollowing,
                seenCentred);
        assertThat(seenFollowing).isGreaterThanOrEqualTo(145);
        assertThat(seenCentred).isLessThan(90);
    }

    private static int framesShowingTheSquare(Path file) throws Exception {
        int seen = 0;
        try (var g = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8);
            g.start();
            org.bytedeco.javacv.Frame f;
            while ((f = g.grabImage()) != null) {
                java.nio.ByteBuffer b = (java.nio.ByteBuffer) f.image[0];
                int bright = 0;
                for (int y = 0; y < f.imageHeight; y++) {
                    for (int x = 0; x < f.imageWidth; x++) {
                        if ((b.get(y * f.imageStride + x) & 0xff) > 200) {
                            bright++;
                        }
                    }
                }
                // the whole square is ~ (40 * 320/360)^2 = 1260 output pixels; most of it must be in view
                if (bright > 600) {
                    seen++;
                }
            }
        }
        return seen;
    }
}
