package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;

class GameAnalyzerTest {

    @TempDir
    static Path dir;

    static SyntheticGame.GroundTruth game;
    static GameAnalysis analysis;
    static final GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());

    @BeforeAll
    static void analyseTheDemoGame() {
        game = SyntheticGame.Script.basketballDemo().write(dir.resolve("game.mp4"));
        long t0 = System.nanoTime();
        analysis = analyzer.analyze(game.file(), StageProgress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("analysis: %d frames in %.2f s = %.0f fps%n", game.frameCount(), seconds,
                game.frameCount() / seconds);
    }

    @Test
    void findsEveryScriptedCutWithinOneFrameAndNoOther() {
        List<Double> found = new ArrayList<>();
        for (Shot shot : analysis.shots().subList(1, analysis.shots().size())) {
            found.add(shot.start());
        }
        double frame = 1 / game.fps();
        int truePositives = 0;
        for (double cut : game.cutTimes()) {
            if (found.stream().anyMatch(f -> Math.abs(f - cut) <= frame + 1e-6)) {
                truePositives++;
            }
        }
        double recall = truePositives / (double) game.cutTimes().size();
        double precision = found.isEmpty() ? 0 : truePositives / (double) found.size();
        assertEquals(1.0, recall, "recall; found " + found + ", scripted " + game.cutTimes());
        assertEquals(1.0, precision, "precision; found " + found + ", scripted " + game.cutTimes());
        // On this clean input the cut lands on the exact frame.
        for (int i = 0; i < found.size(); i++) {
            assertEquals(game.cutTimes().get(i), found.get(i), 1e-3);
        }
    }

    @Test
    void busyPanningFootageGivesNoFalseCuts() {
        // 10 px a frame over 16 px texture blocks: within-shot differences several times the calm case.
        SyntheticGame.GroundTruth busy = new SyntheticGame.Script(640, 360, 25, List.of(2.4, 1.2, 3.0, 0.8, 2.6),
                List.of()).withoutAudio().withPan(10).write(dir.resolve("busy.mp4"));
        List<Shot> shots = analyzer.analyze(busy.file(), StageProgress.NONE).shots();
        List<Double> found = shots.subList(1, shots.size()).stream().map(Shot::start).toList();
        assertEquals(busy.cutTimes().size(), found.size(), "found " + found + ", scripted " + busy.cutTimes());
        for (int i = 0; i < found.size(); i++) {
            assertEquals(busy.cutTimes().get(i), found.get(i), 1 / busy.fps() + 1e-6);
        }
    }

    @Test
    void tunablesBindFromConfigurationKeys() {
        // As in the service: the keys set override config/application.yaml, which gives every other key its default.
        AnalysisProperties bound = io.courtside.config.BundledDefaults.bind("courtside.analysis",
                AnalysisProperties.class, java.util.Map.of("courtside.analysis.loudness-window-seconds", "0.25",
                        "courtside.analysis.cut-ratio", "4"));
        assertEquals(0.25, bound.loudnessWindowSeconds());
        assertEquals(4.0, bound.cutRatio());
        assertEquals(64, bound.frameWidth());
        assertEquals(0.5, AnalysisProperties.defaults().loudnessWindowSeconds());
    }

    @Test
    void shotsCoverTheWholeVideoWithoutGaps() {
        List<Shot> shots = analysis.shots();
        assertEquals(0.0, shots.get(0).start());
        for (int i = 1; i < shots.size(); i++) {
            assertEquals(shots.get(i - 1).end(), shots.get(i).start());
        }
        assertEquals(analysis.media().durationSeconds(), shots.get(shots.size() - 1).end());
    }

    @Test
    void reportsTheStreamFacts() {
        MediaInfo media = analysis.media();
        assertEquals(640, media.width());
        assertEquals(360, media.height());
        assertEquals(25.0, media.frameRate(), 1e-6);
        assertEquals(game.durationSeconds(), media.durationSeconds(), 1e-3);
        assertTrue(media.hasAudio());
        assertEquals(SyntheticGame.SAMPLE_RATE, media.sampleRate());
        assertEquals(2, media.audioChannels());
    }

    @Test
    void loudMomentsStandOutByAtLeast20dB() {
        LoudnessTrack track = analysis.loudness();
        double w = track.windowSeconds();
        assertEquals(Math.ceil(game.durationSeconds() / w), track.rmsDb().length);
        List<Float> loud = new ArrayList<>();
        List<Float> quiet = new ArrayList<>();
        for (int i = 0; i < track.rmsDb().length; i++) {
            double from = i * w;
            double to = from + w;
            boolean inside = game.loudMoments().stream().anyMatch(m -> from >= m.start() && to <= m.end());
            boolean farOutside = game.loudMoments().stream().noneMatch(m -> to > m.start() - w && from < m.end() + w);
            if (inside) {
                loud.add(track.rmsDb()[i]);
            } else if (farOutside && to <= game.durationSeconds()) {
                quiet.add(track.rmsDb()[i]);
            }
        }
        assertFalse(loud.isEmpty());
        assertFalse(quiet.isEmpty());
        float quietest = loud.stream().min(Float::compare).orElseThrow();
        float loudestBaseline = quiet.stream().max(Float::compare).orElseThrow();
        System.out.printf("loudness: bursts >= %.1f dBFS, baseline <= %.1f dBFS%n", quietest, loudestBaseline);
        assertTrue(quietest - loudestBaseline >= 20, quietest + " vs " + loudestBaseline);
        assertEquals(SyntheticGame.LOUD_DBFS, quietest, 3);
        assertEquals(SyntheticGame.BASELINE_DBFS, loudestBaseline, 3);
    }

    /**
     * The decode pass reads the luma plane of 8-bit YUV in place, stretching studio range, and converts other pixel
     * formats with swscale: the same game as 10-bit (swscale path) and as full-range 8-bit (no stretch) gives the
     * same shots and about the same motion.
     */
    @Test
    void tenBitAndFullRangeVideoGiveTheSameShots() throws Exception {
        for (String pixelFormat : List.of("yuv420p10le", "yuvj420p")) {
            Path copy = dir.resolve("game-" + pixelFormat + ".mp4");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-i", game.file().toString(), "-c:v",
                    "libx264", "-preset", "veryfast", "-crf", "12", "-pix_fmt", pixelFormat, "-c:a", "copy",
                    copy.toString()).redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, ffmpeg.waitFor(), output);
            GameAnalysis result = analyzer.analyze(copy, StageProgress.NONE);
            assertEquals(analysis.shots().size(), result.shots().size(), pixelFormat + ": " + result.shots());
            for (int i = 0; i < result.shots().size(); i++) {
                assertEquals(analysis.shots().get(i).start(), result.shots().get(i).start(), 1 / game.fps() + 1e-6,
                        pixelFormat + ": shot " + i);
            }
            for (int i = 0; i < result.motion().size(); i++) {
                assertEquals(analysis.motion().get(i), result.motion().get(i), 0.1 * analysis.motion().get(i) + 0.5,
                        pixelFormat + ": motion of shot " + i);
            }
        }
    }

    @Test
    void videoWithoutAudioHasSilentLoudness() {
        SyntheticGame.GroundTruth mute = new SyntheticGame.Script(320, 180, 25, List.of(2.0, 1.0, 1.5),
                List.of()).withoutAudio().write(dir.resolve("mute.mp4"));
        GameAnalysis result = analyzer.analyze(mute.file(), StageProgress.NONE);
        assertFalse(result.media().hasAudio());
        assertEquals(mute.durationSeconds(), result.media().durationSeconds(), 1e-3);
        assertEquals(10, result.loudness().rmsDb().length); // 4.52 s (1.5 s rounds up to 38 frames)
        for (float db : result.loudness().rmsDb()) {
            assertEquals(LoudnessTrack.SILENCE_DB, db);
        }
        assertEquals(List.of(new Shot(0, 2.0), new Shot(2.0, 3.0), new Shot(3.0, mute.durationSeconds())),
                result.shots());
    }

    @Test
    void randomBytesAreBadContent() throws Exception {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        Path file = Files.write(dir.resolve("noise.mp4"), noise);
        assertContentBad(file);
    }

    @Test
    void textIsBadContent() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"),
                "Pacers vs Knicks, Q4\n".repeat(500), StandardCharsets.UTF_8);
        assertContentBad(file);
        assertContentBad(Files.copy(file, dir.resolve("notes.mp4")));
    }

    @Test
    void emptyFileIsBadContent() throws Exception {
        assertContentBad(Files.createFile(dir.resolve("empty.mp4")));
    }

    @Test
    void audioOnlyIsBadContent() throws Exception {
        Path file = dir.resolve("commentary.m4a");
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), 2)) {
            recorder.setFormat("mp4");
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(48_000);
            recorder.start();
            FloatBuffer tone = ByteBuffer.allocateDirect(4 * 2 * 48_000).order(ByteOrder.nativeOrder()).asFloatBuffer();
            for (int i = 0; i < 48_000; i++) {
                float v = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 48_000.0));
                tone.put(v).put(v);
            }
            tone.flip();
            recorder.recordSamples(48_000, 2, tone);
            recorder.stop();
        }
        JobFailure failure = assertContentBad(file);
        assertTrue(failure.getMessage().contains("no video"), failure.getMessage());
    }

    private static JobFailure assertContentBad(Path file) {
        JobFailure failure = assertThrows(JobFailure.class, () -> analyzer.analyze(file, StageProgress.NONE));
        assertEquals(JobFailure.CONTENT_BAD, failure.code(), failure.getMessage());
        assertTrue(failure.getMessage().contains(file.getFileName().toString()), failure.getMessage());
        System.out.println(file.getFileName() + " -> " + failure.getMessage());
        return failure;
    }
}
