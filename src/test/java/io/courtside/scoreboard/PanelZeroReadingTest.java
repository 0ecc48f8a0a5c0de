package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A zero drawn in a panel of the other polarity (the sets column of a tennis bug) that Tesseract reads as "QO", the
 * panel's edge as a Q's tail: a zero, not the end of the team's name (as read on the SETS test design; the name
 * "DAVIDOVICH FOKINA QO" took the first state and made every later reading another team's).
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
                    word(misread, 226, 39, 18), word("1", 267, 39, 9), word("0", 305, 39, 10));
            BugReading r = BugReading.of(words, TENNIS);
            assertThat(r).as(misread).isNotNull();
            assertThat(r.teams()).as(misread).containsExactly("SHELTON", "DAVIDOVICH FOKINA");
            assertThat(r.games()).as(misread).isEqualTo("1-0 2-1");
            assertThat(r.scores()).as(misread).containsExactly(15, 0);
        }
    }
}
