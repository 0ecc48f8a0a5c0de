package io.courtside.selection;

import static io.courtside.selection.SelectionFixtures.profiles;
import static io.courtside.selection.SelectionFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.LoudnessTrack;
import io.courtside.analysis.MediaInfo;
import io.courtside.analysis.Shot;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Loudest shots first, within MaxDuration, distinct outputs, same answer every time. */
class SegmentSelectorTest {

    private final SegmentSelector selector = new SegmentSelector(profiles());

    // 60 s game, 6 shots of 10 s; loud crowd in shot 2 (20-30 s) at 24-27 s and in shot 4 (40-50 s) at 41-43 s.
    private final GameAnalysis game = analysis(60, List.of(0.0, 10.0, 20.0, 30.0, 40.0, 50.0),
            new double[][] {{24, 27, -8}, {41, 43, -12}});

    @Test
    void loudestShotsFirstAroundTheirLoudestMoment() {
        List<HighlightPlan> plans = selector.select(game, spec(1, 12.0));
        assertThat(plans).hasSize(1);
        List<Segment> segments = plans.get(0).segments();
        assertThat(plans.get(0).duration()).isLessThanOrEqualTo(12.0 + 1e-9);
        // Pre-roll and post-roll around the loud stretches (24-27 s in shot 2, 41-43 s in shot 4), inside their
        // shots, snapped to the shot start where close; the rest of the duration goes to other shots.
        Segment first = segments.stream().filter(s -> s.start() < 25.5 && s.end() > 25.5).findFirst().orElseThrow();
        assertThat(first.start()).isBetween(20.0, 24.0);
        assertThat(first.end()).isBetween(27.0, 30.0);
        assertThat(first.reason()).contains("loud");
        Segment second = segments.stream().filter(s -> s.start() < 42 && s.end() > 42).findFirst().orElseThrow();
        assertThat(second.start()).isBetween(40.0, 41.0);
        assertThat(second.end()).isGreaterThanOrEqualTo(43.0);
        assertThat(segments).isSortedAccordingTo((a, b) -> Double.compare(a.start(), b.start()));
    }

    @Test
    void outputsAreDistinctAndEachFitsMaxDuration() {
        List<HighlightPlan> plans = selector.select(game, spec(5, 20.0));
        Set<List<Segment>> distinct = new HashSet<>();
        for (HighlightPlan plan : plans) {
            assertThat(plan.duration()).isLessThanOrEqualTo(20.0 + 1e-9).isGreaterThan(0);
            distinct.add(plan.segments());
        }
        assertThat(distinct).hasSize(5);
        assertThat(plans).extracting(HighlightPlan::index).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void evenASingleShotGameGivesDistinctOutputsWithinMaxDuration() {
        GameAnalysis oneShot = analysis(9, List.of(0.0), new double[][] {{3, 4, -6}});
        List<HighlightPlan> plans = selector.select(oneShot, spec(1, 2.0));
        assertThat(plans.get(0).duration()).isLessThanOrEqualTo(2.0 + 1e-9);
        assertThat(plans.get(0).segments().get(0).start()).isBetween(2.0, 3.0);
    }

    @Test
    void deterministic() {
        assertThat(selector.select(game, spec(3, 15.0))).isEqualTo(selector.select(game, spec(3, 15.0)));
    }

    private static GameAnalysis analysis(double duration, List<Double> cuts, double[][] loud) {
        List<Shot> shots = new java.util.ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            shots.add(new Shot(cuts.get(i), i + 1 < cuts.size() ? cuts.get(i + 1) : duration));
        }
        float[] db = new float[(int) (duration / 0.5)];
        Arrays.fill(db, -40f);
        for (double[] moment : loud) {
            for (int w = (int) (moment[0] / 0.5); w < (int) (moment[1] / 0.5); w++) {
                db[w] = (float) moment[2];
            }
        }
        return new GameAnalysis(new MediaInfo(duration, 25, 1280, 720, true, 48000, 2), shots,
                new LoudnessTrack(0.5, db));
    }
}
