package io.courtside.scoreboard;

/**
 * One team's score went up by {@code points} (may be more than one basket where footage was joined from pieces), or,
 * on a games-and-points bug (tennis, table tennis), it won a game or a set: the games columns changed for it alone
 * and the points column started again ({@code points} 0: the points shown did not rise).
 *
 * @param team   the team (player) that scored, as read
 * @param points how far its score rose; 0 for a game or set won, and for a point after deuce (tennis: the advantage
 *               won, or the other player's advantage taken back to deuce: {@link ScoreState#advantage()} tells which)
 * @param won    {@link Won#GAME} or {@link Won#SET} when the change won one, else null (points in a game)
 */
public record Scoring(String team, int points, Won won) {

    /** What a change on a games-and-points bug won. */
    public enum Won {
        /** A game (the last games column rose). */
        GAME,
        /** A set (a column before the games rose, or the sets column appeared: the first set). */
        SET
    }

    /** Points scored (nothing won beyond them). */
    public Scoring(String team, int points) {
        this(team, points, null);
    }
}
