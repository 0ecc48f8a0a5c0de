package io.courtside.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.Shot;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
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

    // The loudness curve is kept at chart resolution: a long game would otherwise store thousands of points.
    private static final int MAX_CURVE_POINTS = 600;

    private final JobStore jobs;
    private final ObjectMapper json = new ObjectMapper();

    public Timelines(JobStore jobs) {
        this.jobs = jobs;
    }

    public void record(String jobId, GameAnalysis analysis, List<HighlightPlan> plans) throws JsonProcessingException {
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("Duration", round(analysis.media().durationSeconds()));
        List<Map<String, Object>> shots = new ArrayList<>();
        for (Shot shot : analysis.shots()) {
            shots.add(Map.of("Start", round(shot.start()), "End", round(shot.end())));
        }
        timeline.put("Shots", shots);
        float[] db = analysis.loudness().rmsDb();
        int group = Math.max(1, (int) Math.ceil(db.length / (double) MAX_CURVE_POINTS));
        List<Double> curve = new ArrayList<>();
        for (int i = 0; i < db.length; i += group) {
            float loudest = db[i];
            for (int j = i + 1; j < Math.min(db.length, i + group); j++) {
                loudest = Math.max(loudest, db[j]);
            }
            curve.add(round(loudest));
        }
        timeline.put("Loudness", Map.of("WindowSeconds", round(analysis.loudness().windowSeconds() * group),
                "Db", curve));
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
                clips.add(clip);
            }
        }
        timeline.put("Clips", clips);
        jobs.saveTimeline(jobId, json.writeValueAsString(timeline));
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
