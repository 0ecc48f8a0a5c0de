package io.courtside.selection;

import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One score change the bug displayed, and what it meant for the game: the facts selection weighs, the clip's
 * reason names and the commentary tells. Derived from the displayed states only (nothing is interpolated).
 *
 * @param state      the new score as displayed (its time is when it was first fully shown)
 * @param team       the scoring team (abbreviation as read)
 * @param points     points scored (may be more than one basket where footage was joined from pieces)
 * @param other      the other team (the first one in screen order that is not {@code team}), or null
 * @param leadChange the scoring team took the lead from the other (which led before, ties in between allowed)
 * @param tie        the play tied the game
 * @param run        the scoring team's unanswered points up to and including this play
 * @param closeLate  close (margin at most close-margin) and late in the game
 * @param big        one of the biggest plays (at least big-play-points at once)
 * @param won        on a games-and-points bug (tennis, table tennis), the game or set the play won; else null (a
 *                   point, a basket). A game or set won is not a lead change, tie or close finish of the points
 *                   (they start again at 0-0), and adds nothing to a run
 */
public record ScoringPlay(ScoreState state, String team, int points, String other, boolean leadChange,
                          boolean tie, int run, boolean closeLate, boolean big, Scoring.Won won) {

    public double time() {
        return state.time();
    }

    public int teamScore() {
        return state.pointsOf(team);
    }

    public int otherScore() {
        return other == null ? 0 : state.pointsOf(other);
    }

    /** The scoring team's lead after the play: negative when it still trails, 0 when tied. */
    public int lead() {
        return teamScore() - otherScore();
    }

    /** The run counts as one (at least {@code weights.runPoints()} unanswered points). */
    public boolean isRun(ScoreWeights weights) {
        return weights.runPoints() > 0 && run >= weights.runPoints() && run > points;
    }

    /**
     * The clip's reason: {@code OKC +4, 36-42, lead 6} (score in screen order; on a games-and-points bug its games
     * after it: {@code SIN +15, 30-15 (1-0 4-3), lead 15}), then the facts that weighed ({@code lead change},
     * {@code tied}, {@code 10-0 run}, {@code close and late}, {@code big play}); a game or set won:
     * {@code SIN game, 1-0 5-3} / {@code SIN set, 2-0 0-0}.
     */
    public String reason(ScoreWeights weights) {
        StringBuilder why = new StringBuilder();
        if (won != null) {
            return why.append(team).append(won == Scoring.Won.SET ? " set, " : " game, ").append(state.games())
                    .toString();
        }
        why.append(team).append(" +").append(points).append(", ");
        why.append(String.join("-", state.score().values().stream().map(String::valueOf).toList()));
        if (state.games() != null) {
            why.append(" (").append(state.games()).append(')');
        }
        int lead = lead();
        if (other == null) {
            // one team read only: its score says it all
        } else if (lead > 0) {
            why.append(", lead ").append(lead);
        } else if (lead == 0) {
            why.append(", tied");
        } else {
            why.append(", trail ").append(-lead);
        }
        if (leadChange) {
            why.append(", lead change");
        }
        if (isRun(weights)) {
            why.append(String.format(Locale.ROOT, ", %d-0 run", run));
        }
        if (closeLate) {
            why.append(", close and late");
        }
        if (big) {
            why.append(", big play");
        }
        return why.toString();
    }

    /** The selection score of the play (the clip's other signals add to it). */
    public double weight(ScoreWeights weights) {
        return weights.play() + weights.perPoint() * points + (leadChange ? weights.leadChange() : 0)
                + (won == Scoring.Won.GAME ? weights.game() : 0) + (won == Scoring.Won.SET ? weights.set() : 0)
                + (tie ? weights.tie() : 0) + (isRun(weights) ? weights.run() : 0)
                + (closeLate ? weights.closeLate() : 0) + (big ? weights.bigPlay() : 0);
    }

    /**
     * The scoring plays of a timeline, in time order: every displayed state with one team's score changed (on a
     * games-and-points bug also a game or set won by one side).
     *
     * @param duration the source's length (late in the game is its last {@code lateFraction})
     */
    public static List<ScoringPlay> of(ScoreTimeline timeline, double duration, ScoreWeights weights) {
        List<ScoringPlay> plays = new ArrayList<>();
        if (timeline == null || !timeline.found()) {
            return plays;
        }
        String lastLeader = null; // the last team that led outright (ties skipped)
        String runTeam = null;
        int run = 0;
        ScoreState previous = null;
        for (ScoreState state : timeline.states()) {
            String before = previous == null ? null : previous.leader();
            if (state.scoring() != null) {
                String team = state.scoring().team();
                int points = state.scoring().points();
                Scoring.Won won = state.scoring().won();
                String other = otherTeam(state.score(), timeline.teams(), team);
                if (team.equals(runTeam)) {
                    run += points;
                } else {
                    runTeam = team;
                    run = points;
                }
                String after = state.leader();
                // (a game or set won starts the points again at 0-0: neither a lead change nor a tie of the points)
                boolean leadChange = won == null && after != null && after.equals(team) && lastLeader != null
                        && !lastLeader.equals(team);
                boolean tie = won == null && after == null && before != null && state.score().size() > 1;
                boolean late = state.time() >= duration * (1 - weights.lateFraction()) - 1e-9
                        || weights.latePeriod(state.period());
                boolean closeLate = won == null && late && other != null && state.margin() <= weights.closeMargin();
                boolean big = weights.bigPlayPoints() > 0 && points >= weights.bigPlayPoints();
                plays.add(new ScoringPlay(state, team, points, other, leadChange, tie, run, closeLate, big, won));
            } else if (previous != null) {
                // several teams' scores changed at once (joined footage): no run survives it
                runTeam = null;
                run = 0;
            }
            if (state.leader() != null) {
                lastLeader = state.leader();
            }
            previous = state;
        }
        return plays;
    }

    private static String otherTeam(Map<String, Integer> score, List<String> teams, String team) {
        for (String t : score.keySet()) {
            if (!t.equals(team)) {
                return t;
            }
        }
        for (String t : teams) {
            if (!t.equals(team)) {
                return t;
            }
        }
        return null;
    }
}
