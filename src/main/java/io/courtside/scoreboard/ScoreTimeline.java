package io.courtside.scoreboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * What the score bug showed over the whole source.
 *
 * @param teams   team abbreviations as read, in screen order; empty when no score bug was found
 * @param region  where the bug sits: of a bug that changed form or moved, the form shown longest; null when no
 *                score bug was found
 * @param states  the displayed score states in time order, one per change, each read consistently
 * @param clock   period and clock readings in time order (may be empty where the bug shows none)
 * @param hidden  stretches [start, end] in seconds where the bug was not on screen (replays, ad breaks)
 * @param forms   each form the bug took, in time order (one for a bug that never changed form or moved); when
 *                given empty with a region, that region over the whole source
 * @param readings the readings the states were voted from, as runs of one score each in time order (a split
 *                 analysis's join votes its ranges' runs again: {@link #voted}); empty where not kept
 */
public record ScoreTimeline(List<String> teams, ScoreRegion region, List<ScoreState> states,
                            List<ClockReading> clock, List<double[]> hidden, List<BugForm> forms,
                            List<ReadingRun> readings) {

    public ScoreTimeline {
        teams = List.copyOf(teams);
        states = List.copyOf(states);
        clock = List.copyOf(clock);
        hidden = List.copyOf(hidden);
        forms = forms.isEmpty() && region != null
                ? List.of(new BugForm(0, Double.POSITIVE_INFINITY, region))
                : forms.stream().sorted(Comparator.comparingDouble(BugForm::from)).toList();
        readings = readings == null ? List.of() : List.copyOf(readings); // (null: stored before runs were kept)
    }

    /** Without the readings. */
    public ScoreTimeline(List<String> teams, ScoreRegion region, List<ScoreState> states, List<ClockReading> clock,
                         List<double[]> hidden, List<BugForm> forms) {
        this(teams, region, states, clock, hidden, forms, List.of());
    }

    /** A bug in one place over the whole source. */
    public ScoreTimeline(List<String> teams, ScoreRegion region, List<ScoreState> states, List<ClockReading> clock,
                         List<double[]> hidden) {
        this(teams, region, states, clock, hidden, List.of());
    }

    /** A bug that took {@code forms} (at least one): its {@link #region()} is the one shown longest. */
    public static ScoreTimeline of(List<String> teams, List<BugForm> forms, List<ScoreState> states,
                                   List<ClockReading> clock, List<double[]> hidden) {
        ScoreRegion longest = forms.stream().max(Comparator.comparingDouble(BugForm::seconds))
                .map(BugForm::region).orElseThrow(() -> new IllegalArgumentException("no bug form"));
        return new ScoreTimeline(teams, longest, states, clock, hidden, forms);
    }

    /**
     * The timeline one pass gives from {@code readings}, runs of readings in time order (each range's own, joined):
     * they are voted in order as the one pass votes its samples, so a state a range's reader, starting cold, read
     * differently (a score refused after a lower one it accepted in its margin, a score shown again after the
     * border, the same score with its games read at last) is judged from the state shown before it. The teams are
     * those of the first state; none when no run makes a state or no form is given.
     */
    public static ScoreTimeline voted(List<BugForm> forms, List<ReadingRun> readings, List<ClockReading> clock,
                                      List<double[]> hidden) {
        ScoreVoting voting = ScoreVoting.onePass();
        readings.forEach(voting::replay);
        if (forms.isEmpty() || voting.states().isEmpty()) {
            return none();
        }
        return of(voting.teams(), forms, voting.states(), clock, hidden).withReadings(readings);
    }

    /** The same timeline, keeping the readings its states were voted from. */
    public ScoreTimeline withReadings(List<ReadingRun> runs) {
        return new ScoreTimeline(teams, region, states, clock, hidden, forms, runs);
    }

    /** No score bug found (or not looked for). */
    public static ScoreTimeline none() {
        return new ScoreTimeline(List.of(), null, List.of(), List.of(), List.of(), List.of());
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
