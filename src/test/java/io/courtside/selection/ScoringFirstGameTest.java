package io.courtside.selection;

import static io.courtside.selection.SelectionFixtures.profiles;
import static io.courtside.selection.SelectionFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.LoudMoment;
import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.ScoreTimeline;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a short MaxDuration most clips hold a scoring play: a generated game (real pictures and crowd noise,
 * analysed for real) with four baskets and three crowd roars where nobody scores, louder than anything at the
 * baskets. Without the score reading the same short highlight is the roars.
 */
class ScoringFirstGameTest {

    /** Baskets (SA left, OKC right) away from the roars. */
    static final ScoreTimeline SCORES = ScoreFixtures.timeline(new double[][] {
            {0.5, 10, 10}, {9.6, 12, 10}, {12.4, 12, 13}, {19.8, 14, 13}, {21.8, 14, 15}});

    @TempDir
    Path dir;

    @Test
    void aShortHighlightIsItsScoringPlaysNotItsLoudestMoments() {
        SyntheticGame.Script script = new SyntheticGame.Script(640, 360, 25,
                List.of(3.0, 5.2, 2.4, 6.0, 4.4, 1.6, 7.4),
                List.of(new LoudMoment(4.0, 2.0), new LoudMoment(14.6, 2.0), new LoudMoment(24.0, 3.0)));
        SyntheticGame.GroundTruth truth = script.write(dir.resolve("game.mp4"));
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(truth.file(),
                StageProgress.NONE);
        // The roars are heard (else the contrast proves nothing).
        for (LoudMoment roar : script.loudMoments()) {
            assertThat(analysis.excitement().maxDb(roar.start(), roar.end())).as("roar at %s", roar.start())
                    .isGreaterThan(6);
        }
        SegmentSelector selector = new SegmentSelector(profiles());
        for (double maxDuration : new double[] {8, 12, 16}) {
            HighlightPlan plan = selector.select(PlayOnsetGameTest.withScores(analysis, SCORES), spec(1, maxDuration))
                    .get(0);
            assertThat(plan.duration()).isLessThanOrEqualTo(maxDuration + 1e-9);
            long scoring = plan.segments().stream().filter(s -> s.events().play() != null).count();
            System.out.printf("MaxDuration %.0f: %d of %d clips hold a basket: %s%n", maxDuration, scoring,
                    plan.segments().size(), plan.segments().stream().map(s -> String.format(java.util.Locale.ROOT,
                            "%.1f-%.1f %s", s.start(), s.end(), s.reason())).toList());
            assertThat(scoring).as("MaxDuration %s: %s", maxDuration, plan.segments())
                    .isGreaterThanOrEqualTo(1).isGreaterThan(plan.segments().size() / 2);
            // Baskets 2-3 s apart have overlapping clips: the later one is cut to follow the earlier, not dropped
            // for a roar.
            if (maxDuration >= 12) {
                assertThat(scoring).as("MaxDuration %s: %s", maxDuration, plan.segments()).isGreaterThanOrEqualTo(3);
            }
            for (Segment s : plan.segments()) {
                if (s.events().play() != null) {
                    double change = s.events().play().time();
                    assertThat(s.end() - change).as("ends 1-3 s after its basket: %s", s).isBetween(1.0, 3.0);
                }
            }
            // Most of the time, not just most clips: the baskets fill the highlight.
            double scoringSeconds = plan.segments().stream().filter(s -> s.events().play() != null)
                    .mapToDouble(Segment::duration).sum();
            assertThat(scoringSeconds).isGreaterThan(plan.duration() / 2);
        }
        // The same game without its score: the short highlight is the roars.
        HighlightPlan loud = selector.select(PlayOnsetGameTest.withScores(analysis, ScoreTimeline.none()),
                spec(1, 8.0)).get(0);
        assertThat(loud.segments()).allSatisfy(s -> assertThat(script.loudMoments())
                .anySatisfy(roar -> assertThat(Math.min(s.end(), roar.end()) - Math.max(s.start(), roar.start()))
                        .isGreaterThan(0)));
    }
}
