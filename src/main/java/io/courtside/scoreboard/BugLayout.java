package io.courtside.scoreboard;

import java.util.List;

/**
 * What a sport's score bug shows, from the {@code score-bug:} block of its profile ({@code config/sports/*.yaml}):
 * each team's numbers left to right (table tennis: games then points; tennis: sets, games, points; basketball: one
 * score beside a period and clock), so the reader takes the columns the sport has instead of guessing them, and
 * a reading that does not fit (a column missed, a number no game can show) is no state at all rather than a wrong
 * one. Optionally where on the frame to look for the bug.
 *
 * @param columns    each team's numbers in screen order, the last one its score (the points of the current game);
 *                   empty when the sport's bug is unknown: the columns are then guessed from what is read
 * @param minColumns the fewest of them a bug shows: the leading ones may be left out (tennis draws the sets only
 *                   from the second set on)
 * @param region     where to look for the bug (fractions of the frame), or null: anywhere
 */
public record BugLayout(List<Column> columns, int minColumns, ScoreRegion region) {

    /** One number a team's row shows: its name ("games") and the most it can be (a larger reading is misread). */
    public record Column(String name, int max) {

        public Column {
            if (name == null || name.isBlank() || max < 1) {
                throw new IllegalArgumentException("a score bug column needs a name and a max of at least 1");
            }
        }
    }

    /** No sport profile (or one without {@code score-bug:}): the columns are guessed, the bug looked for anywhere. */
    public static final BugLayout GUESS = new BugLayout(List.of(), 0, null);

    public BugLayout {
        columns = List.copyOf(columns);
        if (!columns.isEmpty() && (minColumns < 1 || minColumns > columns.size())) {
            throw new IllegalArgumentException("min-columns must be 1 to " + columns.size() + ", not " + minColumns);
        }
    }

    /** The sport says what the columns are. */
    boolean known() {
        return !columns.isEmpty();
    }

    /** The score is each team's only number (basketball, football): the rest a bug shows is seeds, fouls, clocks. */
    boolean scoreOnly() {
        return columns.size() == 1;
    }
}
