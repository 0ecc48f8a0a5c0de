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
 * The skipping analysis pass ({@code courtside.analysis.decode.skip-frames} non-reference and bidirectional) on inputs at the edges of what it
 * assumes: a clip shorter than a second (fewer frames than one GOP, so the decoder never reaches a second keyframe)
 * and inputs whose first picture is not at time 0 (an MPEG-TS with its usual 1.4 s offset moved further, an MP4
 * shifted by an edit). Each must give the full decode's timeline: the same shots, transitions and media, frame for
 * frame, in one pass and in ranges.
 */
class SkippingEdgeInputsTest {

    @TempDir
    static Path dir;

    static SyntheticGame.GroundTruth shortTruth;
    static SyntheticGame.GroundTruth longerTruth;
    static final List<Path> shortInputs = new ArrayList<>();
    static final List<Path> shiftedInputs = new ArrayList<>();

    @BeforeAll
    static void writeInputs() throws Exception {
        // 0.88 s at 25 fps, a cut at 0.48 s: 22 frames, under the 50-frame GOP.
        shortTruth = new SyntheticGame.Script(480, 270, 25, List.of(0.48, 0.4), List.of())
                .write(dir.resolve("short.raw.mp4"));
        String in = shortTruth.file().toString();
        shortInputs.add(Remuxes.ffmpeg(dir.resolve("short-pyramid.mp4"), "-i", in, "-c:v", "libx264", "-bf", "3",
                "-x264-params", "b-pyramid=normal", "-g", "50", "-crf", "20", "-c:a", "copy"));
        shortInputs.add(Remuxes.ffmpeg(dir.resolve("short-flat.mp4"), "-i", in, "-c:v", "libx264", "-bf", "2",
                "-x264-params", "b-pyramid=none", "-g", "250", "-crf", "24", "-c:a", "copy"));
        // 9 s, three cuts and a dissolve, at 30 fps.
        longerTruth = new SyntheticGame.Script(480, 270, 30, List.of(2.2, 1.8, 2.5, 2.5), List.of())
                .withDissolve(2, 0.8)
                .write(dir.resolve("longer.raw.mp4"));
        String longer = longerTruth.file().toString();
        Path pyramid = Remuxes.ffmpeg(dir.resolve("longer.mp4"), "-i", longer, "-c:v", "libx264", "-bf", "3",
                "-x264-params", "b-pyramid=normal", "-g", "60", "-crf", "22", "-c:a", "copy");
        shiftedInputs.add(Remuxes.ffmpeg(dir.resolve("shifted.ts"), "-i", pyramid.toString(), "-c", "copy",
                "-output_ts_offset", "7.3", "-f", "mpegts"));
        // x264's strict pyramid: no P-frame refers to a B-frame, so skip-frames bidirectional skips every B here
        Path strict = Remuxes.ffmpeg(dir.resolve("longer-strict.mp4"), "-i", longer, "-c:v", "libx264", "-bf", "3",
                "-x264-params", "b-pyramid=strict", "-g", "60", "-crf", "22", "-c:a", "copy");
        shiftedInputs.add(Remuxes.ffmpeg(dir.resolve("shifted.mp4"), "-i", strict.toString(), "-c", "copy",
                "-output_ts_offset", "3.25"));
    }

    /** The skipping pass feeds each frame of a clip shorter than a GOP once, in order, at its time. */
    @Test
    void aClipShorterThanAGopReachesThePassFrameByFrame() throws Exception {
        AnalysisProperties properties = AnalysisProperties.defaults();
        List<FrameAnalyser> analysers = List.of(new ShotBoundaryDetector(properties, shortTruth.fps()));
        for (Path input : shortInputs) {
            List<Integer> indexes = new ArrayList<>();
            try (SkippingDecoder decoder = SkippingDecoder.open(input, SkippingDecoder.Skip.NON_REFERENCE, true, 1);
                 LumaPictures pictures = new LumaPictures(properties.frameWidth(), properties.frameHeight())) {
                SkippingFrames.run(decoder, pictures, analysers, 0, properties.cutMinDifference() / 2, 0, null,
                        shortTruth.fps(), (index, time, frame) -> {
                            assertThat(time).as(input.getFileName().toString())
                                    .isCloseTo(index / shortTruth.fps(), org.assertj.core.data.Offset.offset(1e-6));
                            indexes.add(index);
                            return true;
                        });
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < shortTruth.frameCount(); i++) {
                expected.add(i);
            }
            assertThat(indexes).as(input.getFileName().toString()).isEqualTo(expected);
        }
    }

    @Test
    void aClipShorterThanAGopGivesTheFullDecodesTimeline() {
        for (Path input : shortInputs) {
            assertSameTimeline(input, shortTruth);
        }
    }

    @Test
    void anInputStartingAfterTimeZeroGivesTheFullDecodesTimeline() {
        for (Path input : shiftedInputs) {
            assertSameTimeline(input, longerTruth);
        }
    }

    /** Skipping, in one pass and in two ranges, against the full decode in one pass. */
    private static void assertSameTimeline(Path input, SyntheticGame.GroundTruth truth) {
        AnalysisProperties properties = AnalysisProperties.defaults();
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());
        Path ocr = Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr");
        ParallelRangeProperties onePass = new ParallelRangeProperties(1, Duration.ofHours(1), Duration.ofSeconds(5));
        ParallelRangeProperties twoRanges = new ParallelRangeProperties(2, Duration.ofMillis(400),
                Duration.ofSeconds(1));
        GameAnalysis reference = new GameAnalyzer(properties, new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE), onePass, ocr,
                null).analyze(input, RegisteredMedia.NONE, StageProgress.NONE, bounds);
        assertThat(reference.shots()).as("the full decode of %s finds the cuts", input.getFileName())
                .hasSizeGreaterThan(truth.cutTimes().size());
        for (DecodeProperties.SkipFrames skip : List.of(DecodeProperties.SkipFrames.NON_REFERENCE,
                DecodeProperties.SkipFrames.BIDIRECTIONAL)) {
          for (ParallelRangeProperties parallel : List.of(onePass, twoRanges)) {
            GameAnalysis skipped = new GameAnalyzer(properties, new DecodeProperties(true, true, skip), parallel,
                    ocr, null).analyze(input, RegisteredMedia.NONE, StageProgress.NONE, bounds);
            String as = input.getFileName() + ", " + skip + ", ranges " + parallel.ranges();
            assertThat(skipped.media()).as(as).isEqualTo(reference.media());
            assertThat(skipped.shots()).as(as).isEqualTo(reference.shots());
            assertThat(skipped.transitions()).as(as).isEqualTo(reference.transitions());
            assertThat(skipped.scores().states()).as(as).isEqualTo(reference.scores().states());
          }
        }
        // The full decode asked for ranges: it splits what it can seek in and analyses the rest in one pass.
        GameAnalysis fullInRanges = new GameAnalyzer(properties, new DecodeProperties(true, true, DecodeProperties.SkipFrames.NONE), twoRanges,
                ocr, null).analyze(input, RegisteredMedia.NONE, StageProgress.NONE, bounds);
        assertThat(fullInRanges.shots()).as("%s, full decode, ranges 2", input.getFileName())
                .isEqualTo(reference.shots());
    }
}
