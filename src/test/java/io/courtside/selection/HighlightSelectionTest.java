package io.courtside.selection;

import static io.courtside.selection.SelectionFixtures.profiles;
import static io.courtside.selection.SelectionFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.analysis.ReplayAndPlayerTest;
import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.StageProgress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Selection on a real analysis of a generated game with two replays, crowd bursts and a registered player: the
 * replays and the plays they repeat come first, the player is named where she is, outputs are distinct while the
 * game has moments enough, and reusing clips is reported.
 */
class HighlightSelectionTest {

    @TempDir
    static Path dir;
    static SyntheticGame.GroundTruth truth;
    static GameAnalysis analysis;
    final SegmentSelector selector = new SegmentSelector(profiles());

    @BeforeAll
    static void analyse() throws Exception {
        truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        analysis = new GameAnalyzer(AnalysisProperties.defaults())
                .analyze(truth.file(), ReplayAndPlayerTest.astronautAndLogo(dir), StageProgress.NONE);
        assertThat(analysis.replays()).hasSize(2);
    }

    @Test
    void replaysAndTheirPlaysComeFirst() {
        // Both replays (3 + 3.6 s) and the plays they repeat (shots 1 and 5, 5 + 4 s) fill 16 s; louder moments
        // elsewhere (the 19.5 s and 24 s bursts) and the player's shot wait.
        HighlightPlan plan = selector.select(analysis, spec(1, 16.0)).get(0);
        assertThat(plan.duration()).isLessThanOrEqualTo(16.0 + 1e-9);
        List<Segment> replays = plan.segments().stream().filter(s -> s.events().replay()).toList();
        assertThat(replays).as("%s", plan).hasSize(2);
        for (SyntheticGame.ReplayTruth r : truth.replays()) {
            double middle = (r.start() + r.end()) / 2;
            assertThat(replays).anySatisfy(s -> {
                assertThat(s.start()).isLessThan(middle);
                assertThat(s.end()).isGreaterThan(middle);
                assertThat(s.reason()).startsWith("replay");
            });
        }
        // The rest: the live play just before each replay, whole shot (snapped to its cuts).
        List<Segment> others = plan.segments().stream().filter(s -> !s.events().replay()).toList();
        assertThat(others).hasSize(2).allSatisfy(s -> {
            assertThat(s.reason()).contains("play shown again in a replay");
            assertThat(truth.replays()).anySatisfy(r -> assertThat(s.end()).isCloseTo(r.start(), org.assertj.core.data.Offset.offset(0.1)));
        });
    }

    @Test
    void theRegisteredPlayerIsNamedWhereSheIsAndNowhereElse() {
        SyntheticGame.FaceTruth astronaut = truth.faces().get(0);
        List<HighlightPlan> plans = selector.select(analysis, spec(2, 17.0));
        List<Segment> all = plans.stream().flatMap(p -> p.segments().stream()).toList();
        assertThat(all).anySatisfy(s -> assertThat(s.events().players()).containsExactly("Player A"));
        for (Segment s : all) {
            boolean showsHer = s.start() < astronaut.end() && s.end() > astronaut.start();
            if (!showsHer) {
                assertThat(s.events().players()).as("%s", s).isEmpty();
            } else if (!s.events().players().isEmpty()) {
                assertThat(s.reason()).contains("Player A");
            }
        }
    }

    @Test
    void outputsAreDistinctWhileThereAreMomentsEnough() {
        List<HighlightPlan> plans = selector.select(analysis, spec(2, 12.0));
        assertThat(plans).allSatisfy(p -> assertThat(p.warnings()).isEmpty());
        for (Segment a : plans.get(0).segments()) {
            for (Segment b : plans.get(1).segments()) {
                assertThat(Math.min(a.end(), b.end()) - Math.max(a.start(), b.start())).as("%s / %s", a, b)
                        .isLessThanOrEqualTo(1e-6);
            }
        }
        assertThat(plans).allSatisfy(p -> assertThat(p.duration()).isLessThanOrEqualTo(12.0 + 1e-9));
        assertThat(selector.select(analysis, spec(2, 12.0))).isEqualTo(plans);
    }

    @Test
    void tooFewMomentsIsReported() {
        // 4 outputs of 20 s from a 35.6 s game: later outputs must reuse clips, and say so.
        List<HighlightPlan> plans = selector.select(analysis, spec(4, 20.0));
        assertThat(plans.get(0).warnings()).isEmpty();
        assertThat(plans.subList(1, 4)).anySatisfy(p -> assertThat(p.warnings()).anySatisfy(w ->
                assertThat(w).contains("repeats", "not enough for 4 distinct outputs")));
        assertThat(plans).allSatisfy(p -> assertThat(p.duration()).isLessThanOrEqualTo(20.0 + 1e-9));
        assertThat(plans.stream().map(HighlightPlan::segments).distinct().count()).isEqualTo(4);
    }
}
