package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The sport's columns decide what each number of a row is, and a row that does not fit them is no reading at all:
 * words as OCR gives them (text and box in crop pixels), laid out as real bugs draw them.
 */
class BugReadingLayoutTest {

    static final BugLayout PINGPONG = new BugLayout(List.of(new BugLayout.Column("games", 4),
            new BugLayout.Column("points", 40)), 2, null);
    static final BugLayout TENNIS = new BugLayout(List.of(new BugLayout.Column("sets", 3),
            new BugLayout.Column("games", 7), new BugLayout.Column("points", 50)), 2, null);
    static final BugLayout BASKETBALL = new BugLayout(List.of(new BugLayout.Column("points", 250)), 1, null);

    /** One row at {@code y}: words at the given x, each 20 px tall (names wider). */
    static List<BugOcr.Word> row(int y, Object... textAndX) {
        List<BugOcr.Word> words = new ArrayList<>();
        for (int i = 0; i < textAndX.length; i += 2) {
            String text = (String) textAndX[i];
            words.add(new BugOcr.Word(text, (Integer) textAndX[i + 1], y, 12 * text.length(), 20, 90));
        }
        return words;
    }

    static List<BugOcr.Word> bug(List<BugOcr.Word> top, List<BugOcr.Word> bottom) {
        List<BugOcr.Word> all = new ArrayList<>(top);
        all.addAll(bottom);
        return all;
    }

    @Test
    void gamesLeftOfTheNameAndPointsRightAreTheSportsColumns() {
        // the 2017 Worlds: "3 | MA Long | 8" over "0 | XU Xin | 3"
        List<BugOcr.Word> words = bug(row(10, "3", 20, "MA", 60, "Long", 100, "8", 400),
                row(50, "0", 20, "XU", 60, "Xin", 100, "3", 400));
        BugReading reading = BugReading.of(words, PINGPONG);
        assertThat(reading.teams()).containsExactly("MA Long", "XU Xin");
        assertThat(reading.scores()).containsExactly(8, 3);
        assertThat(reading.games()).isEqualTo("3-0");
    }

    @Test
    void aRowMissingAColumnIsNoReadingNotAnInventedState() {
        // the points of the second row not read (the 2017 Worlds' "3" in its framed box): its last number is then its
        // games (0), left of the name, under no score of the other row: no reading, with or without the sport's columns
        List<BugOcr.Word> words = bug(row(10, "3", 20, "MA", 60, "Long", 100, "8", 400),
                row(50, "0", 20, "XU", 60, "Xin", 100));
        assertThat(BugReading.of(words)).as("8-0 for 8-3").isNull();
        assertThat(BugReading.of(words, PINGPONG)).isNull();
        // games right of the name, the second row's points lost: its games stand left of the other row's points
        List<BugOcr.Word> right = bug(row(10, "LIN", 20, "YUN", 60, "1", 250, "7", 300),
                row(50, "LIN", 20, "SHIDONG", 60, "2", 250));
        assertThat(BugReading.of(right)).isNull();
        assertThat(BugReading.of(right, PINGPONG)).isNull();
    }

    @Test
    void aRowMissingItsGamesStillShowsBothScoresInOneColumn() {
        // Paris: the first row's games "0" read as nothing; both points stand in the points column
        List<BugOcr.Word> words = bug(row(10, "DAVIDOVICH", 20, "FOKINA", 150, "40", 240),
                row(50, "SHELTON", 20, "0", 210, "40", 240));
        for (BugLayout layout : List.of(BugLayout.GUESS, TENNIS)) {
            BugReading reading = BugReading.of(words, layout);
            assertThat(reading.scores()).containsExactly(40, 40);
            assertThat(reading.games()).as("not guessed").isNull();
            assertThat(reading.complete()).isFalse();
        }
    }

    @Test
    void gamesLostOnTheirPanelInBothRowsLeaveTheScoreTheProfileDoesNotForbid() {
        // Singapore: the games, white on a red panel, read as nothing in both rows; the points are read
        List<BugOcr.Word> words = bug(row(10, "FAN", 20, "ZHENDONG", 60, "6", 300),
                row(50, "MA", 20, "LONG", 60, "10", 296));
        BugReading reading = BugReading.of(words, PINGPONG);
        assertThat(reading.scores()).containsExactly(6, 10);
        assertThat(reading.games()).isNull();
        assertThat(reading.columns()).isEqualTo(1);
        // the profile's most still holds: 77 points is a misread
        List<BugOcr.Word> misread = bug(row(10, "FAN", 20, "ZHENDONG", 60, "77", 300),
                row(50, "MA", 20, "LONG", 60, "10", 296));
        assertThat(BugReading.of(misread, PINGPONG)).isNull();
        assertThat(BugReading.of(misread).scores()).as("no profile: no most but 250").containsExactly(77, 10);
    }

    @Test
    void aNumberNoGameCanShowIsNoReading() {
        // "0" misread as "7" in the games box: table tennis is best of seven, four games at most
        List<BugOcr.Word> words = bug(row(10, "LIN", 20, "YUN", 60, "7", 250, "2", 290),
                row(50, "LIN", 20, "SHIDONG", 60, "0", 250, "3", 290));
        assertThat(BugReading.of(words, PINGPONG)).isNull();
        assertThat(BugReading.of(words, TENNIS).games()).as("tennis: games up to 7").isEqualTo("7-0");
    }

    @Test
    void tennisShowsTheSetsOnlyFromTheSecondSet() {
        List<BugOcr.Word> firstSet = bug(row(10, "SHELTON", 20, "0", 200, "40", 240),
                row(50, "FOKINA", 20, "0", 200, "15", 240));
        BugReading reading = BugReading.of(firstSet, TENNIS);
        assertThat(reading.scores()).containsExactly(40, 15);
        assertThat(reading.games()).isEqualTo("0-0");
        List<BugOcr.Word> later = bug(row(10, "SHELTON", 20, "1", 160, "2", 200, "30", 240),
                row(50, "FOKINA", 20, "0", 160, "1", 200, "15", 240));
        assertThat(BugReading.of(later, TENNIS).games()).isEqualTo("1-0 2-1");
        List<BugOcr.Word> pointsOnly = bug(row(10, "SHELTON", 20, "40", 240), row(50, "FOKINA", 20, "15", 240));
        // fewer than min-columns (the games lost): the points as read, the games not guessed
        assertThat(BugReading.of(pointsOnly, TENNIS).scores()).containsExactly(40, 15);
        assertThat(BugReading.of(pointsOnly, TENNIS).games()).isNull();
    }

    @Test
    void aScoreOnlySportTakesEachRowsScoreAndLeavesSeedsAndFoulsOut() {
        // two rows, a seed before each name and the fouls after the score, drawn smaller than the score
        List<BugOcr.Word> words = new ArrayList<>(row(10, "10", 5, "RICHMOND", 40));
        words.add(new BugOcr.Word("37", 200, 5, 40, 34, 95));
        words.add(new BugOcr.Word("2", 260, 14, 10, 12, 90));
        words.addAll(row(52, "7", 5, "DUKE", 40));
        words.add(new BugOcr.Word("28", 200, 47, 40, 34, 95));
        words.add(new BugOcr.Word("1", 260, 56, 10, 12, 90));
        BugReading reading = BugReading.of(words, BASKETBALL);
        assertThat(reading.scores()).containsExactly(37, 28);
        assertThat(reading.games()).isNull();
    }
    @Test
    void aBannerLineWithANumberNamesNoTeam() {
        // a one-row bug under a banner that holds a number, its words spaced ("EAST  FINAL  5  IN  MIAMI": four names)
        List<BugOcr.Word> words = new ArrayList<>(row(8, "EAST", 10, "FINAL", 110, "5", 230, "IN", 290, "MIAMI", 380));
        words.addAll(row(40, "3", 5, "TORONTO", 30));
        words.add(new BugOcr.Word("52", 130, 34, 40, 32, 95));
        words.add(new BugOcr.Word("19.6", 190, 40, 45, 20, 90));
        words.add(new BugOcr.Word("44", 260, 34, 40, 32, 95));
        words.addAll(row(40, "6", 320, "BOSTON", 340));
        BugReading reading = BugReading.of(words, BASKETBALL);
        assertThat(reading.teams()).containsExactly("TORONTO", "BOSTON");
        assertThat(reading.scores()).containsExactly(52, 44);
        assertThat(BugReading.of(words)).as("columns guessed").isNotNull();
        // two lines that each show two names beside numbers: which is the bug cannot be told, no reading
        List<BugOcr.Word> two = new ArrayList<>(words);
        two.addAll(row(80, "UTAH", 20, "99", 100, "DENVER", 160, "98", 240));
        assertThat(BugReading.of(two, BASKETBALL)).isNull();
    }
    @Test
    void aColumnOfDotsReadAsADigitIsNoScoreAndAGluedPeriodIsAPeriod() {
        // timeouts drawn as a column of dots between the name and the score, read as a tall thin "3" nearer the name
        List<BugOcr.Word> words = new ArrayList<>(row(40, "5", 5, "ORLANDO", 25));
        words.add(new BugOcr.Word("3", 125, 36, 6, 30, 70));
        words.add(new BugOcr.Word("64", 140, 36, 44, 31, 95));
        words.add(new BugOcr.Word("3Q", 200, 44, 24, 14, 88));
        words.add(new BugOcr.Word("59", 240, 36, 44, 31, 95));
        words.addAll(row(40, "PHOENIX", 305));
        BugReading reading = BugReading.of(words, BASKETBALL);
        assertThat(reading.scores()).as("the dots are no digit").containsExactly(64, 59);
        assertThat(reading.period()).isEqualTo("3Q");
        List<BugOcr.Word> one = new ArrayList<>(row(40, "ORLANDO", 25));
        one.add(new BugOcr.Word("11", 140, 36, 14, 31, 95));
        one.add(new BugOcr.Word("59", 240, 36, 44, 31, 95));
        one.addAll(row(40, "PHOENIX", 305));
        assertThat(BugReading.of(one, BASKETBALL).scores()).as("ones are narrow").containsExactly(11, 59);
    }
}
