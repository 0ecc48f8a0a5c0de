package io.courtside.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.LoudMoment;
import io.courtside.kernel.StageProgress;

/**
 * Audio excitement against ground truth in a quiet and a loud arena: the same script (crowd bursts 20/15 dB over
 * the arena noise, a whistle louder than any burst) at -45 and -20 dBFS baselines.
 */
class ExcitementTest {

    /** Excitement a window needs to count as a peak, in dB above the arena's baseline. */
    static final double PEAK_DB = 6;

    @TempDir
    static Path dir;

    static final GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
    static SyntheticGame.GroundTruth quiet;
    static SyntheticGame.GroundTruth loud;
    static GameAnalysis quietAnalysis;
    static GameAnalysis loudAnalysis;

    static SyntheticGame.Script script() {
        return new SyntheticGame.Script(320, 180, 25, List.of(6.0, 8.0, 7.0, 9.0),
                List.of(new LoudMoment(3.0, 2.0), new LoudMoment(13.5, 2.5), new LoudMoment(25.0, 3.0)))
                .withWhistle(19.2);
    }

    @BeforeAll
    static void analyseBothArenas() {
        quiet = script().withArena(-45, -25).write(dir.resolve("quiet.mp4"));
        loud = script().withArena(-20, -5).write(dir.resolve("loud.mp4"));
        quietAnalysis = analyzer.analyze(quiet.file(), StageProgress.NONE);
        loudAnalysis = analyzer.analyze(loud.file(), StageProgress.NONE);
    }

    @Test
    void aFixedLoudnessThresholdCouldNotServeBothArenas() {
        // The premise: the quiet arena's bursts are quieter than the loud arena's idle noise.
        double quietBurst = quietAnalysis.loudness().meanDb(13.5, 16.0);
        double loudIdle = loudAnalysis.loudness().meanDb(8.0, 12.0);
        System.out.printf("quiet arena burst %.1f dBFS, loud arena idle %.1f dBFS%n", quietBurst, loudIdle);
        assertTrue(quietBurst < loudIdle);
    }

    @Test
    void peaksAreTheCrowdBurstsInAQuietArena() {
        assertPeaksAreTheBursts(quiet, quietAnalysis);
    }

    @Test
    void peaksAreTheCrowdBurstsInALoudArena() {
        assertPeaksAreTheBursts(loud, loudAnalysis);
    }

    @Test
    void theWhistleIsLoudestButNotExciting() {
        for (GameAnalysis a : List.of(quietAnalysis, loudAnalysis)) {
            double whistleStart = quiet.whistleTime();
            double whistleEnd = whistleStart + SyntheticGame.WHISTLE_SECONDS;
            double whistleLoudness = a.loudness().meanDb(whistleStart, whistleEnd);
            double burstLoudness = a.loudness().meanDb(25.0, 28.0);
            double whistleExcitement = a.excitement().maxDb(whistleStart - 0.5, whistleEnd + 0.5);
            System.out.printf("whistle: %.1f dBFS (bursts %.1f), excitement %.1f dB%n", whistleLoudness,
                    burstLoudness, whistleExcitement);
            // Plain loudness would rank the whistle first ...
            assertTrue(whistleLoudness > burstLoudness, whistleLoudness + " vs " + burstLoudness);
            // ... excitement does not count it at all.
            assertTrue(whistleExcitement < PEAK_DB / 2, "whistle excitement " + whistleExcitement);
            List<ExcitementTrack.Peak> top = a.excitement().peaks(1.0).stream().limit(3).toList();
            assertTrue(top.stream().noneMatch(p -> p.end() > whistleStart && p.start() < whistleEnd), "top " + top);
        }
    }

    @Test
    void baselineFollowsTheArena() {
        double quietBaseline = median(quietAnalysis.excitement().baselineDb());
        double loudBaseline = median(loudAnalysis.excitement().baselineDb());
        System.out.printf("baselines: quiet %.1f, loud %.1f dBFS%n", quietBaseline, loudBaseline);
        // Levels are of the mono mix's noise-like part (a few dB under the RMS); the arenas differ by 25 dB.
        assertEquals(25, loudBaseline - quietBaseline, 3);
    }

    private static double median(float[] values) {
        float[] copy = values.clone();
        java.util.Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    private static void assertPeaksAreTheBursts(SyntheticGame.GroundTruth truth, GameAnalysis analysis) {
        List<ExcitementTrack.Peak> peaks = analysis.excitement().peaks(PEAK_DB);
        long truePeaks = peaks.stream().filter(p -> overlapsABurst(p, truth)).count();
        long burstsFound = truth.loudMoments().stream()
                .filter(m -> peaks.stream().anyMatch(p -> p.end() > m.start() && p.start() < m.end())).count();
        double precision = peaks.isEmpty() ? 0 : truePeaks / (double) peaks.size();
        double recall = burstsFound / (double) truth.loudMoments().size();
        System.out.printf("excitement (baseline %.0f dBFS): precision %.3f recall %.3f, peaks %s%n",
                truth.baselineDbfs(), precision, recall, peaks);
        assertEquals(1.0, recall, "peaks " + peaks);
        assertEquals(1.0, precision, "peaks " + peaks);
        // The bursts are 20 and 15 dB over the noise: the excitement reads about that.
        double expected = truth.crowdDbfs() - truth.baselineDbfs();
        for (ExcitementTrack.Peak p : peaks) {
            assertEquals(expected, p.peakDb(), 4, "peak " + p);
        }
    }

    private static boolean overlapsABurst(ExcitementTrack.Peak p, SyntheticGame.GroundTruth truth) {
        return truth.loudMoments().stream().anyMatch(m -> p.end() > m.start() && p.start() < m.end());
    }
}
