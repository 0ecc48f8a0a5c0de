package io.courtside.job;

import io.courtside.kernel.Stage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes ICE uses for a sports highlights job, built from a stored job. */
public final class JobViews {

    public static final String JOB_TYPE = "Sports_Highlights";
    // The order a job goes through its stages, for listing their durations.
    private static final List<String> STAGE_ORDER = java.util.Arrays.stream(Stage.values()).map(Stage::name).toList();
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private JobViews() {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code EditingBatchJob} of GetBatchMediaProducingJob, with the timeline and callback attempts. */
    public static Map<String, Object> editingBatchJobInFull(JobRecord job) {
        Map<String, Object> view = editingBatchJob(job);
        if (job.timeline() != null) {
            try {
                view.put("ExtendOutput", JSON.readTree(job.timeline()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored timeline of " + job.jobId() + " is not JSON", e);
            }
        }
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (JobRecord.CallbackAttempt attempt : job.callbackAttempts()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("Time", time(attempt.time()));
            entry.put("Channel", attempt.channel());
            entry.put("Outcome", attempt.outcome());
            putIfPresent(entry, "Detail", attempt.detail());
            attempts.add(entry);
        }
        view.put("CallbackAttempts", attempts);
        return view;
    }

    /** {@code EditingBatchJob} as listed by ListBatchMediaProducingJobs. */
    public static Map<String, Object> editingBatchJob(JobRecord job) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("JobId", job.jobId());
        view.put("JobType", JOB_TYPE);
        view.put("Status", job.status().name());
        view.put("Stage", job.stage());
        view.put("Progress", job.progress());
        view.put("Attempts", job.attempts());
        putIfPresent(view, "Worker", job.workerId());
        if (!job.stageSeconds().isEmpty()) {
            Map<String, Double> inOrder = new LinkedHashMap<>();
            STAGE_ORDER.forEach(stage -> {
                if (job.stageSeconds().containsKey(stage)) {
                    inOrder.put(stage, job.stageSeconds().get(stage));
                }
            });
            job.stageSeconds().forEach(inOrder::putIfAbsent);
            view.put("StageDurations", inOrder);
        }
        view.put("InputConfig", job.inputConfig());
        view.put("OutputConfig", job.outputConfig());
        putIfPresent(view, "UserData", job.userData());
        Map<String, Object> extend = new LinkedHashMap<>();
        putIfPresent(extend, "ErrorCode", job.errorCode());
        putIfPresent(extend, "ErrorMessage", job.errorMessage());
        view.put("Extend", extend);
        view.put("CreateTime", time(job.createTime()));
        view.put("ModifiedTime", time(job.modifiedTime()));
        putIfPresent(view, "CompleteTime", time(job.completeTime()));
        view.put("SubJobList", subJobs(job));
        return view;
    }

    /** {@code MessageBody} of the callback. */
    public static Map<String, Object> callbackBody(JobRecord job) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("JobId", job.jobId());
        body.put("JobType", JOB_TYPE);
        body.put("Status", job.status().name());
        putIfPresent(body, "ErrorCode", job.errorCode());
        putIfPresent(body, "ErrorMessage", job.errorMessage());
        putIfPresent(body, "UserData", job.userData());
        body.put("SubJobList", subJobs(job));
        return body;
    }

    private static List<Map<String, Object>> subJobs(JobRecord job) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JobRecord.SubJob sub : job.subJobs()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("JobId", sub.subJobId());
            view.put("MediaURL", sub.mediaUrl());
            putIfPresent(view, "CaptionsURL", sub.captionsUrl());
            putIfPresent(view, "Duration", sub.duration());
            view.put("Status", sub.status());
            putIfPresent(view, "ErrorCode", sub.errorCode());
            putIfPresent(view, "ErrorMessage", sub.errorMessage());
            list.add(view);
        }
        return list;
    }

    public static String time(OffsetDateTime time) {
        return time == null ? null : ISO_SECONDS.format(time);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
