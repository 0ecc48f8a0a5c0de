package io.courtside.scoreboard;

import java.util.List;

/**
 * Readings of one displayed score in a row, as the voting was given them (the same teams, scores and games; samples
 * where the bug was unreadable or moving left out, as the voting leaves them out). A split analysis's join votes
 * every range's runs again, in order, from the state shown before each range ({@link ScoreTimeline#voted}), as the
 * one pass votes its readings: a range's reader starts cold and may accept or refuse what one pass would not.
 *
 * @param from     the first sample's time, seconds into the source
 * @param to       the last sample's time
 * @param samples  how many samples read it
 * @param teams    the two teams as read, in screen order
 * @param scores   their scores, in the same order
 * @param games    the games columns as read ("3-0", "1-0 4-3"), or null
 * @param period   the period read at the first sample, or null
 * @param afterGap the bug was off screen or lost between the reading before and this run (a run of the voting does
 *                 not continue across it)
 * @param reads    how many of its samples were separate OCR reads that agreed (a sample whose picture was not read
 *                 again carries the reading before it and is no read; {@link ScoreVoting}), 0 to {@code samples}
 */
public record ReadingRun(double from, double to, int samples, List<String> teams, List<Integer> scores,
                         String games, String period, boolean afterGap, int reads) {

    public ReadingRun {
        teams = List.copyOf(teams);
        scores = List.copyOf(scores);
        if (samples < 1 || to < from || teams.size() != scores.size() || reads < 0 || reads > samples) {
            throw new IllegalArgumentException(
                    "a run of readings needs a sample, from <= to, a score per team and 0 to samples reads");
        }
    }

    /** One sample's reading; {@code read}: an OCR read of its own picture, not a reading carried from before. */
    static ReadingRun of(double time, BugReading reading, boolean afterGap, boolean read) {
        return new ReadingRun(time, time, 1, reading.teams(),
                java.util.Arrays.stream(reading.scores()).boxed().toList(), reading.games(), reading.period(),
                afterGap, read ? 1 : 0);
    }

    /** The same run, read once more at {@code time} ({@code read}: by OCR of that sample's own picture). */
    ReadingRun plus(double time, boolean read) {
        return new ReadingRun(from, Math.max(to, time), samples + 1, teams, scores, games, period, afterGap,
                reads + (read ? 1 : 0));
    }

    /** The run's reading as the voting takes it (no clock: clock readings are kept apart). */
    BugReading reading() {
        return new BugReading(teams, scores.stream().mapToInt(Integer::intValue).toArray(), games, period, null,
                true);
    }
}
