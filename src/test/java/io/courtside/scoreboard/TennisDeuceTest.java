package io.courtside.scoreboard;

import static io.courtside.scoreboard.BugReadingLayoutTest.TENNIS;
import static io.courtside.scoreboard.BugReadingLayoutTest.bug;
import static io.courtside.scoreboard.BugReadingLayoutTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Tennis after deuce: 40-40 (some bugs write "DEUCE"), "AD" or "A" for the player with the advantage (the other shows
 * 40 or nothing), back to 40-40 when the advantage is lost, then a game. Words as OCR gives them, laid out as bugs
 * draw them; readings voted as the reader votes them.
 */
class TennisDeuceTest {

    static final List<String> PLAYERS = List.of("SINNER", "RUUD");

    @Test
    void anAdvantageMarkAfterTheRowsNumbersIsTheAdvantageOverTheOthersForty() {
        // sets, games, then "AD" over 40
        BugReading ad = BugReading.of(bug(row(10, "SINNER", 10, "1", 200, "4", 240, "AD", 280),
                row(40, "RUUD", 10, "0", 200, "3", 240, "40", 280)), TENNIS);
        assertThat(ad.scores()).containsExactly(BugReading.ADVANTAGE, 40);
        assertThat(ad.games()).isEqualTo("1-0 4-3");
        assertThat(ad.teams()).containsExactly("SINNER", "RUUD");
        // "A" for the second player, the first's points left blank
        BugReading a = BugReading.of(bug(row(10, "MEDVEDEV", 10, "2", 200, "5", 240),
                row(40, "ZVEREV", 10, "1", 200, "5", 240, "A", 284)), TENNIS);
        assertThat(a.scores()).containsExactly(40, BugReading.ADVANTAGE);
        assertThat(a.games()).isEqualTo("2-1 5-5");
    }

    @Test
    void anAdvantageOverAnythingButFortyIsNoReading() {
        assertThat(BugReading.of(bug(row(10, "SINNER", 10, "4", 240, "AD", 280),
                row(40, "RUUD", 10, "3", 240, "30", 280)), TENNIS)).isNull();
        assertThat(BugReading.of(bug(row(10, "SINNER", 10, "4", 240, "AD", 280),
                row(40, "RUUD", 10, "3", 240, "AD", 280)), TENNIS)).isNull();
    }

    @Test
    void aDeuceLabelInThePointsColumnIsFortyAll() {
        // the label stands right of both rows' games, between the rows; no points shown
        List<BugOcr.Word> words = bug(row(10, "KEYS", 10, "1", 200, "2", 240),
                row(40, "GAUFF", 10, "1", 200, "2", 240));
        words.add(new BugOcr.Word("DEUCE", 276, 25, 60, 20, 90));
        BugReading deuce = BugReading.of(words, TENNIS);
        assertThat(deuce.scores()).containsExactly(40, 40);
        assertThat(deuce.games()).isEqualTo("1-1 2-2");
        assertThat(deuce.teams()).as("DEUCE names no one").containsExactly("KEYS", "GAUFF");
    }

    @Test
    void aGameWithTwoDeucesIsEveryStateWithItsAdvantageAndItsPoint() {
        ScoreVoting voting = ScoreVoting.onePass();
        int ad = BugReading.ADVANTAGE;
        int[][] points = {{30, 40}, {40, 40}, {ad, 40}, {40, 40}, {40, ad}, {40, 40}, {ad, 40}, {0, 0}};
        String[] games = {"4-3", "4-3", "4-3", "4-3", "4-3", "4-3", "4-3", "5-3"};
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < 4; k++) {
                voting.sample(i * 10 + k * 0.25, new BugReading(PLAYERS, points[i], games[i], null, null, true), true);
            }
        }
        List<ScoreState> states = voting.states();
        assertThat(states).extracting(ScoreState::time).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0);
        assertThat(states).extracting(ScoreState::advantage)
                .containsExactly(null, null, "SINNER", null, "RUUD", null, "SINNER", null);
        assertThat(states).extracting(ScoreState::scoring).containsExactly(null, new Scoring("SINNER", 10),
                new Scoring("SINNER", 0), new Scoring("RUUD", 0), new Scoring("RUUD", 0), new Scoring("SINNER", 0),
                new Scoring("SINNER", 0), new Scoring("SINNER", 0, Scoring.Won.GAME));
        assertThat(states.get(2).score()).as("the advantage is 40 and the advantage")
                .isEqualTo(Map.of("SINNER", 40, "RUUD", 40));
        assertThat(states.get(7).score()).isEqualTo(Map.of("SINNER", 0, "RUUD", 0));
    }

    @Test
    void aFortyReadUnderTheAdvantageIsStillNoScoreGoneDownOutsideDeuce() {
        // 40-15 to 30-15 in the same game stays noise: only the advantage may fall back to 40
        ScoreVoting voting = ScoreVoting.onePass();
        int[][] points = {{40, 15}, {30, 15}, {40, 15}};
        for (int i = 0; i < points.length; i++) {
            for (int k = 0; k < 4; k++) {
                voting.sample(i * 10 + k * 0.25, new BugReading(PLAYERS, points[i], "2-2", null, null, true), true);
            }
        }
        assertThat(voting.states()).hasSize(1);
    }
}
