package io.courtside.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.TransitionKind;
import io.courtside.demo.SyntheticGame.TransitionTruth;
import io.courtside.kernel.StageProgress;

/** Shot boundaries against the generator's ground truth: hard cuts, fades, dissolves, flashes, fast pans. */
class ShotBoundaryTest {

    @TempDir
    static Path dir;

    static final GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
    static SyntheticGame.GroundTruth game;
    static GameAnalysis analysis;

    /** 36 s, 10 shots: 4 hard cuts, 3 dissolves (0.6-1.5 s), 2 fades (0.5-1 s), flashes of 1-3 frames. */
    static SyntheticGame.Script mixedScript() {
        return new SyntheticGame.Script(640, 360, 25, List.of(3.0, 4.0, 3.2, 4.4, 3.6, 2.8, 4.0, 3.0, 4.2, 3.8),
                List.of())
                .withDissolve(1, 1.0)
                .withFade(3, 1.0)
                .withDissolve(5, 0.6)
                .withFade(6, 0.5)
                .withDissolve(8, 1.5)
                .withFlash(1.5, 2)
                .withFlash(12.0, 1)
                .withFlash(20.6, 3)
                .withFlash(27.0, 2);
    }

    @BeforeAll
    static void analyseAMixedGame() {
        game = mixedScript().write(dir.resolve("mixed.mp4"));
        analysis = analyzer.analyze(game.file(), StageProgress.NONE);
    }

    /** Precision, recall and F1 of found boundaries against scripted ones, and how many kinds matched. */
    record Score(double precision, double recall, double f1, int kindsRight, int matched) {
    }

    static Score score(List<TransitionTruth> truth, List<Transition> found, double fps) {
        boolean[] used = new boolean[found.size()];
        int matched = 0;
        int kindsRight = 0;
        for (TransitionTruth t : truth) {
            // A hard cut must land within one frame; a gradual boundary within half the transition's length.
            double tolerance = t.kind() == TransitionKind.CUT ? 1 / fps + 1e-6 : (t.end() - t.start()) / 2 + 1e-6;
            for (int i = 0; i < found.size(); i++) {
                if (!used[i] && Math.abs(found.get(i).boundary() - t.time()) <= tolerance) {
                    used[i] = true;
                    matched++;
                    if (found.get(i).kind().name().equals(t.kind().name())) {
                        kindsRight++;
                    }
                    break;
                }
            }
        }
        double precision = found.isEmpty() ? (truth.isEmpty() ? 1 : 0) : matched / (double) found.size();
        double recall = truth.isEmpty() ? 1 : matched / (double) truth.size();
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new Score(precision, recall, f1, kindsRight, matched);
    }

    @Test
    void findsCutsFadesAndDissolvesWithF1AtLeast095() {
        Score s = score(game.transitions(), analysis.transitions(), game.fps());
        System.out.printf("boundaries: precision %.3f recall %.3f F1 %.3f, kind right %d/%d%n  truth %s%n  found %s%n",
                s.precision(), s.recall(), s.f1(), s.kindsRight(), s.matched(), game.transitions(),
                analysis.transitions());
        assertTrue(s.f1() >= 0.95, "F1 " + s.f1());
        assertTrue(s.kindsRight() >= s.matched() - 1, "kinds right " + s.kindsRight() + " of " + s.matched());
    }

    @Test
    void hardCutsLandOnTheExactFrame() {
        for (TransitionTruth t : game.transitions()) {
            if (t.kind() == TransitionKind.CUT) {
                Transition nearest = analysis.transitions().stream()
                        .min((a, b) -> Double.compare(Math.abs(a.boundary() - t.time()), Math.abs(b.boundary() - t.time())))
                        .orElseThrow();
                assertEquals(Transition.Kind.CUT, nearest.kind(), "at " + t.time());
                assertEquals(t.time(), nearest.boundary(), 1e-3, "cut at " + t.time());
            }
        }
    }

    @Test
    void flashesGiveNoBoundary() {
        for (double flash : game.flashTimes()) {
            for (Transition t : analysis.transitions()) {
                assertTrue(t.end() < flash - 0.2 || t.start() > flash + 0.2,
                        "boundary " + t + " at the flash at " + flash);
            }
        }
    }

    @Test
    void shotsMeetAtTheTransitionsAndCoverTheVideo() {
        List<Shot> shots = analysis.shots();
        assertEquals(analysis.transitions().size() + 1, shots.size());
        assertEquals(0.0, shots.get(0).start());
        for (int i = 1; i < shots.size(); i++) {
            assertEquals(shots.get(i - 1).end(), shots.get(i).start());
            assertEquals(analysis.transitions().get(i - 1).boundary(), shots.get(i).start());
        }
        assertEquals(analysis.media().durationSeconds(), shots.get(shots.size() - 1).end());
    }

    @Test
    void fastPanWithFlashesGivesOnlyTheScriptedCuts() {
        // 16 px a frame over 16 px texture blocks: every frame shows a new texture; flashes on top.
        SyntheticGame.GroundTruth busy = new SyntheticGame.Script(640, 360, 25, List.of(4.0, 3.0, 5.0), List.of())
                .withoutAudio().withPan(16).withFlash(1.8, 2).withFlash(9.0, 1).write(dir.resolve("pan.mp4"));
        List<Transition> found = analyzer.analyze(busy.file(), StageProgress.NONE).transitions();
        Score s = score(busy.transitions(), found, busy.fps());
        System.out.printf("fast pan: precision %.3f recall %.3f, found %s%n", s.precision(), s.recall(), found);
        assertEquals(1.0, s.precision(), "found " + found);
        assertEquals(1.0, s.recall(), "found " + found);
    }

    @Test
    void gradualTransitionsOutOfAndIntoFastPansAt50Fps() {
        // Harder: pans of 8 px a frame on either side of dissolves and a fade, a short dissolve, 50 fps.
        SyntheticGame.GroundTruth panning = new SyntheticGame.Script(640, 360, 50, List.of(3.0, 3.0, 3.0, 3.0, 3.0),
                List.of()).withoutAudio()
                .withMotion(List.of(SyntheticGame.Motion.HIGH, SyntheticGame.Motion.HIGH, SyntheticGame.Motion.LOW,
                        SyntheticGame.Motion.HIGH, SyntheticGame.Motion.LOW))
                .withDissolve(0, 1.0).withDissolve(2, 1.2).withFade(3, 0.8).withFlash(4.4, 3)
                .write(dir.resolve("panning50.mp4"));
        List<Transition> found = analyzer.analyze(panning.file(), StageProgress.NONE).transitions();
        Score s = score(panning.transitions(), found, panning.fps());
        System.out.printf("pans at 50 fps: precision %.3f recall %.3f F1 %.3f, kind right %d/%d, found %s%n",
                s.precision(), s.recall(), s.f1(), s.kindsRight(), s.matched(), found);
        assertTrue(s.f1() >= 0.95, "F1 " + s.f1() + ", found " + found);
    }

    @Test
    void progressRisesToOneAndCancelStopsThePass() {
        List<Double> reported = new ArrayList<>();
        analyzer.analyze(game.file(), reported::add);
        assertTrue(reported.size() >= game.durationSeconds() / 0.5 - 2, "reports " + reported.size());
        for (int i = 1; i < reported.size(); i++) {
            assertTrue(reported.get(i) >= reported.get(i - 1), "monotonic " + reported);
        }
        assertEquals(1.0, reported.get(reported.size() - 1));
        List<Double> beforeCancel = new ArrayList<>();
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.courtside.kernel.JobCanceledException.class,
                () -> analyzer.analyze(game.file(), f -> {
                    beforeCancel.add(f);
                    if (f > 0.3) {
                        throw new io.courtside.kernel.JobCanceledException("J1");
                    }
                }));
        assertTrue(e.getMessage().contains("J1"));
        assertTrue(beforeCancel.get(beforeCancel.size() - 1) < 0.4, "stopped soon: " + beforeCancel);
    }
}
