package io.courtside.scoreboard;

/**
 * The game clock as the bug showed it at one moment (read at most about once a second).
 *
 * @param time   seconds into the source
 * @param period as read ("4TH", "2ND"), or null
 * @param clock  as read ("2:59", "11.4"), or null
 */
public record ClockReading(double time, String period, String clock) {
}
