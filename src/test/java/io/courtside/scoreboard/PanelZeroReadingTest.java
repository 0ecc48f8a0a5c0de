package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A zero drawn in a panel of the other polarity (the sets column of a tennis bug) that Tesseract reads as "QO", the
 * panel's edge as a Q's tail: a zero, not the end of the team's name (as read on the SETS test design, one glyph
 * wide: "QO" at x 228, 9 x 11 px; the name "DAVIDOVICH FOKINA QO" took the first state and made every later
 * reading another team's). A team named "QO", its two letters about twice as wide as tall, stays a name.
 */
class PanelZeroReadingTest {

    static final BugLayout TENNIS = new BugLayout(List.of(new BugLayout.Column("sets", 3),
            new BugLayout.Column("games", 7), new BugLayout.Column("points", 50)), 2, null);

    static BugOcr.Word word(String text, int x, int y, int width) {
        return new BugOcr.Word(text, x, y, width, 12, 90);
    }

    @Test
    void aPanelZeroReadAsQoIsAZeroNotPartOfTheName() {
        for (String misread : List.of("QO", "Qo", "Q")) {
            List<BugOcr.Word> words = List.of(word("SHELTON", 6, 14, 87), word("1", 229, 14, 9), word("2", 267, 14, 9),
                    word("15", 300, 14, 20), word("DAVIDOVICH", 6, 39, 118), word("FOKINA", 133, 39, 70),
                    word(misread, 228, 39, 9), word("1", 267, 39, 9), word("0", 305, 39, 10));
            BugReading r = BugReading.of(words, TENNIS);
            assertThat(r).as(misread).isNotNull();
            assertThat(r.teams()).as(misread).containsExactly("SHELTON", "DAVIDOVICH FOKINA");
            assertThat(r.games()).as(misread).isEqualTo("1-0 2-1");
            assertThat(r.scores()).as(misread).containsExactly(15, 0);
        }
    }

    @Test
    void aTeamNamedQoIsANameNotAZero() {
        // "QO" as a team's two letters is about twice as wide as it is tall; the panel's zero is one glyph and its edge
        for (int height : List.of(11, 18, 30)) {
            BugOcr.Word team = new BugOcr.Word("QO", 8, 10, 2 * height, height, 80);
            List<BugOcr.Word> oneRow = List.of(team, new BugOcr.Word("12", 8 + 3 * height, 10, 6 * height / 5, height, 90),
                    new BugOcr.Word("NY", 8 + 6 * height, 10, 17 * height / 10, height, 85),
                    new BugOcr.Word("10", 8 + 9 * height, 10, 6 * height / 5, height, 90));
            BugReading r = BugReading.of(oneRow);
            assertThat(r).as("height %d", height).isNotNull();
            assertThat(r.teams()).as("height %d", height).containsExactly("QO", "NY");
            assertThat(r.scores()).as("height %d", height).containsExactly(12, 10);
            // the same team on a two-row bug: the name row holds the games and the points
            List<BugOcr.Word> rows = List.of(new BugOcr.Word("NY", 8, 10, 17 * height / 10, height, 85),
                    new BugOcr.Word("2", 8 + 8 * height, 10, 3 * height / 5, height, 90),
                    new BugOcr.Word("15", 8 + 10 * height, 10, 6 * height / 5, height, 90),
                    new BugOcr.Word("QO", 8, 10 + 2 * height, 2 * height, height, 80),
                    new BugOcr.Word("1", 8 + 8 * height, 10 + 2 * height, 3 * height / 5, height, 90),
                    new BugOcr.Word("40", 8 + 10 * height, 10 + 2 * height, 6 * height / 5, height, 90));
            BugReading two = BugReading.of(rows, BugReadingLayoutTest.PINGPONG);
            assertThat(two).as("height %d", height).isNotNull();
            assertThat(two.teams()).as("height %d", height).containsExactly("NY", "QO");
            assertThat(two.scores()).as("height %d", height).containsExactly(15, 40);
        }
    }
}
