package io.courtside.scoreboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the bug's readings, one per sample, into the states the broadcast displayed. A reading becomes a state only
 * when it was read in {@code minSamples} consecutive samples spanning at least {@code minSeconds} with nothing else
 * read between (samples where the bug was moving or unreadable, such as a logo animated over it, neither count nor
 * break the run, and neither do readings that could never become a state: other teams once the teams are fixed, a
 * score below the one shown). The state's time is the run's first sample: when the new score was first fully
 * shown. Once the first state fixes the teams, a reading naming other teams is noise, and so is a score that went down while the
 * games (table tennis) stayed the same. A jump of several points is reported as read: nothing is interpolated.
 */
final class ScoreVoting {

    private final int minSamples;
    private final double minSeconds;
    private final List<ScoreState> states = new ArrayList<>();
    private final List<ClockReading> clock = new ArrayList<>();
    private List<String> teams;
    private BugReading current;
    // the run being voted on
    private BugReading candidate;
    private double candidateSince;
    private int candidateSamples;
    private double lastClock = Double.NEGATIVE_INFINITY;

    ScoreVoting(int minSamples, double minSeconds) {
        this.minSamples = minSamples;
        this.minSeconds = minSeconds;
    }

    /** One sample's reading: null when the bug was unreadable or moving (neither counts nor breaks a run). */
    void sample(double time, BugReading reading) {
        if (reading == null) {
            return;
        }
        if (teams != null && reading.teams().size() == 2 && reading.teams().get(0).equals(teams.get(1))
                && reading.teams().get(1).equals(teams.get(0))) {
            reading = reading.swapped(); // the bug's lines swapped (the leader on top): the same two teams
        }
        if (reading.clock() != null || reading.period() != null) {
            if (time - lastClock >= 1.0) {
                clock.add(new ClockReading(time, reading.period(), reading.clock()));
                lastClock = time;
            }
        }
        if (noise(reading)) {
            return; // would never be accepted (other teams, a score that went down): neither counts nor breaks a run
        }
        if (candidate == null || !candidate.key().equals(reading.key())) {
            candidate = reading;
            candidateSince = time;
            candidateSamples = 1;
        } else {
            candidateSamples++;
        }
        if (candidateSamples >= minSamples && time - candidateSince >= minSeconds - 1e-9) {
            accept(candidateSince, candidate);
        }
    }

    /**
     * A reading {@link #accept} would reject whatever came next: once the first state fixed the teams, other teams
     * (a misread name), or a score below the one shown in the same game (a digit misread mid-animation, "38" as
     * "3"). Letting it break the run would delay the new score until a fresh run of readings, a second or more late.
     */
    private boolean noise(BugReading reading) {
        if (teams == null || current == null) {
            return false;
        }
        return !teams.equals(reading.teams()) || wentDown(current, reading);
    }

    /** The bug was not on screen: a run does not continue across it. */
    void gap() {
        candidate = null;
    }

    private void accept(double time, BugReading reading) {
        if (current != null && current.key().equals(reading.key())) {
            return;
        }
        if (teams != null && !teams.equals(reading.teams())) {
            return; // a misread name
        }
        if (current != null && wentDown(current, reading)) {
            return;
        }
        if (teams == null) {
            teams = reading.teams();
        }
        if (current != null && current.games() == null && reading.games() != null
                && java.util.Arrays.equals(current.scores(), reading.scores())) {
            // the same score, its columns read at last (a panel read as nothing before): no new state, the shown one
            // gains its games
            ScoreState shown = states.remove(states.size() - 1);
            states.add(new ScoreState(shown.time(), shown.score(), shown.scoring(),
                    shown.period() != null ? shown.period() : reading.period(), reading.games()));
            current = reading;
            return;
        }
        Map<String, Integer> score = new LinkedHashMap<>();
        score.put(teams.get(0), reading.scores()[0]);
        score.put(teams.get(1), reading.scores()[1]);
        Scoring scoring = current == null ? null : scoring(teams, current, reading);
        states.add(new ScoreState(time, score, scoring, reading.period(), reading.games()));
        current = reading;
    }

    /**
     * Whether this voting, showing {@code shown}, would refuse {@code next} as a new state: other teams (a misread
     * name), the same score, or a score that went down (see {@link #wentDown}).
     */
    static boolean refuses(ScoreState shown, ScoreState next) {
        BugReading before = reading(shown);
        BugReading after = reading(next);
        return !before.teams().equals(after.teams()) || before.key().equals(after.key()) || wentDown(before, after);
    }

    /** The one team whose score rose from {@code shown} to {@code next} in the same game, as {@link #accept} says. */
    static Scoring scoring(ScoreState shown, ScoreState next) {
        BugReading after = reading(next);
        return scoring(after.teams(), reading(shown), after);
    }

    /** The one of {@code teams} whose score rose from {@code before} to {@code after} in the same game, or null. */
    private static Scoring scoring(List<String> teams, BugReading before, BugReading after) {
        if (!sameGame(before, after)) {
            return null;
        }
        int d0 = after.scores()[0] - before.scores()[0];
        int d1 = after.scores()[1] - before.scores()[1];
        return d0 > 0 && d1 == 0 ? new Scoring(teams.get(0), d0) : d1 > 0 && d0 == 0 ? new Scoring(teams.get(1), d1)
                : null;
    }

    /** A state's reading as the voting compares readings. */
    private static BugReading reading(ScoreState state) {
        List<String> names = List.copyOf(state.score().keySet());
        int[] scores = state.score().values().stream().mapToInt(Integer::intValue).toArray();
        return new BugReading(names, scores, state.games(), state.period(), null, true);
    }

    private static boolean sameGame(BugReading before, BugReading after) {
        return before.games() == null ? after.games() == null : before.games().equals(after.games());
    }

    /** A score below the one shown, within the same game. */
    private static boolean wentDown(BugReading before, BugReading after) {
        if (!sameGame(before, after)) {
            return gamesWentDown(before.games(), after.games());
        }
        return after.scores()[0] < before.scores()[0] || after.scores()[1] < before.scores()[1];
    }

    private static boolean gamesWentDown(String before, String after) {
        if (before == null || after == null) {
            return before != null; // the games stopped showing: not a new game
        }
        // columns "1-0 4-3" (sets, then games): each side's columns compared in order, the first that differs decides
        String[] b = before.split(" ");
        String[] a = after.split(" ");
        if (a.length != b.length) {
            return false;
        }
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < a.length; i++) {
                int was = Integer.parseInt(b[i].split("-")[side]);
                int is = Integer.parseInt(a[i].split("-")[side]);
                if (is != was) {
                    if (is < was) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    List<ScoreState> states() {
        return states;
    }

    List<ClockReading> clock() {
        return clock;
    }

    List<String> teams() {
        return teams == null ? List.of() : teams;
    }
}
