package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;

/** The join at a range border, on hand-built ranges (the decoded case: SplitAnalysisTest). */
class RangeMergeTest {

    private static final ScoreRegion BUG = new ScoreRegion(0.1, 0.85, 0.3, 0.08);

    @Test
    void aScoreSeenAgainAfterTheBorderIsOneStateAndTheNextRangesFirstChangeKeepsItsScoring() {
        // Range 0 reads 2-0 at 8.96 s, just before the border at 9 s. Range 1's reader, starting cold, reads 2-0
        // again at 9.2 s (its first state: no scoring of its own), then 2-3 at 12 s, which it reads as its own first
        // change only when it never saw 2-0 (as here at 15 s, after a stretch where the bug was hidden).
        RangeAnalysis first = range(0, 0, 9, scores(state(1.0, 0, 0, null), state(8.96, 2, 0, new Scoring("A", 2))));
        RangeAnalysis second = range(1, 9, 20, scores(state(9.2, 2, 0, null), state(15.0, 2, 3, null)));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 8.96, 15.0);
        assertThat(joined.states().get(2).scoring()).isEqualTo(new Scoring("B", 3));
        assertThat(joined.region()).isEqualTo(BUG);
    }

    @Test
    void aStateFirstShownInTheMarginBeforeARangeIsTheRangeBeforesOnly() {
        // Range 1 decodes from 4 s: what it reads before 9 s is range 0's to report.
        RangeAnalysis first = range(0, 0, 9, scores(state(1.0, 0, 0, null), state(7.0, 0, 2, new Scoring("B", 2))));
        RangeAnalysis second = range(1, 9, 20, scores(state(4.2, 0, 0, null), state(7.0, 0, 2, new Scoring("B", 2)),
                state(10.0, 3, 2, new Scoring("A", 3))));

        ScoreTimeline joined = RangeMerge.scores(List.of(second, first).stream()
                .sorted(java.util.Comparator.comparingInt(r -> r.range().index())).toList());

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 7.0, 10.0);
    }

    @Test
    void aScoreBelowTheOneShownThatARangeReadColdIsRefusedAsOnePassRefusesIt() {
        // The broadcast shows an earlier score again after the border (a looped input, a replayed earlier score):
        // range 1's reader, starting cold, reads it as its first state and its way back up as changes; one pass,
        // showing 4-3, refuses every score below it and reads 6-3 as A's 2 points after 4-3.
        RangeAnalysis first = range(0, 0, 9, scores(state(1.0, 0, 0, null), state(3.0, 2, 0, new Scoring("A", 2)),
                state(8.8, 4, 3, null)));
        RangeAnalysis second = range(1, 9, 20, scores(state(9.4, 0, 0, null), state(11.0, 2, 0, new Scoring("A", 2)),
                state(12.5, 2, 3, new Scoring("B", 3)), state(14.0, 4, 3, new Scoring("A", 2)),
                state(16.0, 6, 3, new Scoring("A", 2)), state(17.0, 6, 1, null), state(18.0, 7, 4, null)));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 3.0, 8.8, 16.0, 18.0);
        assertThat(joined.states().get(3).scoring()).isEqualTo(new Scoring("A", 2));
        assertThat(joined.states().get(4).scoring()).as("both scores rose: no one team scored").isNull();
    }

    @Test
    void aNewGameIsANewStateButAnEarlierGameAfterTheBorderIsRefused() {
        // Games-and-points bugs: the points fall to 0 when a game is won (a new state, no scoring), and a range that
        // reads an earlier game's score again (games 0-0 after 1-0) is refused, as the one pass refuses it; other
        // teams (a misread name) too.
        RangeAnalysis first = range(0, 0, 9, scores(games(1.0, 0, 0, "0-0"), games(4.0, 10, 8, "0-0"),
                games(8.5, 0, 0, "1-0")));
        RangeAnalysis second = range(1, 9, 20, scores(games(9.3, 10, 8, "0-0"), games(11.0, 11, 8, "0-0"),
                games(13.0, 2, 0, "1-0"), new ScoreState(14.0, ordered("X", 3, "B", 0), null, null, "1-0"),
                games(15.0, 2, 1, "1-0")));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 4.0, 8.5, 13.0, 15.0);
        assertThat(joined.states().get(2).scoring()).as("a game won, not points").isNull();
        assertThat(joined.states().get(3).scoring()).as("2 points after 0-0 in the same game")
                .isEqualTo(new Scoring("A", 2));
        assertThat(joined.states().get(4).scoring()).isEqualTo(new Scoring("B", 1));
    }

    @Test
    void aStatesPeriodAndGamesCrossTheJoinApartAndAPeriodShapedLikeGamesStaysAPeriod() {
        // A bug showing both a period and games columns: the join keeps each where it was read.
        RangeAnalysis first = range(0, 0, 9, scores(new ScoreState(1.0, ordered("A", 0, "B", 0), null, "1ST", "1-0")));
        RangeAnalysis second = range(1, 9, 20, scores(new ScoreState(9.6, ordered("A", 0, "B", 0), null, "1ST", "1-0"),
                new ScoreState(12.0, ordered("A", 15, "B", 0), new Scoring("A", 15), "1ST", "1-0")));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 12.0);
        assertThat(joined.states().get(1).period()).isEqualTo("1ST");
        assertThat(joined.states().get(1).games()).isEqualTo("1-0");
        assertThat(joined.states().get(1).scoring()).isEqualTo(new Scoring("A", 15));

        // A period whose text has the shape of games ("1-0", then "0-1") is a period: B's point is a point in the
        // same game, not a state refused because games "went down".
        first = range(0, 0, 9, scores(new ScoreState(1.0, ordered("A", 3, "B", 1), null, "1-0")));
        second = range(1, 9, 20, scores(new ScoreState(11.0, ordered("A", 3, "B", 2), null, "0-1")));

        joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 11.0);
        assertThat(joined.states().get(1).period()).isEqualTo("0-1");
        assertThat(joined.states().get(1).games()).isNull();
        assertThat(joined.states().get(1).scoring()).isEqualTo(new Scoring("B", 1));
    }

    @Test
    void rangesThatLoseOrDoubleAFrameAtTheBorderAreRefused() {
        RangeAnalysis first = range(0, 0, 9, ScoreTimeline.none());
        RangeAnalysis gap = new RangeAnalysis(new TimeRange(1, 2, 9, 20), 25, 640, 360, 20, 226,
                new double[] {9.04}, new double[1], new double[1], new double[1], new double[1], new int[0], false,
                new double[0], new float[0], new byte[0], List.of(), List.of(), List.of(), ScoreTimeline.none(),
                List.of(), List.of());
        assertThatThrownBy(() -> RangeMerge.merge(AnalysisProperties.defaults(), List.of(first, gap), null,
                new ReplayBounds(1, 60))).hasMessageContaining("frames were lost or doubled");
    }

    private static RangeAnalysis range(int index, double from, double to, ScoreTimeline scores) {
        int frames = (int) Math.round((to - from) * 25);
        double[] times = new double[frames];
        for (int i = 0; i < frames; i++) {
            times[i] = from + i / 25.0;
        }
        return new RangeAnalysis(new TimeRange(index, 2, from, to), 25, 640, 360, index == 1 ? to : Double.NaN,
                (int) Math.round(from * 25), times, new double[frames], new double[frames], new double[frames],
                new double[frames], new int[0], false, new double[0], new float[0], new byte[0], List.of(), List.of(),
                List.of(), scores, List.of(), List.of());
    }

    private static ScoreTimeline scores(ScoreState... states) {
        return new ScoreTimeline(List.of("A", "B"), BUG, List.of(states), List.of(), List.of());
    }

    private static ScoreState state(double time, int a, int b, Scoring scoring) {
        return new ScoreState(time, ordered("A", a, "B", b), scoring, null);
    }

    private static ScoreState games(double time, int a, int b, String games) {
        return new ScoreState(time, ordered("A", a, "B", b), null, null, games);
    }

    private static Map<String, Integer> ordered(String teamA, int a, String teamB, int b) {
        Map<String, Integer> score = new java.util.LinkedHashMap<>();
        score.put(teamA, a);
        score.put(teamB, b);
        return score;
    }
}
