package io.courtside.selection;

import static io.courtside.selection.SelectionFixtures.profiles;
import static io.courtside.selection.SelectionFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.MotionTrack;
import io.courtside.scoreboard.ScoreTimeline;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scoring plays anchor clips: end 1-3 s after the change, start where the play starts; they come first. */
class ScoringSelectionTest {

    private final SegmentSelector selector = new SegmentSelector(profiles());

    private static final ScoreTimeline SCORES = ScoreFixtures.SCORES;

    @Test
    void aScoringPlayEndsOneToThreeSecondsAfterTheChangeAndStartsAtTheShotBoundaryBefore() {
        List<Segment> segments = selector.select(game(SCORES), spec(1, 30.0)).get(0).segments();
        Segment first = containing(segments, 23.5);
        assertThat(first.end() - 23.5).isBetween(1.0, 3.0);
        assertThat(first.start()).isEqualTo(19.0); // the play's shot, not the close-up cut at 22.8
        assertThat(first.reason()).startsWith("OKC +2, 30-32, lead 2");
        // One long shot: no boundary within max-clip, so max-clip before the end.
        Segment second = containing(segments, 47);
        assertThat(second.end()).isEqualTo(49.0);
        assertThat(second.start()).isEqualTo(41.0);
        assertThat(second.reason()).startsWith("SA +3, 33-32, lead 1, lead change, big play");
        Segment third = containing(segments, 80);
        assertThat(third.start()).isEqualTo(75.0);
        assertThat(third.end()).isEqualTo(82.0);
        assertThat(third.reason()).startsWith("OKC +3, 33-35, lead 2, lead change, big play");
        // Clips of one output never overlap.
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).start()).isGreaterThanOrEqualTo(segments.get(i - 1).end() - 1e-9);
        }
    }

    @Test
    void insideOneLongShotAScoringClipStartsWhereThePictureTurnsBusy() {
        // The long shot 40-60 holds the change at 47: quiet (the ball brought up slowly) until the play at 44.5.
        MotionTrack quietThenPlay = motion(3.0, new double[][] {{40, 44.5, 0.6}, {44.5, 60, 5.0}});
        Segment play = containing(selector.select(ScoreFixtures.game(SCORES, quietThenPlay), spec(1, 30.0)).get(0)
                .segments(), 47);
        assertThat(play.start()).isEqualTo(44.5);
        assertThat(play.end()).isEqualTo(49.0);
        // In a shot that starts on a boundary (19-22.8, the change at 23.5 after a cut) the same holds.
        MotionTrack lateInShot = motion(3.0, new double[][] {{19, 21.5, 0.5}, {21.5, 22.8, 6.0}});
        Segment first = containing(selector.select(ScoreFixtures.game(SCORES, lateInShot), spec(1, 30.0)).get(0)
                .segments(), 23.5);
        assertThat(first.start()).isEqualTo(21.5);
        // No onset: busy throughout, a lull shorter than onset-quiet-seconds, a still picture (noise only), no
        // motion measured: max-clip before the end, as before.
        for (MotionTrack none : new MotionTrack[] {motion(3.0, new double[][] {}),
                motion(3.0, new double[][] {{42, 43.5, 0.5}}),
                motion(0.3, new double[][] {{44.5, 60, 1.2}}), null}) {
            Segment unchanged = containing(selector.select(ScoreFixtures.game(SCORES, none), spec(1, 30.0)).get(0)
                    .segments(), 47);
            assertThat(unchanged.start()).as("%s", none == null ? "none" : java.util.Arrays.toString(none.values()))
                    .isEqualTo(41.0);
        }
    }

    /** A 120 s motion track in 0.5 s windows: {@code level} everywhere but the {@code {from, to, level}} rows. */
    static MotionTrack motion(double level, double[][] rows) {
        float[] values = new float[240];
        java.util.Arrays.fill(values, (float) level);
        for (double[] row : rows) {
            for (int w = (int) Math.round(row[0] / 0.5); w < (int) Math.round(row[1] / 0.5); w++) {
                values[w] = (float) row[2];
            }
        }
        return new MotionTrack(0.5, values);
    }

    @Test
    void clipsOfOneOutputNeverOverlapEvenWhenMostOfTheGameFits() {
        // A scoring play's clip spans shots whose own clips are candidates too: never both in one output.
        for (double max : new double[] {60, 90, 120}) {
            List<Segment> segments = selector.select(game(SCORES), spec(1, max)).get(0).segments();
            for (int i = 1; i < segments.size(); i++) {
                assertThat(segments.get(i).start()).as("%s", segments)
                        .isGreaterThanOrEqualTo(segments.get(i - 1).end() - 1e-9);
            }
            assertThat(segments.stream().filter(s -> s.events().play() != null)).hasSize(3);
        }
    }

    @Test
    void withAShortMaxDurationScoringPlaysComeBeforeLoudNonScoringMoments() {
        HighlightPlan plan = selector.select(game(SCORES), spec(1, 14.0)).get(0);
        assertThat(plan.duration()).isLessThanOrEqualTo(14.0 + 1e-9);
        assertThat(plan.segments()).isNotEmpty().allSatisfy(s -> {
            assertThat(SCORES.changesBetween(s.start(), s.end())).as("clip %s holds a score change", s).isNotEmpty();
            assertThat(s.events().play()).isNotNull();
            double change = s.events().play().time();
            assertThat(s.end() - change).isBetween(1.0, 3.0);
        });
        // Without the scores the same game's short highlight is its roars.
        HighlightPlan loud = selector.select(game(ScoreTimeline.none()), spec(1, 14.0)).get(0);
        assertThat(loud.segments()).anySatisfy(s -> assertThat(s.start()).isLessThan(35).isGreaterThanOrEqualTo(30));
    }

    @Test
    void everyClipCarriesTheScoreAtItsEndAndTheChangeWithinIt() {
        List<Segment> segments = selector.select(game(SCORES), spec(1, 60.0)).get(0).segments();
        Segment play = containing(segments, 47);
        assertThat(play.events().score().score()).isEqualTo(Map.of("SA", 33, "OKC", 32));
        assertThat(play.events().play().team()).isEqualTo("SA");
        assertThat(play.events().play().points()).isEqualTo(3);
        Segment roar = segments.stream().filter(s -> s.start() >= 30 && s.end() <= 40).findFirst().orElseThrow();
        assertThat(roar.events().play()).isNull();
        assertThat(roar.events().score().score()).isEqualTo(Map.of("SA", 30, "OKC", 32));
        assertThat(roar.reason()).contains("crowd");
    }

    @Test
    void withoutAScoreTimelineClipsCarryNoScore() {
        List<HighlightPlan> plans = selector.select(game(ScoreTimeline.none()), spec(2, 30.0));
        assertThat(plans).flatMap(HighlightPlan::segments).allSatisfy(s -> {
            assertThat(s.events().score()).isNull();
            assertThat(s.events().play()).isNull();
            assertThat(s.reason()).doesNotContain("SA +", "OKC +", "lead");
        });
    }

    private static Segment containing(List<Segment> segments, double time) {
        return segments.stream().filter(s -> s.start() <= time && s.end() > time).findFirst()
                .orElseThrow(() -> new AssertionError("no clip holds " + time + ": " + segments));
    }

    static GameAnalysis game(ScoreTimeline scores) {
        return ScoreFixtures.game(scores);
    }
}
