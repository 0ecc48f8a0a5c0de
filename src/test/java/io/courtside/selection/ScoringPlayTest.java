package io.courtside.selection;

import static io.courtside.selection.ScoreFixtures.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.scoreboard.ScoreTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The facts a scoring play carries, derived from the displayed states only. */
class ScoringPlayTest {

    private static final ScoreWeights BASKETBALL = SelectionFixtures.profiles().find("basketball").orElseThrow()
            .scoring();

    // 100 s of a game, SA left and OKC right on the bug.
    private static final ScoreTimeline GAME = timeline(new double[][] {
            {1, 30, 32},   // first state read: not a scoring play
            {10, 33, 32},  // SA +3: takes the lead from OKC, a big play
            {20, 33, 34},  // OKC +2: lead change back
            {30, 33, 37},  // OKC +3: run of 5
            {40, 33, 40},  // OKC +3: 8-0 run
            {50, 35, 40},  // SA +2: the run is over
            {60, 38, 40},  // SA +3
            {70, 40, 40},  // SA +2: tie (7-0 SA, not a run at 8)
            {95, 41, 40},  // SA +1: lead change after the tie, close and late (last quarter of the source)
    });

    private final List<ScoringPlay> plays = ScoringPlay.of(GAME, 100, BASKETBALL);

    @Test
    void oneScoringPlayPerScoreChangeNotForTheFirstStateRead() {
        assertThat(plays).extracting(ScoringPlay::time).containsExactly(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0,
                95.0);
        assertThat(plays).extracting(ScoringPlay::team).containsExactly("SA", "OKC", "OKC", "OKC", "SA", "SA", "SA",
                "SA");
        assertThat(plays).extracting(ScoringPlay::points).containsExactly(3, 2, 3, 3, 2, 3, 2, 1);
        assertThat(plays).extracting(ScoringPlay::other).containsOnly("OKC", "SA");
    }

    @Test
    void leadChangesTiesRunsAndBigPlays() {
        assertThat(plays).extracting(ScoringPlay::leadChange)
                .containsExactly(true, true, false, false, false, false, false, true);
        assertThat(plays).extracting(ScoringPlay::tie)
                .containsExactly(false, false, false, false, false, false, true, false);
        assertThat(plays).extracting(ScoringPlay::run).containsExactly(3, 2, 5, 8, 2, 5, 7, 8);
        assertThat(plays).extracting(p -> p.isRun(BASKETBALL))
                .containsExactly(false, false, false, true, false, false, false, true);
        assertThat(plays).extracting(ScoringPlay::big)
                .containsExactly(true, false, true, true, false, true, false, false);
        assertThat(plays).extracting(ScoringPlay::closeLate)
                .containsExactly(false, false, false, false, false, false, false, true);
        assertThat(plays).extracting(ScoringPlay::lead).containsExactly(1, 1, 4, 7, -5, -2, 0, 1);
    }

    @Test
    void aLatePeriodAsReadMakesACloseGameLateAnywhereInTheSource() {
        List<ScoringPlay> fourth = ScoringPlay.of(timeline(new double[][] {{1, 80, 80}, {5, 82, 80}}, "4TH"), 1000,
                BASKETBALL);
        assertThat(fourth.get(0).closeLate()).isTrue();
        List<ScoringPlay> second = ScoringPlay.of(timeline(new double[][] {{1, 80, 80}, {5, 82, 80}}, "2ND"), 1000,
                BASKETBALL);
        assertThat(second.get(0).closeLate()).isFalse();
    }

    @Test
    void bothScoresChangingAtOnceIsNoScoringPlayAndEndsARun() {
        List<ScoringPlay> joined = ScoringPlay.of(timeline(new double[][] {
                {1, 10, 10}, {5, 10, 15}, {9, 14, 20}, {12, 14, 23}}), 100, BASKETBALL);
        assertThat(joined).extracting(ScoringPlay::time).containsExactly(5.0, 12.0);
        assertThat(joined.get(1).run()).isEqualTo(3);
    }

    @Test
    void reasonNamesTheTeamThePointsTheScoreInScreenOrderAndTheLead() {
        ScoreTimeline t = timeline(new double[][] {{1, 36, 34}, {63, 36, 38}, {80, 36, 42}});
        List<ScoringPlay> p = ScoringPlay.of(t, 300, BASKETBALL);
        assertThat(p.get(0).reason(BASKETBALL)).isEqualTo("OKC +4, 36-38, lead 2, lead change, big play");
        assertThat(p.get(1).reason(BASKETBALL)).isEqualTo("OKC +4, 36-42, lead 6, 8-0 run, big play");
        assertThat(plays.get(6).reason(BASKETBALL)).isEqualTo("SA +2, 40-40, tied");
        assertThat(plays.get(4).reason(BASKETBALL)).isEqualTo("SA +2, 35-40, trail 5");
        assertThat(plays.get(7).reason(BASKETBALL)).isEqualTo("SA +1, 41-40, lead 1, lead change, 8-0 run, close and late");
    }

    @Test
    void theWeightAddsEachFactOnce() {
        ScoringPlay plain = plays.get(4); // SA +2, trailing
        ScoringPlay run = plays.get(3);   // OKC +3, 8-0 run, big
        assertThat(plain.weight(BASKETBALL)).isEqualTo(BASKETBALL.play() + 2 * BASKETBALL.perPoint());
        assertThat(run.weight(BASKETBALL)).isEqualTo(BASKETBALL.play() + 3 * BASKETBALL.perPoint() + BASKETBALL.run()
                + BASKETBALL.bigPlay());
        assertThat(ScoringPlay.of(ScoreTimeline.none(), 100, BASKETBALL)).isEmpty();
    }
}
