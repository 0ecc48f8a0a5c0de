package io.courtside.scoreboard;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the score bug showed over the whole source.
 *
 * @param teams   team abbreviations as read, in screen order; empty when no score bug was found
 * @param region  where the bug sits; null when no score bug was found
 * @param states  the displayed score states in time order, one per change, each read consistently
 * @param clock   period and clock readings in time order (may be empty where the bug shows none)
 * @param hidden  stretches [start, end] in seconds where the bug was not on screen (replays, ad breaks)
 */
public record ScoreTimeline(List<String> teams, ScoreRegion region, List<ScoreState> states,
                            List<ClockReading> clock, List<double[]> hidden) {

    public ScoreTimeline {
        teams = List.copyOf(teams);
        states = List.copyOf(states);
        clock = List.copyOf(clock);
        hidden = List.copyOf(hidden);
    }

    /** No score bug found (or not looked for). */
    public static ScoreTimeline none() {
        return new ScoreTimeline(List.of(), null, List.of(), List.of(), List.of());
    }

    public boolean found() {
        return region != null && !states.isEmpty();
    }

    /** The state displayed at {@code time} (the last one shown at or before it), or null before the first. */
    public ScoreState stateAt(double time) {
        return lastAtOrBefore(states, ScoreState::time, time);
    }

    /** The states first shown within [from, to), in order. */
    public List<ScoreState> changesBetween(double from, double to) {
        List<ScoreState> changes = new ArrayList<>();
        for (ScoreState s : states) {
            if (s.time() >= from && s.time() < to && s.scoring() != null) {
                changes.add(s);
            }
        }
        return changes;
    }

    /** The last state read, or null. */
    public ScoreState last() {
        return states.isEmpty() ? null : states.get(states.size() - 1);
    }

    /** The clock reading closest before {@code time}, or null. */
    public ClockReading clockAt(double time) {
        return lastAtOrBefore(clock, ClockReading::time, time);
    }

    /** The last of {@code items} (in time order) at or before {@code time}, or null. */
    private static <T> T lastAtOrBefore(List<T> items, ToDoubleFunction<T> timeOf, double time) {
        T at = null;
        for (T item : items) {
            if (!(timeOf.applyAsDouble(item) <= time)) {
                break;
            }
            at = item;
        }
        return at;
    }
}
