package io.courtside.selection;

import io.courtside.analysis.ExcitementTrack;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.LoudnessTrack;
import io.courtside.analysis.MediaInfo;
import io.courtside.analysis.MotionTrack;
import io.courtside.analysis.Shot;
import io.courtside.analysis.Transition;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built score timelines: two teams, SA left and OKC right on the bug. */
public final class ScoreFixtures {

    private ScoreFixtures() {
    }

    // Shots: a cut to a close-up at 22.8 just after the basket of 23.5; one long shot 40-60 holds the change at 47.
    static final List<Double> CUTS = List.of(0.0, 12.0, 19.0, 22.8, 30.0, 40.0, 60.0, 75.0, 90.0, 105.0);
    // The crowd roars (15 dB over its baseline) at 32-35 s and 92-95 s, where nobody scores.
    static final double[][] ROARS = {{32, 35}, {92, 95}};
    /** The score of the 120 s {@link #game}: SA left, OKC right. */
    public static final ScoreTimeline SCORES = timeline(new double[][] {
            {2, 30, 30},    // first state read
            {23.5, 30, 32}, // OKC +2
            {47, 33, 32},   // SA +3: lead change, big play
            {80, 33, 35},   // OKC +3: lead change, big play
    });

    /** A 120 s game with the given score reading (and the analysis warnings given). */
    public static GameAnalysis game(ScoreTimeline scores, String... warnings) {
        return game(scores, null, warnings);
    }

    /** As {@link #game(ScoreTimeline, String...)}, with motion measured per window ({@code null}: none). */
    public static GameAnalysis game(ScoreTimeline scores, MotionTrack motion, String... warnings) {
        double duration = 120;
        List<Shot> shots = new ArrayList<>();
        List<Transition> cuts = new ArrayList<>();
        for (int i = 0; i < CUTS.size(); i++) {
            shots.add(new Shot(CUTS.get(i), i + 1 < CUTS.size() ? CUTS.get(i + 1) : duration));
            if (i > 0) {
                cuts.add(new Transition(Transition.Kind.CUT, CUTS.get(i), CUTS.get(i), CUTS.get(i)));
            }
        }
        int windows = (int) (duration / 0.5);
        float[] db = new float[windows];
        float[] excited = new float[windows];
        float[] baseline = new float[windows];
        Arrays.fill(db, -40f);
        Arrays.fill(baseline, -40f);
        for (double[] roar : ROARS) {
            for (int w = (int) (roar[0] / 0.5); w < (int) (roar[1] / 0.5); w++) {
                db[w] = -10f;
                excited[w] = 15f;
            }
        }
        return new GameAnalysis(new MediaInfo(duration, 25, 1280, 720, true, 48000, 2), shots,
                new LoudnessTrack(0.5, db), cuts, new ExcitementTrack(0.5, excited, baseline),
                Collections.nCopies(shots.size(), 1.0), List.of(), List.of(), List.of(warnings), null, scores,
                List.of(), motion);
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
