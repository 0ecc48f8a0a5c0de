package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.courtside.scoreboard.BugForm;
import io.courtside.scoreboard.ReadingRun;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;

/**
 * The join at a range border, on hand-built ranges: each range's reader is given runs of readings (the bug read
 * every 0.2 s) over what it decodes, its margins included, and votes them cold as a range's reader does; the join
 * must give what one pass over the same readings gives (the decoded case: SplitAnalysisTest).
 */
class RangeMergeTest {

    private static final ScoreRegion BUG = new ScoreRegion(0.1, 0.85, 0.3, 0.08);

    @Test
    void aScoreSeenAgainAfterTheBorderIsOneStateAndTheNextRangesFirstChangeKeepsItsScoring() {
        // Range 0 reads 2-0 from 8.96 s, just before the border at 9 s. Range 1's reader, starting cold, finds the
        // bug at 9.2 s and reads 2-0 (its first state: no scoring of its own), then, after a stretch where the bug
        // was hidden, 2-3 at 15 s: B's 3 points after the 2-0 range 0 read.
        RangeAnalysis first = range(0, 0, 9, run(1, 8.9, 0, 0), run(8.96, 11, 2, 0));
        RangeAnalysis second = range(1, 9, 20, run(9.2, 12, 2, 0), gapThen(run(15, 20, 2, 3)));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 8.96, 15.0);
        assertThat(joined.states().get(2).scoring()).isEqualTo(new Scoring("B", 3));
        assertThat(joined.region()).isEqualTo(BUG);
        assertThat(joined.states()).isEqualTo(onePass(0, 20, run(1, 8.9, 0, 0), run(8.96, 12, 2, 0),
                gapThen(run(15, 20, 2, 3))).states());
    }

    @Test
    void aStateFirstShownInTheMarginBeforeARangeIsTheRangeBeforesOnly() {
        // Range 1 decodes from 4 s: what it reads before 9 s is range 0's to report.
        RangeAnalysis first = range(0, 0, 9, run(1, 6.9, 0, 0), run(7, 11, 0, 2));
        RangeAnalysis second = range(1, 9, 20, run(4.2, 6.9, 0, 0), run(7, 9.9, 0, 2), run(10, 20, 3, 2));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 7.0, 10.0);
        assertThat(joined.states().get(2).scoring()).isEqualTo(new Scoring("A", 3));
    }

    @Test
    void aScoreBelowTheOneShownThatARangeReadColdIsRefusedAsOnePassRefusesIt() {
        // The broadcast shows an earlier score again after the border (a looped input, a replayed earlier score):
        // range 1's reader, starting cold, reads it as its first state and its way back up as changes; one pass,
        // showing 4-3, refuses every score below it and reads 6-3 as A's 2 points after 4-3.
        RangeAnalysis first = range(0, 0, 9, run(1, 2.9, 0, 0), run(3, 8.7, 2, 0), run(8.8, 11, 4, 3));
        RangeAnalysis second = range(1, 9, 20, run(9.4, 10.9, 0, 0), run(11, 12.4, 2, 0), run(12.5, 13.9, 2, 3),
                run(14, 15.9, 4, 3), run(16, 16.9, 6, 3), run(17, 17.9, 6, 1), run(18, 20, 7, 4));
        assertThat(second.scores().states()).as("the cold range read the climb again").hasSize(6);

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
        RangeAnalysis first = range(0, 0, 9, games(1, 3.9, 0, 0, "0-0"), games(4, 8.4, 10, 8, "0-0"),
                games(8.5, 11, 0, 0, "1-0"));
        RangeAnalysis second = range(1, 9, 20, games(9.3, 10.9, 10, 8, "0-0"), games(11, 12.9, 11, 8, "0-0"),
                games(13, 13.9, 2, 0, "1-0"),
                new ReadingRun(14, 14.9, 5, List.of("X", "B"), List.of(3, 0), "1-0", null, false, 5),
                games(15, 20, 2, 1, "1-0"));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 4.0, 8.5, 13.0, 15.0);
        assertThat(joined.states().get(2).scoring()).as("a game won, not points")
                .isEqualTo(new Scoring("A", 0, Scoring.Won.GAME));
        assertThat(joined.states().get(3).scoring()).as("2 points after 0-0 in the same game")
                .isEqualTo(new Scoring("A", 2));
        assertThat(joined.states().get(4).scoring()).isEqualTo(new Scoring("B", 1));
        assertThat(joined.states()).extracting(ScoreState::games).containsExactly("0-0", "0-0", "1-0", "1-0", "1-0");
    }

    @Test
    void aStatesPeriodAndGamesCrossTheJoinApartAndAPeriodShapedLikeGamesStaysAPeriod() {
        // A bug showing both a period and games columns: the join keeps each where it was read.
        RangeAnalysis first = range(0, 0, 9, read(1, 11, 0, 0, "1ST", "1-0"));
        RangeAnalysis second = range(1, 9, 20, read(9.6, 11.9, 0, 0, "1ST", "1-0"), read(12, 20, 15, 0, "1ST", "1-0"));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 12.0);
        assertThat(joined.states().get(1).period()).isEqualTo("1ST");
        assertThat(joined.states().get(1).games()).isEqualTo("1-0");
        assertThat(joined.states().get(1).scoring()).isEqualTo(new Scoring("A", 15));

        // A period whose text has the shape of games ("1-0", then "0-1") is a period: B's point is a point in the
        // same game, not a state refused because games "went down".
        first = range(0, 0, 9, read(1, 11, 3, 1, "1-0", null));
        second = range(1, 9, 20, read(10.5, 20, 3, 2, "0-1", null));

        joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 10.5);
        assertThat(joined.states().get(1).period()).isEqualTo("0-1");
        assertThat(joined.states().get(1).games()).isNull();
        assertThat(joined.states().get(1).scoring()).isEqualTo(new Scoring("B", 1));
    }

    @Test
    void aScoreARangeRefusedAfterALowerOneItAcceptedInItsMarginIsJudgedFromTheStateShownBeforeTheRange() {
        // One pass shows 12-8 from 6 s. At 8.5-10.4 s the broadcast shows an earlier graphic again (8-10): one pass
        // refuses it (A's score went down), as range 0 does. Range 1's reader, starting cold at 7 s, finds the bug
        // on that graphic and accepts 8-10 as its first state; then it refuses 12-8 and A's basket, 14-8 at 14 s
        // (B's score "went down" from 8-10). One pass, showing 12-8, reads 14-8 as A's 2 points.
        RangeAnalysis first = range(0, 0, 9, run(1, 5.9, 10, 8), run(6, 8.4, 12, 8), run(8.5, 10.4, 8, 10),
                run(10.5, 11, 12, 8));
        RangeAnalysis second = range(1, 9, 20, run(8.5, 10.4, 8, 10), run(10.5, 13.9, 12, 8), run(14, 20, 14, 8));
        assertThat(second.scores().states()).as("the cold range refused 14-8").hasSize(1);

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 6.0, 14.0);
        assertThat(joined.states().get(2).score()).containsExactly(java.util.Map.entry("A", 14),
                java.util.Map.entry("B", 8));
        assertThat(joined.states().get(2).scoring()).isEqualTo(new Scoring("A", 2));
        assertThat(joined.states()).isEqualTo(onePass(0, 20, run(1, 5.9, 10, 8), run(6, 8.4, 12, 8),
                run(8.5, 10.4, 8, 10), run(10.5, 13.9, 12, 8), run(14, 20, 14, 8)).states());
    }

    @Test
    void theSameScoreWithItsGamesReadAtLastAfterTheBorderAmendsTheStateShown() {
        // Range 0 reads 2-0 with its games lost on their panel (read as nothing). Range 1's reader finds the bug at
        // 9.5 s and reads the same score with the games 1-0: one pass amends the state it shows with the games (the
        // same score, its columns read at last), it does not report a second state.
        RangeAnalysis first = range(0, 0, 9, games(1, 11, 2, 0, null));
        RangeAnalysis second = range(1, 9, 20, games(9.5, 15.9, 2, 0, "1-0"), games(16, 20, 2, 1, "1-0"));

        ScoreTimeline joined = RangeMerge.scores(List.of(first, second));

        assertThat(joined.states()).extracting(ScoreState::time).containsExactly(1.0, 16.0);
        assertThat(joined.states()).extracting(ScoreState::games).containsExactly("1-0", "1-0");
        assertThat(joined.states().get(1).scoring()).isEqualTo(new Scoring("B", 1));
        assertThat(joined.states()).isEqualTo(onePass(0, 20, games(1, 9.4, 2, 0, null),
                games(9.5, 15.9, 2, 0, "1-0"), games(16, 20, 2, 1, "1-0")).states());
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

    /** Range {@code index} of 2 owning [from, to), its reader voting {@code runs} cold, as a range's reader does. */
    private static RangeAnalysis range(int index, double from, double to, ReadingRun... runs) {
        return range(index, from, to, onePass(from, to, runs));
    }

    /** What a reader given {@code runs} over [from, to) reports: they are voted in order, from nothing. */
    private static ScoreTimeline onePass(double from, double to, ReadingRun... runs) {
        return ScoreTimeline.voted(List.of(new BugForm(from, to, BUG)), List.of(runs), List.of(), List.of());
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

    /** A plain score A-B read from {@code from} to {@code to}, every 0.2 s. */
    private static ReadingRun run(double from, double to, int a, int b) {
        return read(from, to, a, b, null, null);
    }

    /** Points A-B with the games columns read as {@code games} (null: not read). */
    private static ReadingRun games(double from, double to, int a, int b, String games) {
        return read(from, to, a, b, null, games);
    }

    private static ReadingRun read(double from, double to, int a, int b, String period, String games) {
        int samples = 1 + (int) Math.round((to - from) / 0.2);
        return new ReadingRun(from, to, samples, List.of("A", "B"), List.of(a, b), games, period, false, samples);
    }

    /** The run, read after the bug was off screen. */
    private static ReadingRun gapThen(ReadingRun run) {
        return new ReadingRun(run.from(), run.to(), run.samples(), run.teams(), run.scores(), run.games(),
                run.period(), true, run.reads());
    }
}
