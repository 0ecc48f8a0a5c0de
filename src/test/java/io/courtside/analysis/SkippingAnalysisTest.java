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
 * The analysis pass with the skipping decoder ({@code courtside.analysis.decode.skip-frames} non-reference and
 * bidirectional) against today's grabber, on ReplayAndPlayerTest's game (cuts, a dissolve, a flash, two replays
 * framed by the registered logo, the registered face) encoded with B-frames in three designs: x264's default (3, a
 * pyramid: the middle B is a reference, single non-reference gaps; a P-frame refers to it, so bidirectional falls
 * back to non-reference), 2 B-frames without a pyramid (gaps of two) and 3 with x264's strict pyramid (every B
 * skipped: gaps of three). The timelines must be the same to the frame: cuts, transitions, replays, logo
 * appearances, players, score states; motion is measured on blended frames in quiet gaps and is not compared.
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
        designs.add(Remuxes.ffmpeg(dir.resolve("strict.mp4"), "-i", in, "-c:v", "libx264", "-bf", "3",
                "-x264-params", "b-pyramid=strict:b-adapt=0", "-g", "60", "-crf", "22", "-c:a", "copy"));
    }

    /**
     * skip-frames bidirectional skips every B-frame only where the I and P pictures stay a full decode's: not with
     * x264's default pyramid (its P-frames refer to the middle B), nor in HEVC; with no pyramid or a strict one.
     */
    @Test
    void everyBFrameIsSkippedOnlyWhereTheIAndPPicturesStayExact() throws Exception {
        AnalysisProperties properties = AnalysisProperties.defaults();
        Path ocr = Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr");
        GameAnalyzer bidirectional = new GameAnalyzer(properties,
                new DecodeProperties(true, true, DecodeProperties.SkipFrames.BIDIRECTIONAL), ocr);
        assertThat(bidirectional.skipFor(designs.get(0))).isEqualTo(SkippingDecoder.Skip.NON_REFERENCE);
        assertThat(bidirectional.skipFor(designs.get(1))).isEqualTo(SkippingDecoder.Skip.BIDIRECTIONAL);
        assertThat(bidirectional.skipFor(designs.get(2))).isEqualTo(SkippingDecoder.Skip.BIDIRECTIONAL);
        Path hevc = Remuxes.ffmpeg(dir.resolve("hevc.mp4"), "-i", designs.get(2).toString(), "-t", "4", "-c:v",
                "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-an");
        assertThat(bidirectional.skipFor(hevc)).isEqualTo(SkippingDecoder.Skip.NON_REFERENCE);
        GameAnalyzer nonReference = new GameAnalyzer(properties,
                new DecodeProperties(true, true, DecodeProperties.SkipFrames.NON_REFERENCE), ocr);
        assertThat(nonReference.skipFor(designs.get(2))).isEqualTo(SkippingDecoder.Skip.NON_REFERENCE);
        GameAnalyzer full = new GameAnalyzer(properties,
                new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE), ocr);
        assertThat(full.skipFor(designs.get(2))).isNull();
    }

    /** Every frame reaches the pass once, in order; some blended (else nothing was skipped); cuts decoded. */
    @Test
    void everyFrameReachesThePassOnceAndCutsAreDecoded() throws Exception {
        AnalysisProperties properties = AnalysisProperties.defaults();
        List<FrameAnalyser> analysers = List.of(new ShotBoundaryDetector(properties, truth.fps()));
        for (Path design : designs) {
          for (SkippingDecoder.Skip skip : List.of(SkippingDecoder.Skip.NON_REFERENCE,
                  SkippingDecoder.Skip.BIDIRECTIONAL)) {
            if (skip == SkippingDecoder.Skip.BIDIRECTIONAL && !SkippingDecoder.bidirectionalExact(design, 100)) {
                continue;
            }
            String as = design.getFileName() + ", " + skip;
            List<Integer> indexes = new ArrayList<>();
            int[] longestBlend = {0};
            int[] blendRun = {0};
            List<Boolean> decoded = new ArrayList<>();
            SkippingFrames.Counts counts;
            try (SkippingDecoder decoder = SkippingDecoder.open(design, skip, true, 1);
                 LumaPictures pictures = new LumaPictures(properties.frameWidth(), properties.frameHeight())) {
                counts = SkippingFrames.run(decoder, pictures, analysers, 0, properties.cutMinDifference() / 2, 0,
                        null, truth.fps(), (index, time, frame) -> {
                            assertThat(time).isCloseTo(index / truth.fps(), org.assertj.core.data.Offset.offset(1e-6));
                            indexes.add(index);
                            decoded.add(frame.decoded());
                            blendRun[0] = frame.decoded() ? 0 : blendRun[0] + 1;
                            longestBlend[0] = Math.max(longestBlend[0], blendRun[0]);
                            return true;
                        });
            }
            assertThat(indexes).as(as).hasSize(truth.frameCount());
            for (int i = 0; i < indexes.size(); i++) {
                assertThat(indexes.get(i)).isEqualTo(i);
            }
            assertThat(counts.blended()).as("%s: %s", as, counts).isGreaterThan(truth.frameCount() / 5);
            if (skip == SkippingDecoder.Skip.BIDIRECTIONAL && design.getFileName().toString().equals("strict.mp4")) {
                assertThat(longestBlend[0]).as("%s: every B-frame of IBBBP skipped, gaps of three", as).isEqualTo(3);
            }
            for (double cut : truth.cutTimes()) {
                int c = (int) Math.round(cut * truth.fps());
                assertThat(decoded.get(c)).as("%s: the cut's frame %d", as, c).isTrue();
                assertThat(decoded.get(c - 1)).as("%s: the frame before the cut, %d", as, c - 1).isTrue();
            }
          }
        }
    }

    @Test
    void theTimelineIsTheFullDecodesInOnePassAndInRanges() throws Exception {
        AnalysisProperties properties = AnalysisProperties.defaults();
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());
        DecodeProperties full = new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE);
        List<DecodeProperties> skippings = List.of(
                new DecodeProperties(true, true, DecodeProperties.SkipFrames.NON_REFERENCE),
                new DecodeProperties(true, true, DecodeProperties.SkipFrames.BIDIRECTIONAL));
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
            for (DecodeProperties skipping : skippings)
            for (ParallelRangeProperties parallel : List.of(onePass, twoRanges)) {
                GameAnalysis skipped = new GameAnalyzer(properties, skipping, parallel, ocr, null)
                        .analyze(design, media, StageProgress.NONE, bounds);
                String as = design.getFileName() + ", " + skipping.skipFrames() + ", ranges " + parallel.ranges()
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
