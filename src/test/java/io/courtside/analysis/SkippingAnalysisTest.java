package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.StageProgress;
import io.courtside.media.SkippingDecoder;

/**
 * The analysis pass with the skipping decoder ({@code courtside.analysis.decode.skip-non-reference}) against today's
 * grabber, on ReplayAndPlayerTest's game (cuts, a dissolve, a flash, two replays framed by the registered logo, the
 * registered face) encoded with B-frames in two designs: x264's default (3, a pyramid: the middle B is a reference,
 * single non-reference gaps) and 2 B-frames without a pyramid (gaps of two). The timelines must be the same to the
 * frame: cuts, transitions, replays, logo appearances, players, score states; motion is measured on blended frames
 * in quiet gaps and is not compared.
 */
class SkippingAnalysisTest {

    @TempDir
    static Path dir;

    static SyntheticGame.GroundTruth truth;
    static RegisteredMedia registered;
    static List<Path> designs = new ArrayList<>();

    @BeforeAll
    static void writeInputs() throws Exception {
        truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        registered = ReplayAndPlayerTest.astronautAndLogo(dir);
        String in = truth.file().toString();
        designs.add(Remuxes.ffmpeg(dir.resolve("pyramid.mp4"), "-i", in, "-c:v", "libx264", "-bf", "3",
                "-x264-params", "b-pyramid=normal", "-crf", "20", "-c:a", "copy"));
        designs.add(Remuxes.ffmpeg(dir.resolve("flat.mp4"), "-i", in, "-c:v", "libx264", "-bf", "2",
                "-x264-params", "b-pyramid=none", "-g", "50", "-crf", "24", "-c:a", "copy"));
    }

    /** Every frame reaches the pass once, in order; some blended (else nothing was skipped); cuts decoded. */
    @Test
    void everyFrameReachesThePassOnceAndCutsAreDecoded() throws Exception {
        AnalysisProperties properties = AnalysisProperties.defaults();
        List<FrameAnalyser> analysers = List.of(new ShotBoundaryDetector(properties, truth.fps()));
        for (Path design : designs) {
            List<Integer> indexes = new ArrayList<>();
            List<Boolean> decoded = new ArrayList<>();
            SkippingFrames.Counts counts;
            try (SkippingDecoder decoder = SkippingDecoder.open(design, SkippingDecoder.Skip.NON_REFERENCE, true, 1);
                 LumaPictures pictures = new LumaPictures(properties.frameWidth(), properties.frameHeight())) {
                counts = SkippingFrames.run(decoder, pictures, analysers, 0, properties.cutMinDifference() / 2, 0,
                        null, truth.fps(), (index, time, frame) -> {
                            assertThat(time).isCloseTo(index / truth.fps(), org.assertj.core.data.Offset.offset(1e-6));
                            indexes.add(index);
                            decoded.add(frame.decoded());
                            return true;
                        });
            }
            assertThat(indexes).as(design.getFileName().toString()).hasSize(truth.frameCount());
            for (int i = 0; i < indexes.size(); i++) {
                assertThat(indexes.get(i)).isEqualTo(i);
            }
            assertThat(counts.blended()).as("%s: %s", design.getFileName(), counts)
                    .isGreaterThan(truth.frameCount() / 5);
            for (double cut : truth.cutTimes()) {
                int c = (int) Math.round(cut * truth.fps());
                assertThat(decoded.get(c)).as("%s: the cut's frame %d", design.getFileName(), c).isTrue();
                assertThat(decoded.get(c - 1)).as("%s: the frame before the cut, %d", design.getFileName(), c - 1)
                        .isTrue();
            }
        }
    }

    @Test
    void theTimelineIsTheFullDecodesInOnePassAndInRanges() throws Exception {
        AnalysisProperties properties = AnalysisProperties.defaults();
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());
        DecodeProperties full = new DecodeProperties(true, true, false);
        DecodeProperties skipping = new DecodeProperties(true, true, true);
        ParallelRangeProperties onePass = new ParallelRangeProperties(1, Duration.ofHours(1), Duration.ofSeconds(5));
        ParallelRangeProperties twoRanges = new ParallelRangeProperties(2, Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        Path ocr = Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr");
        for (Path design : designs) {
          for (RegisteredMedia media : List.of(RegisteredMedia.NONE, registered)) {
            GameAnalysis reference = new GameAnalyzer(properties, full, onePass, ocr, null)
                    .analyze(design, media, StageProgress.NONE, bounds);
            assertThat(reference.replays()).hasSize(media == registered ? 2 : 0);
            assertThat(reference.players().isEmpty()).isEqualTo(media != registered);
            assertThat(reference.transitions()).anySatisfy(
                    t -> assertThat(t.kind()).isEqualTo(Transition.Kind.DISSOLVE));
            for (ParallelRangeProperties parallel : List.of(onePass, twoRanges)) {
                GameAnalysis skipped = new GameAnalyzer(properties, skipping, parallel, ocr, null)
                        .analyze(design, media, StageProgress.NONE, bounds);
                String as = design.getFileName() + ", ranges " + parallel.ranges()
                        + (media == registered ? ", logo and face registered" : "");
                assertThat(skipped.transitions()).as(as).isEqualTo(reference.transitions());
                assertThat(skipped.shots()).as(as).isEqualTo(reference.shots());
                assertThat(skipped.replays()).as(as).isEqualTo(reference.replays());
                assertThat(skipped.logoAppearances()).as(as).isEqualTo(reference.logoAppearances());
                assertThat(skipped.players()).as(as).isEqualTo(reference.players());
                assertThat(skipped.scores().states()).as(as).isEqualTo(reference.scores().states());
                assertThat(skipped.media()).as(as).isEqualTo(reference.media());
            }
          }
        }
    }
}
