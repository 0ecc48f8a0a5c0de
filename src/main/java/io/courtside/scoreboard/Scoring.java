package io.courtside.scoreboard;

/** One team's score went up by {@code points} (may be more than one basket where footage was joined from pieces). */
public record Scoring(String team, int points) {
}
