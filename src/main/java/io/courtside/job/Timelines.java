package io.courtside.job;

import io.courtside.kernel.JobSpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.PlayerSighting;
import io.courtside.analysis.Replay;
import io.courtside.analysis.Shot;
import io.courtside.analysis.Transition;
import io.courtside.scoreboard.BugForm;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import io.courtside.selection.TeamNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Keeps the job's event timeline: what the analysis found and which clips each output got, and why. Users see
 * it as ExtendOutput of GetBatchMediaProducingJob and as the console's chart.
 */
@Component
public class Timelines {

    // Curves are kept at chart resolution: a long game would otherwise store thousands of points.
    private static final int MAX_CURVE_POINTS = 600;

    private final JobStore jobs;
    private final ObjectMapper json = new ObjectMapper();

    public Timelines(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Without the job's request: the score bug's teams get no transferred names. */
    public void record(String jobId, GameAnalysis analysis, List<HighlightPlan> plans) throws JsonProcessingException {
        record(jobId, null, analysis, plans);
    }

    /**
     * Stores the timeline of the job; {@code spec}'s TransferNameRegister names the teams read on the score bug.
     * The score bug and its states are stored with the rest, so a Get after a restart shows them.
     */
    public void record(String jobId, JobSpec spec, GameAnalysis analysis, List<HighlightPlan> plans)
            throws JsonProcessingException {
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("Duration", round(analysis.media().durationSeconds()));
        List<Map<String, Object>> shots = new ArrayList<>();
        for (int i = 0; i < analysis.shots().size(); i++) {
            Shot shot = analysis.shots().get(i);
            shots.add(Map.of("Start", round(shot.start()), "End", round(shot.end()),
                    "Motion", round(analysis.motion().get(i))));
        }
        timeline.put("Shots", shots);
        timeline.put("Transitions", analysis.transitions().stream().filter(t -> t.kind() != Transition.Kind.CUT)
                .map(t -> Map.of("Kind", t.kind().name(), "Start", round(t.start()), "End", round(t.end()))).toList());
        timeline.put("Loudness", curve(analysis.loudness().windowSeconds(), analysis.loudness().rmsDb()));
        timeline.put("Excitement", curve(analysis.excitement().windowSeconds(),
                analysis.excitement().dbAboveBaseline()));
        timeline.put("Replays", analysis.replays().stream().map(Timelines::replay).toList());
        timeline.put("LogoAppearances", analysis.logoAppearances().stream().map(a -> Map.of("Start",
                round(a.start()), "End", round(a.end()), "Peak", round(a.peak()), "Logo", a.logo(),
                "Height", round(a.height()), "X", round(a.x()), "Y", round(a.y()),
                "Confidence", round(a.confidence()))).toList());
        timeline.put("Players", players(analysis.players()));
        ScoreTimeline scores = analysis.scores();
        timeline.put("Scoreboard", scoreboard(scores, spec, analysis.media().durationSeconds()));
        timeline.put("Scores", scores.found() ? scores.states().stream().map(Timelines::state).toList() : List.of());
        List<String> warnings = new ArrayList<>(analysis.warnings());
        plans.forEach(plan -> warnings.addAll(plan.warnings()));
        timeline.put("Warnings", warnings);
        List<Map<String, Object>> clips = new ArrayList<>();
        for (HighlightPlan plan : plans) {
            for (Segment segment : plan.segments()) {
                Map<String, Object> clip = new LinkedHashMap<>();
                clip.put("Output", plan.index());
                clip.put("Start", round(segment.start()));
                clip.put("End", round(segment.end()));
                if (segment.reason() != null) {
                    clip.put("Reason", segment.reason());
                }
                ClipEvents events = segment.events();
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("Replay", events.replay());
                ev.put("ExcitementDb", round(events.excitementDb()));
                ev.put("Motion", round(events.motion()));
                ev.put("FastBreak", events.fastBreak());
                ev.put("Players", events.players());
                if (events.score() != null) {
                    ev.put("Score", events.score().score());
                }
                if (events.play() != null) {
                    ev.put("Scoring", scoring(events.play().state().scoring()));
                }
                clip.put("Events", ev);
                clips.add(clip);
            }
        }
        timeline.put("Clips", clips);
        jobs.saveTimeline(jobId, json.writeValueAsString(timeline));
    }

    /** A replay, with the live play it repeats when that was found. */
    private static Map<String, Object> replay(Replay r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Start", round(r.start()));
        out.put("End", round(r.end()));
        out.put("Confidence", round(r.confidence()));
        if (r.playFound()) {
            out.put("PlayStart", round(r.playStart()));
            out.put("PlayEnd", round(r.playEnd()));
        }
        if (!Double.isNaN(r.slowdown())) {
            out.put("Slowdown", round(r.slowdown()));
        }
        return out;
    }

    /**
     * {@code {"Teams": [...], "Names": {...}, "Region": [x, y, w, h]}}: teams as read in screen order, their
     * TransferNames where the request gave one, the bug's place in fractions of the frame (of a bug that changed
     * form or moved, the form shown longest, and {@code "Forms": [{"From", "To", "Region"}]} each form in time
     * order); empty without a bug.
     */
    private static Map<String, Object> scoreboard(ScoreTimeline scores, JobSpec spec, double duration) {
        Map<String, Object> board = new LinkedHashMap<>();
        if (!scores.found()) {
            return board;
        }
        Map<String, String> names = TeamNames.forTeams(spec == null ? null : spec.input().nameTransfers(),
                scores.teams());
        board.put("Teams", scores.teams());
        board.put("Names", names);
        board.put("Region", region(scores.region()));
        if (scores.forms().size() > 1) {
            List<Map<String, Object>> forms = new ArrayList<>();
            for (BugForm form : scores.forms()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("From", round(Math.max(0, form.from())));
                entry.put("To", round(Math.min(duration, form.to())));
                entry.put("Region", region(form.region()));
                forms.add(entry);
            }
            board.put("Forms", forms);
        }
        return board;
    }

    private static List<Double> region(ScoreRegion region) {
        return java.util.Arrays.stream(region.asArray()).map(Timelines::round).boxed().toList();
    }

    /**
     * {@code {"Time": 63.0, "Score": {"SA": 36, "OKC": 38}, "Scoring": {"Team": "OKC", "Points": 4}}}, with
     * {@code "Period"} and {@code "Games"} where the bug shows them, and {@code "Advantage"} (tennis after deuce).
     */
    private static Map<String, Object> state(ScoreState state) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Time", round(state.time()));
        entry.put("Score", state.score());
        if (state.scoring() != null) {
            entry.put("Scoring", scoring(state.scoring()));
        }
        if (state.period() != null) {
            entry.put("Period", state.period());
        }
        if (state.games() != null) {
            entry.put("Games", state.games());
        }
        if (state.advantage() != null) {
            entry.put("Advantage", state.advantage()); // tennis: the player the bug shows "AD" (or "A") for
        }
        return entry;
    }

    private static Map<String, Object> scoring(Scoring scoring) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Team", scoring.team());
        entry.put("Points", scoring.points());
        if (scoring.won() != null) {
            entry.put("Won", scoring.won() == Scoring.Won.SET ? "Set" : "Game");
        }
        return entry;
    }

    /**
     * Sightings summarised per player: each player's appearances (sightings less than 2 s apart joined), with
     * the best confidence of each, in order of first appearance.
     */
    private static List<Map<String, Object>> players(List<PlayerSighting> sightings) {
        Map<String, List<double[]>> byName = new LinkedHashMap<>(); // name -> {start, end, confidence}
        for (PlayerSighting s : sightings) {
            List<double[]> seen = byName.computeIfAbsent(s.name(), n -> new ArrayList<>());
            double[] last = seen.isEmpty() ? null : seen.get(seen.size() - 1);
            if (last != null && s.time() - last[1] <= 2.0) {
                last[1] = s.time();
                last[2] = Math.max(last[2], s.confidence());
            } else {
                seen.add(new double[] {s.time(), s.time(), s.confidence()});
            }
        }
        List<Map<String, Object>> players = new ArrayList<>();
        byName.forEach((name, seen) -> players.add(Map.of("Name", name, "Sightings",
                sightings.stream().filter(s -> s.name().equals(name)).count(), "Seen", seen.stream().map(x -> Map.of("Start", round(x[0]),
                        "End", round(x[1]), "Confidence", round(x[2]))).toList())));
        return players;
    }

    /** A per-window curve at chart resolution, keeping each group's highest value. */
    private static Map<String, Object> curve(double windowSeconds, float[] values) {
        int group = Math.max(1, (int) Math.ceil(values.length / (double) MAX_CURVE_POINTS));
        List<Double> points = new ArrayList<>();
        for (int i = 0; i < values.length; i += group) {
            float highest = values[i];
            for (int j = i + 1; j < Math.min(values.length, i + group); j++) {
                highest = Math.max(highest, values[j]);
            }
            points.add(round(highest));
        }
        return Map.of("WindowSeconds", round(windowSeconds * group), "Db", points);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
