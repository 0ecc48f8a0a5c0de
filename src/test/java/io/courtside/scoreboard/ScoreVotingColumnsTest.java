package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A score read before its columns (games lost on their panel) is one state, not two, once the columns are read. */
class ScoreVotingColumnsTest {

    static BugReading reading(int a, int b, String games) {
        return new BugReading(List.of("FAN ZHENDONG", "MA LONG"), new int[] {a, b}, games, null, null, true);
    }

    static void samples(ScoreVoting voting, double from, int count, BugReading reading) {
        for (int i = 0; i < count; i++) {
            voting.sample(from + i * 0.25, reading, true);
        }
    }

    @Test
    void theColumnsReadLaterJoinTheStateAlreadyShown() {
        ScoreVoting voting = ScoreVoting.onePass();
        samples(voting, 0, 4, reading(6, 10, null));
        samples(voting, 1, 4, reading(6, 10, "2-0"));
        samples(voting, 3, 4, reading(7, 10, "2-0"));
        assertThat(voting.states()).hasSize(2);
        ScoreState first = voting.states().get(0);
        assertThat(first.time()).as("when the score was first shown").isEqualTo(0);
        assertThat(first.score()).isEqualTo(Map.of("FAN ZHENDONG", 6, "MA LONG", 10));
        assertThat(first.games()).isEqualTo("2-0");
        assertThat(voting.states().get(1).scoring().team()).isEqualTo("FAN ZHENDONG");
    }

    @Test
    void aDifferentScoreWithItsColumnsIsANewState() {
        ScoreVoting voting = ScoreVoting.onePass();
        samples(voting, 0, 4, reading(6, 10, null));
        samples(voting, 1, 4, reading(0, 0, "3-0"));
        assertThat(voting.states()).hasSize(2);
        assertThat(voting.states().get(1).games()).isEqualTo("3-0");
    }

    @Test
    void aStateKeepsItsGamesAndItsPeriodApart() {
        ScoreVoting voting = ScoreVoting.onePass();
        List<String> teams = List.of("FAN ZHENDONG", "MA LONG");
        samples(voting, 0, 4, new BugReading(teams, new int[] {6, 10}, "2-0", "GAME 3", null, true));
        samples(voting, 2, 4, new BugReading(teams, new int[] {7, 10}, "2-0", "GAME 3", null, true));
        assertThat(voting.states()).hasSize(2);
        assertThat(voting.states()).allSatisfy(s -> {
            assertThat(s.games()).isEqualTo("2-0");
            assertThat(s.period()).isEqualTo("GAME 3");
        });
        assertThat(voting.states().get(1).scoring()).isEqualTo(new Scoring("FAN ZHENDONG", 1));
    }
}
