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
 * Tennis after deuce is the one way down within a game: the advantage lost goes back to 40-40 (deuce again).
 * <p>
 * Samples are not reads: a still bug is read once and the samples after it carry that reading, so one misread
 * repeated by the samples after it would make a state. A run therefore also needs {@code minReads} separate OCR reads
 * that agreed ({@link #sample(double, BugReading, boolean)}); the reader reads again, while a reading is not yet a
 * state, the next picture whose bytes differ from the one read ({@link #wantsRead}).
 */
final class ScoreVoting {

    /** A reading is a state when read in this many samples in a row... */
    static final int MIN_SAMPLES = 3;
    /** ...spanning at least this many seconds. */
    static final double MIN_SECONDS = 0.5;
    /** ...and read by at least this many separate OCR reads. */
    static final int MIN_READS = 2;

    private final int minSamples;
    private final double minSeconds;
    private final int minReads;
    private final List<ScoreState> states = new ArrayList<>();
    private final List<ClockReading> clock = new ArrayList<>();
    private final List<ReadingRun> readings = new ArrayList<>();
    private boolean gapSinceReading;
    private List<String> teams;
    private BugReading current;
    // the run being voted on
    private BugReading candidate;
    private double candidateSince;
    private int candidateSamples;
    private int candidateReads;
    private double lastClock = Double.NEGATIVE_INFINITY;

    ScoreVoting(int minSamples, double minSeconds, int minReads) {
        this.minSamples = minSamples;
        this.minSeconds = minSeconds;
        this.minReads = minReads;
    }

    /** The voting of a score bug reader ({@link #MIN_SAMPLES} in {@link #MIN_SECONDS}, {@link #MIN_READS} reads). */
    static ScoreVoting onePass() {
        return new ScoreVoting(MIN_SAMPLES, MIN_SECONDS, MIN_READS);
    }

    /**
     * One sample's reading: null when the bug was unreadable or moving (neither counts nor breaks a run).
     *
     * @param read the reading is an OCR read of this sample's picture (or of one byte-identical to it); false when
     *             it is carried from an earlier read of a picture that differed (still, but another frame's noise)
     */
    void sample(double time, BugReading reading, boolean read) {
        if (reading == null) {
            return;
        }
        record(time, reading, read);
        reading = inTeamsOrder(reading);
        if (reading.clock() != null || reading.period() != null) {
            if (time - lastClock >= 1.0) {
                clock.add(new ClockReading(time, reading.period(), reading.clock()));
                lastClock = time;
            }
        }
        vote(time, time, 1, read ? 1 : 0, reading);
    }

    /**
     * Whether another OCR read of the bug would add to the voting on {@code reading}: it is not the state shown and
     * not yet read by {@code minReads} separate reads in the run being voted (a reading that can never be a state, a
     * misread name or a score gone down, is worth reading again too: the next read may be the score really shown).
     */
    boolean wantsRead(BugReading reading) {
        if (reading == null) {
            return false;
        }
        reading = inTeamsOrder(reading);
        if (current != null && current.key().equals(reading.key())) {
            return false;
        }
        return candidate == null || !candidate.key().equals(reading.key()) || candidateReads < minReads;
    }

    /**
     * A run of readings another voting was given ({@link #readings()}), voted as its samples were voted: the same
     * states, times and scorings as if each of its samples had been given here (clock readings are not kept).
     */
    void replay(ReadingRun run) {
        if (run.afterGap()) {
            candidate = null;
        }
        vote(run.from(), run.to(), run.samples(), run.reads(), inTeamsOrder(run.reading()));
    }

    /** The reading with the bug's lines swapped back (the leader on top) once the teams are fixed. */
    private BugReading inTeamsOrder(BugReading reading) {
        if (teams != null && reading.teams().size() == 2 && reading.teams().get(0).equals(teams.get(1))
                && reading.teams().get(1).equals(teams.get(0))) {
            return reading.swapped(); // the same two teams
        }
        return reading;
    }

    /**
     * {@code samples} samples of {@code reading}, {@code reads} of them separate reads, the first at {@code from} and
     * the last at {@code to}.
     */
    private void vote(double from, double to, int samples, int reads, BugReading reading) {
        if (noise(reading)) {
            return; // would never be accepted (other teams, a score that went down): neither counts nor breaks a run
        }
        if (candidate == null || !candidate.key().equals(reading.key())) {
            candidate = reading;
            candidateSince = from;
            candidateSamples = samples;
            candidateReads = reads;
        } else {
            candidateSamples += samples;
            candidateReads += reads;
        }
        // (all three only grow within a run of samples: when they hold at its last sample, the run was accepted at
        // one of its samples, with the same state and time)
        if (candidateSamples >= minSamples && candidateReads >= minReads
                && to - candidateSince >= minSeconds - 1e-9) {
            accept(candidateSince, candidate);
        }
    }

    /** Keeps the reading, as given, in the runs a join votes again: a run goes on while the score read is the same. */
    private void record(double time, BugReading reading, boolean read) {
        ReadingRun last = readings.isEmpty() ? null : readings.get(readings.size() - 1);
        if (last != null && !gapSinceReading && last.reading().key().equals(reading.key())) {
            readings.set(readings.size() - 1, last.plus(time, read));
        } else {
            readings.add(ReadingRun.of(time, reading, gapSinceReading, read));
        }
        gapSinceReading = false;
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
        gapSinceReading = true;
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
                    shown.period() != null ? shown.period() : reading.period(), reading.games(), shown.advantage()));
            current = reading;
            return;
        }
        Map<String, Integer> score = new LinkedHashMap<>();
        String advantage = null;
        for (int side = 0; side < 2; side++) {
            boolean ad = reading.scores()[side] == BugReading.ADVANTAGE;
            // (a player with the advantage has 40 and the advantage: the score stays a number of tennis points)
            score.put(teams.get(side), ad ? 40 : reading.scores()[side]);
            advantage = ad ? teams.get(side) : advantage;
        }
        Scoring scoring = current == null ? null : scoring(teams, current, reading);
        states.add(new ScoreState(time, score, scoring, reading.period(), reading.games(), advantage));
        current = reading;
    }

    /** The one of {@code teams} whose score rose from {@code before} to {@code after} in the same game, or null. */
    private static Scoring scoring(List<String> teams, BugReading before, BugReading after) {
        if (!sameGame(before, after)) {
            return won(teams, before.games(), after.games());
        }
        int adBefore = advantage(before);
        int adAfter = advantage(after);
        if (adBefore >= 0 || adAfter >= 0) {
            // a point after deuce: 40-40 to the advantage is the point of the side that has it; the advantage lost
            // (back to 40-40) is the other side's point; the numbers shown do not rise (points 0)
            boolean deuceBefore = before.scores()[0] == 40 && before.scores()[1] == 40;
            boolean deuceAfter = after.scores()[0] == 40 && after.scores()[1] == 40;
            return deuceBefore && adAfter >= 0 ? new Scoring(teams.get(adAfter), 0)
                    : adBefore >= 0 && deuceAfter ? new Scoring(teams.get(1 - adBefore), 0) : null;
        }
        int d0 = after.scores()[0] - before.scores()[0];
        int d1 = after.scores()[1] - before.scores()[1];
        return d0 > 0 && d1 == 0 ? new Scoring(teams.get(0), d0) : d1 > 0 && d0 == 0 ? new Scoring(teams.get(1), d1)
                : null;
    }

    /**
     * The one side that won a game or a set between two readings' games columns (sets, then games, left to right;
     * each "a-b" in screen order): the side whose first column that changed rose by one while the other side's
     * columns up to that one stayed (a set won starts the next set's games at 0-0 for both); or the sets column
     * appeared as 1-0 / 0-1 (bugs show the sets from the second set on). Else null: both sides' games changed
     * (joined footage, a misread), or columns went away.
     */
    static Scoring won(List<String> teams, String before, String after) {
        if (before == null || after == null) {
            return null;
        }
        int[][] b = ScoreState.gameColumns(before);
        int[][] a = ScoreState.gameColumns(after);
        if (a.length == b.length + 1) {
            // the sets column appeared: the first set went to the side it shows with 1
            return a[0][0] + a[0][1] == 1 ? new Scoring(teams.get(a[0][0] == 1 ? 0 : 1), 0, Scoring.Won.SET) : null;
        }
        if (a.length != b.length) {
            return null;
        }
        int[] first = {a.length, a.length};
        for (int side = 0; side < 2; side++) {
            for (int i = 0; i < a.length; i++) {
                if (a[i][side] != b[i][side]) {
                    first[side] = i;
                    break;
                }
            }
        }
        for (int side = 0; side < 2; side++) {
            int k = first[side];
            if (k < a.length && a[k][side] == b[k][side] + 1 && first[1 - side] > k) {
                return new Scoring(teams.get(side), 0, k == a.length - 1 ? Scoring.Won.GAME : Scoring.Won.SET);
            }
        }
        return null;
    }

    private static boolean sameGame(BugReading before, BugReading after) {
        return before.games() == null ? after.games() == null : before.games().equals(after.games());
    }

    /** The side (0, 1) that has the advantage in a tennis reading, or -1. */
    private static int advantage(BugReading reading) {
        return reading.scores()[0] == BugReading.ADVANTAGE ? 0 : reading.scores()[1] == BugReading.ADVANTAGE ? 1 : -1;
    }

    /**
     * A score below the one shown, within the same game; but for the advantage lost in tennis: a side's "AD" back to
     * 40 while the other side stays at 40 (deuce again) or takes the advantage (deuce between them not read).
     */
    private static boolean wentDown(BugReading before, BugReading after) {
        if (!sameGame(before, after)) {
            return gamesWentDown(before.games(), after.games());
        }
        for (int side = 0; side < 2; side++) {
            int was = before.scores()[side];
            int is = after.scores()[side];
            boolean advantageLost = was == BugReading.ADVANTAGE && is == 40
                    && (after.scores()[1 - side] == 40 || after.scores()[1 - side] == BugReading.ADVANTAGE);
            if (is < was && !advantageLost) {
                return true;
            }
        }
        return false;
    }

    private static boolean gamesWentDown(String before, String after) {
        if (before == null || after == null) {
            return before != null; // the games stopped showing: not a new game
        }
        // columns "1-0 4-3" (sets, then games), compared left to right: the first column where either side differs
        // decides (a set won starts the next set's games at 0-0, so the loser's games falling then is no misread)
        int[][] b = ScoreState.gameColumns(before);
        int[][] a = ScoreState.gameColumns(after);
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            int d0 = a[i][0] - b[i][0];
            int d1 = a[i][1] - b[i][1];
            if (d0 != 0 || d1 != 0) {
                return d0 < 0 || d1 < 0;
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

    /** The readings given, as runs of one score each, in order. */
    List<ReadingRun> readings() {
        return readings;
    }

    List<String> teams() {
        return teams == null ? List.of() : teams;
    }
}
