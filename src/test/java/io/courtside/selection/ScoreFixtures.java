package io.courtside.selection;

import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built score timelines: two teams, SA left and OKC right on the bug. */
public final class ScoreFixtures {

    private ScoreFixtures() {
    }

    /** States from {@code {time, sa, okc}} rows; each row after the first scores for the team whose score rose. */
    public static ScoreTimeline timeline(double[][] rows) {
        return timeline(rows, null);
    }

    /** As {@link #timeline(double[][])}, every state in {@code period}. */
    public static ScoreTimeline timeline(double[][] rows, String period) {
        List<ScoreState> states = new ArrayList<>();
        int[] before = null;
        for (double[] row : rows) {
            int sa = (int) row[1];
            int okc = (int) row[2];
            Map<String, Integer> score = new LinkedHashMap<>();
            score.put("SA", sa);
            score.put("OKC", okc);
            Scoring scoring = null;
            if (before != null) {
                if (sa > before[0] && okc == before[1]) {
                    scoring = new Scoring("SA", sa - before[0]);
                } else if (okc > before[1] && sa == before[0]) {
                    scoring = new Scoring("OKC", okc - before[1]);
                }
            }
            states.add(new ScoreState(row[0], score, scoring, period));
            before = new int[] {sa, okc};
        }
        return new ScoreTimeline(List.of("SA", "OKC"), new ScoreRegion(0.05, 0.85, 0.3, 0.08), states, List.of(),
                List.of());
    }
}
