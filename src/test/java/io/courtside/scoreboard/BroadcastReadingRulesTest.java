package io.courtside.scoreboard;

import static io.courtside.scoreboard.BugReadingLayoutTest.BASKETBALL;
import static io.courtside.scoreboard.BugReadingLayoutTest.PINGPONG;
import static io.courtside.scoreboard.BugReadingLayoutTest.TENNIS;
import static io.courtside.scoreboard.BugReadingLayoutTest.bug;
import static io.courtside.scoreboard.BugReadingLayoutTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Rules found on real broadcast bugs the reader missed (an ESPN one-row bug, the 2017 Worlds' two-row bug), each on
 * made-up words and pages of several sizes and places.
 */
class BroadcastReadingRulesTest {

    @Test
    void anAbbreviationWithALetterOfEitherCaseReadSmallIsATeam() {
        // "GS" read "Gs", "CLE" read "cLE": s, c, o, v, w, x, z are drawn alike in both cases
        for (String[] teams : new String[][] {{"CLE", "Gs"}, {"Sx", "BOS"}, {"Co", "NYK"}, {"cLE", "GS"},
            {"BOS", "sAC"}}) {
            BugReading r = BugReading.of(row(10, teams[0], 100, "73", 160, teams[1], 260, "81", 320, "4TH", 400,
                    "2:58", 450), BASKETBALL);
            assertThat(r).as(String.join(" ", teams)).isNotNull();
            assertThat(r.teams()).containsExactly(teams[0].toUpperCase(), teams[1].toUpperCase());
            assertThat(r.scores()).containsExactly(73, 81);
        }
        // a word with other small letters is no abbreviation ("Cle" beside a logo): no reading
        assertThat(BugReading.of(row(10, "Cle", 100, "73", 160, "GS", 260, "81", 320), BASKETBALL)).isNull();
        // nor is a word of those letters alone, with no capital ("so")
        assertThat(BugReading.of(row(10, "so", 100, "73", 160, "GS", 260, "81", 320), BASKETBALL)).isNull();
    }

    @Test
    void aPieceOfTheClockReadOnItsOwnIsNoScore() {
        // ESPN: "2:58" read whole and again as a taller "2:" over its start, surely enough to count; the score "81"
        // beside it is shorter, so without the rule the "2" is the team's score. Pages of two sizes and places.
        for (int scale : new int[] {1, 2}) {
            for (int left : new int[] {0, 90}) {
                List<BugOcr.Word> words = new ArrayList<>();
                words.add(word("CLE", left + 186, 12, 72, 39, 73, scale));
                words.add(word("73", left + 278, 17, 38, 25, 64, scale));
                words.add(word("GS", left + 421, 19, 33, 31, 96, scale));
                words.add(word("81", left + 486, 17, 36, 38, 93, scale));
                words.add(word("2:", left + 605, 11, 23, 47, 61, scale));
                words.add(word("2:58", left + 611, 21, 52, 25, 87, scale));
                BugReading r = BugReading.of(words, BASKETBALL);
                assertThat(r.scores()).as("scale " + scale + " at " + left).containsExactly(73, 81);
                assertThat(r.clock()).isEqualTo("2:58");
                // the piece read without its colon, standing over the clock, is no score either
                words.set(4, word("2", left + 605, 11, 14, 47, 61, scale));
                assertThat(BugReading.of(words, BASKETBALL).scores()).containsExactly(73, 81);
            }
        }
        // a number beside the clock, not over it, stays (a shot clock right of the game clock is read as before)
        List<BugOcr.Word> shotClock = List.of(new BugOcr.Word("2:58", 611, 21, 52, 25, 87),
                new BugOcr.Word("14", 680, 21, 26, 25, 87));
        assertThat(BugReading.withoutClockPieces(shotClock)).hasSize(2);
    }

    @Test
    void aPeriodInTheBannersPhraseIsNotTheGamesPeriod() {
        // NCAA: "NCAA 1st ROUND REGIONAL 3 IN PORTLAND" over the bug, whose "2Q" stands by the clock below
        for (String ordinal : new String[] {"1st", "2ND", "3rd"}) {
            List<BugOcr.Word> words = new ArrayList<>(BugReadingLayoutTest.row(8, "NCAA", 10, ordinal, 70,
                    "ROUND", 110, "REGIONAL", 180, "3", 290, "IN", 310, "PORTLAND", 340));
            words.addAll(BugReadingLayoutTest.row(40, "RICHMOND", 10, "37", 120, "DUKE", 200, "28", 270, "2Q",
                    330, "36.9", 370));
            BugReading r = BugReading.of(words, BASKETBALL);
            assertThat(r.scores()).as(ordinal).containsExactly(37, 28);
            assertThat(r.period()).as(ordinal).isEqualTo("2Q");
        }
        // a period with the words that go with it stays the period: "2ND HALF", "1ST QTR"
        for (String[] period : new String[][] {{"2ND", "HALF"}, {"1ST", "QTR"}}) {
            BugReading r = BugReading.of(BugReadingLayoutTest.row(40, "RICHMOND", 10, "37", 120, "DUKE", 200, "28",
                    270, period[0], 330, period[1], 375, "4:12", 440), BASKETBALL);
            assertThat(r).as(String.join(" ", period)).isNotNull();
            assertThat(r.period()).as(String.join(" ", period)).isEqualTo(period[0]);
        }
    }

    @Test
    void aQuarterWrittenQ4IsAPeriodNotAScore() {
        // "Q4" beside the clock, boxed taller than the score beside it: split into "Q" and "4", the 4 was the team's
        // score (its tallest number). Pages of two sizes and places; the quarter as "Q1" to "Q4".
        for (int scale : new int[] {1, 2}) {
            for (int left : new int[] {0, 70}) {
                for (int quarter = 1; quarter <= 4; quarter++) {
                    List<BugOcr.Word> words = List.of(word("DAL", left + 57, 23, 45, 15, 96, scale),
                            word("68", left + 146, 22, 28, 16, 96, scale),
                            word("PHX", left + 237, 23, 47, 15, 92, scale),
                            word("74", left + 327, 22, 28, 16, 94, scale),
                            word("Q" + quarter, left + 380, 20, 32, 19, 91, scale),
                            word("7:41", left + 422, 22, 52, 16, 89, scale));
                    BugReading r = BugReading.of(words, BASKETBALL);
                    assertThat(r.scores()).as("Q%d, scale %d at %d", quarter, scale, left).containsExactly(68, 74);
                    assertThat(r.period()).isEqualTo("Q" + quarter);
                }
            }
        }
    }

    private static BugOcr.Word word(String text, int x, int y, int width, int height, float confidence, int scale) {
        return new BugOcr.Word(text, x * scale, y * scale, width * scale, height * scale, confidence);
    }

    @Test
    void aRowWhoseNumbersAllStandLeftOfItsNameHasNotReadItsPoints() {
        // the 2017 Worlds draw games left of the name and points right: both points lost, the games are no score
        for (BugLayout layout : List.of(PINGPONG, TENNIS)) {
            for (int nameX : new int[] {60, 128}) {
                BugReading lost = BugReading.of(bug(row(20, "3", nameX - 40, "MA", nameX, "Long", nameX + 40),
                        row(60, "0", nameX - 40, "XU", nameX, "Xin", nameX + 40)), layout);
                assertThat(lost).as("points lost, name at " + nameX).isNull();
            }
        }
        BugReading read = BugReading.of(bug(row(20, "3", 84, "MA", 128, "Long", 170, "8", 433),
                row(60, "0", 84, "XU", 128, "Xin", 170, "3", 433)), PINGPONG);
        assertThat(read.scores()).containsExactly(8, 3);
        assertThat(read.games()).isEqualTo("3-0");
    }

    @Test
    void aWordBoxedFarWiderThanItsLettersIsNotText() {
        // "CK:" read over an empty name box and the "3" beside it (149 x 20 px); real words of several faces are not
        assertThat(BugOcr.stretched("CK:", 149, 20)).isTrue();
        assertThat(BugOcr.stretched("SC", 182, 20)).isTrue();
        assertThat(BugOcr.stretched("WORLD", 158, 30)).isFalse();
        assertThat(BugOcr.stretched("MALong", 99, 26)).isFalse();
        assertThat(BugOcr.stretched("W", 24, 20)).isFalse();
        assertThat(BugOcr.stretched("88", 40, 25)).isFalse();
    }

    @Test
    void aNumberReadAloneInACellIsAsTallAsItsInkNotTheCell() {
        // a cell read as one line is boxed whole; its number is the longest run of inked rows, a border apart
        for (int digitTop : new int[] {10, 14, 19}) {
            int width = 40;
            int height = 60;
            byte[] page = new byte[width * height];
            java.util.Arrays.fill(page, (byte) 255);
            for (int x = 0; x < width; x++) {
                page[x] = 0; // the box's top border
                page[width + x] = 0;
            }
            for (int y = digitTop; y < digitTop + 25; y++) {
                page[y * width + 15] = 0;
                page[y * width + 16] = 0;
            }
            assertThat(BugOcr.inkRows(page, width, 5, 30)).containsExactly(digitTop, digitTop + 25);
        }
    }
}
