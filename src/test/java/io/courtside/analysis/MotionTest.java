package io.courtside.analysis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.Motion;
import io.courtside.kernel.StageProgress;

/** Motion per shot ranks fast-panning shots above still ones, with cuts, a dissolve and flashes around. */
class MotionTest {

    @TempDir
    Path dir;

    @Test
    void highMotionShotsRankAboveLowMotionShots() {
        SyntheticGame.GroundTruth game = new SyntheticGame.Script(640, 360, 25,
                List.of(3.0, 2.6, 3.4, 2.0, 3.0, 2.8, 3.2), List.of())
                .withoutAudio()
                .withMotion(List.of(Motion.LOW, Motion.HIGH, Motion.LOW, Motion.HIGH, Motion.HIGH, Motion.LOW,
                        Motion.LOW))
                .withDissolve(1, 1.0) // a HIGH shot dissolves into a LOW one
                .withFlash(7.0, 2)    // flashes inside LOW shots must not read as motion
                .withFlash(18.0, 3)
                .write(dir.resolve("motion.mp4"));
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(game.file(), StageProgress.NONE);

        List<Double> high = new ArrayList<>();
        List<Double> low = new ArrayList<>();
        for (SyntheticGame.ScriptedShot shot : game.shots()) {
            double middle = (shot.start() + shot.end()) / 2;
            int found = indexOfShotAt(analysis.shots(), middle);
            double motion = analysis.motion().get(found);
            (shot.motion() == Motion.HIGH ? high : low).add(motion);
        }
        // Pairwise ranking: every HIGH shot above every LOW shot (AUC 1).
        int pairs = 0;
        int right = 0;
        for (double h : high) {
            for (double l : low) {
                pairs++;
                right += h > l ? 1 : 0;
            }
        }
        System.out.printf("motion: high %s, low %s, ranked right %d/%d%n", high, low, right, pairs);
        assertTrue(right == pairs, "high " + high + " low " + low);
        double lowest = high.stream().min(Double::compare).orElseThrow();
        double highest = low.stream().max(Double::compare).orElseThrow();
        assertTrue(lowest > 2 * highest, "a clear margin: high >= " + lowest + ", low <= " + highest);
        // Flashes (in shots 2 and 6) are not motion: those still shots read like the other still shots.
        double stillest = low.stream().min(Double::compare).orElseThrow();
        assertTrue(highest < 2 * stillest, "flashes counted as motion: low " + low);
    }

    private static int indexOfShotAt(List<Shot> shots, double t) {
        for (int i = 0; i < shots.size(); i++) {
            if (t >= shots.get(i).start() && t < shots.get(i).end()) {
                return i;
            }
        }
        return shots.size() - 1;
    }
}
