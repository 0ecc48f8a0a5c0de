package io.courtside.scoreboard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One score state the broadcast displayed, read consistently.
 *
 * @param time    seconds into the source when this score was first fully shown
 * @param score   each team's score, in screen order (team abbreviation as read to its points)
 * @param scoring the team whose score changed and by how much; null for the first state read, or when more than one
 *                team's score changed at once
 * @param period  the period/quarter/half as read ("4TH", "2", "Q3"), or null when not shown
 * @param games   the columns before the score on a games-and-points bug (table tennis, tennis): games won "3-0",
 *                sets and games "1-0 4-3", in screen order; null on a plain score bug or where they were not read
 * @param advantage tennis after deuce: the player whose points the bug shows as "AD" (or "A"), or null; that
 *                  player's score is then 40, as the other's (40-40 with no advantage is deuce)
 */
public record ScoreState(double time, Map<String, Integer> score, Scoring scoring, String period, String games,
                         String advantage) {

    public ScoreState {
        score = Collections.unmodifiableMap(new LinkedHashMap<>(score));
    }

    /** A state without an advantage (any bug but tennis after deuce). */
    public ScoreState(double time, Map<String, Integer> score, Scoring scoring, String period, String games) {
        this(time, score, scoring, period, games, null);
    }

    /** A state of a plain score bug (no games columns). */
    public ScoreState(double time, Map<String, Integer> score, Scoring scoring, String period) {
        this(time, score, scoring, period, null);
    }

    /** The games columns as numbers, in screen order: "1-0 4-3" as {{1, 0}, {4, 3}}; none when not read. */
    public int[][] gameColumns() {
        return gameColumns(games);
    }

    /** "1-0 4-3" (a games-and-points bug's columns as {@link #games} holds them) as {{1, 0}, {4, 3}}; no columns for null. */
    public static int[][] gameColumns(String games) {
        if (games == null) {
            return new int[0][];
        }
        String[] pairs = games.split(" ");
        int[][] out = new int[pairs.length][];
        for (int i = 0; i < pairs.length; i++) {
            String[] p = pairs[i].split("-");
            out[i] = new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        }
        return out;
    }

    public int pointsOf(String team) {
        Integer points = score.get(team);
        return points == null ? 0 : points;
    }

    /** The leading team, or null when tied. */
    public String leader() {
        String leader = null;
        int best = Integer.MIN_VALUE;
        boolean tie = false;
        for (Map.Entry<String, Integer> e : score.entrySet()) {
            if (e.getValue() > best) {
                best = e.getValue();
                leader = e.getKey();
                tie = false;
            } else if (e.getValue() == best) {
                tie = true;
            }
        }
        return tie ? null : leader;
    }

    /** The leader's margin (0 when tied). */
    public int margin() {
        int max = Integer.MIN_VALUE;
        int second = Integer.MIN_VALUE;
        for (int v : score.values()) {
            if (v > max) {
                second = max;
                max = v;
            } else if (v > second) {
                second = v;
            }
        }
        return score.size() < 2 ? 0 : max - second;
    }
}
