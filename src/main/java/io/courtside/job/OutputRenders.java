package io.courtside.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.courtside.analysis.GameAnalysis;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.MediaSource;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.HighlightPlan;
import io.courtside.storage.ObjectDownloads;
import io.courtside.storage.WebDownloads;

/**
 * A job's outputs rendered in parallel on every worker (inputs longer than courtside.split.render-min-duration,
 * OutputConfig Count above 1). The job's worker stores the timeline and the outputs' plans once ({@link #plan}) and
 * sends each output not yet delivered as a persistent message; any worker takes one ({@link #take}: in a broker
 * transaction, so an output whose worker dies is delivered again), fetches the input itself, renders and delivers
 * the output through the same routes as a job rendered in one worker, and notes it ({@link #done}, or
 * {@link #failed}). The job's worker waits until every output is delivered ({@link #await}: the job's sub-jobs in
 * the database) and then calls back once.
 */
@Component
public class OutputRenders {

    private static final Logger log = LoggerFactory.getLogger(OutputRenders.class);
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** How often the job's worker looks whether all outputs are in. */
    private static final long POLL_MILLIS = 250;

    /** One output of one job, as sent on the render queue. */
    public record RenderTask(String jobId, int index) {
    }

    /** What a worker needs to render one output: the job's run, the output's plan, the timeline and the input. */
    public record RenderPart(String jobId, JobRun job, HighlightPlan plan, GameAnalysis analysis, Path source) {
    }

    private final JdbcClient db;
    private final SplitProperties split;
    private final JobStart jobStart;
    private final JobStore jobs;
    private final ObjectDownloads objects;
    private final WebDownloads web;
    private final SplitDeadLetters deadLetters;
    private final String workerId;

    public OutputRenders(JdbcClient db, SplitProperties split, JobStart jobStart, JobStore jobs,
                         ObjectDownloads objects, WebDownloads web, SplitDeadLetters deadLetters,
                         WorkerProperties worker) {
        this.db = db;
        this.split = split;
        this.jobStart = jobStart;
        this.jobs = jobs;
        this.objects = objects;
        this.web = web;
        this.deadLetters = deadLetters;
        this.workerId = worker.id();
    }

    /** Whether a job of {@code count} outputs on an input this long renders them apart. */
    public boolean apart(int count, double durationSeconds) {
        return count > 1 && split.renderMinDuration() != null
                && durationSeconds > split.renderMinDuration().toMillis() / 1000.0;
    }

    /**
     * Stores what the outputs' workers need and returns the messages to send: one per output not delivered by an
     * earlier attempt of the job.
     */
    public List<String> plan(String jobId, GameAnalysis analysis, List<HighlightPlan> plans, JobRun job)
            throws IOException {
        db.sql("DELETE FROM render_context WHERE job_id = ?").param(jobId).update();
        db.sql("DELETE FROM output_render WHERE job_id = ?").param(jobId).update();
        db.sql("INSERT INTO render_context (job_id, analysis, plans) VALUES (?, ?, ?)")
                .param(jobId).param(encode(analysis)).param(encode(plans)).update();
        List<String> messages = new ArrayList<>();
        for (HighlightPlan plan : plans) {
            if (!job.delivered(plan.index())) {
                messages.add(JSON.writeValueAsString(new RenderTask(jobId, plan.index())));
            }
        }
        log.info("{} outputs rendered apart; {} to render", plans.size(), messages.size());
        return messages;
    }

    /**
     * A worker's part: what it needs to render the output of {@code message}, or null when the job has ended, the
     * output is delivered or the job's worker no longer waits for it.
     */
    public RenderPart take(String message) throws IOException, InterruptedException {
        RenderTask task = JSON.readValue(message, RenderTask.class);
        String jobId = task.jobId();
        MDC.put("jobId", jobId);
        JobRecord job = jobs.find(jobId).orElse(null);
        if (job == null || job.status().isTerminal() || delivered(job).contains(task.index())) {
            log.info("Output {} of job {}: job ended or output delivered; skipped", task.index(), jobId);
            return null;
        }
        List<String> context = db.sql("SELECT analysis, plans FROM render_context WHERE job_id = ?").param(jobId)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).optional().orElse(null);
        if (context == null) {
            log.info("Output {} of job {}: its job no longer waits for it; skipped", task.index(), jobId);
            return null;
        }
        log.info("Output {} of job {}: rendering", task.index(), jobId);
        GameAnalysis analysis = decode(context.get(0), new TypeReference<GameAnalysis>() { });
        HighlightPlan plan = decode(context.get(1), new TypeReference<List<HighlightPlan>>() { }).stream()
                .filter(p -> p.index() == task.index()).findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + jobId + " has no output " + task.index()));
        JobRun run = jobStart.forPart(jobId, "output-" + task.index());
        MediaSource input = run.spec().input().inputMedia();
        Path source = input instanceof MediaSource.StoredObject stored ? objects.download(stored.location(), run)
                : web.fetch(input.url(), run);
        return new RenderPart(jobId, run, plan, analysis, source);
    }

    /** The output of {@code part} is rendered and delivered (its sub-job recorded). */
    public void done(RenderPart part) {
        note(part.jobId(), part.plan().index(), null, null);
        log.info("Output {} of job {} rendered on {}", part.plan().index(), part.jobId(), workerId);
    }

    /**
     * The output of {@code message} failed for a reason the input or request gives (JobFailure, not worth another
     * delivery): its job fails with that failure.
     */
    public void failed(String message, JobFailure failure) throws IOException {
        RenderTask task = JSON.readValue(message, RenderTask.class);
        log.warn("Output {} of job {} failed: {}", task.index(), task.jobId(), failure.getMessage());
        note(task.jobId(), task.index(), failure.code(), failure.getMessage());
    }

    /** The part's folder goes, whatever the outcome (the output is uploaded or failed); null: nothing was taken. */
    public void release(RenderPart part) {
        if (part != null) {
            Workspaces.delete(part.job().workDir());
        }
        MDC.remove("jobId");
    }

    private void note(String jobId, int index, String errorCode, String errorMessage) {
        try {
            db.sql("""
                    INSERT INTO output_render (job_id, output_index, worker_id, error_code, error_message, done_time)
                    VALUES (?, ?, ?, ?, ?, ?)""")
                    .param(jobId).param(index).param(workerId).param(errorCode)
                    .param(errorMessage == null ? null
                            : errorMessage.substring(0, Math.min(2000, errorMessage.length())))
                    .param(System.currentTimeMillis()).update();
        } catch (DuplicateKeyException twice) {
            log.info("Output {} of job {} was noted by another delivery; kept that", index, jobId);
        }
    }

    /**
     * Waits until all {@code count} outputs of the job are delivered, reporting the share done to {@code progress}
     * (a canceled job stops the wait). An output that failed fails the job with its failure, one the broker
     * dead-lettered with Render.OutputFailed; outputs not all in after courtside.split.max-wait fail it with
     * Render.OutputsMissing.
     */
    public void await(String jobId, int count, StageProgress progress) throws InterruptedException {
        long deadline = System.nanoTime() + split.maxWait().toNanos();
        for (int poll = 0; ; poll++) {
            for (String[] failure : db.sql("""
                    SELECT output_index, error_code, error_message, worker_id FROM output_render
                    WHERE job_id = ? AND error_code IS NOT NULL""").param(jobId)
                    .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)}).list()) {
                throw new JobFailure(failure[1], "Output " + failure[0] + " (rendered on " + failure[3] + "): "
                        + failure[2]);
            }
            int delivered = jobs.find(jobId).map(OutputRenders::delivered).map(Set::size).orElse(0);
            // Every poll (the reporter writes at most twice a second): it throws when the job was canceled, which
            // stops the other outputs' workers too, so the count would never be reached.
            progress.report(Math.min(1, delivered / (double) count));
            if (delivered >= count) {
                return;
            }
            if (poll % AnalysisRanges.DEAD_LETTER_POLLS == 0 && !deadLetters.of(jobId).isEmpty()) {
                throw new JobFailure("Render.OutputFailed", describe(deadLetters.of(jobId).get(0)) + " could not be"
                        + " rendered: it failed on every delivery and is in " + deadLetters.queue() + "; the workers'"
                        + " log names the error.");
            }
            if (System.nanoTime() > deadline) {
                throw new JobFailure("Render.OutputsMissing", "Only " + delivered + " of " + count + " outputs were"
                        + " delivered within " + split.maxWait().toMinutes() + " min: check that workers are running"
                        + " and the render queue (" + split.renderQueue() + ") is consumed, or raise"
                        + " courtside.split.max-wait.");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Which worker rendered each output, in output order (for the job's log and tests). */
    public List<String> workers(String jobId) {
        return db.sql("SELECT worker_id FROM output_render WHERE job_id = ? ORDER BY output_index").param(jobId)
                .query(String.class).list();
    }

    /** The job's outputs are all in: what their workers needed is no longer kept. */
    public void forget(String jobId) {
        db.sql("DELETE FROM render_context WHERE job_id = ?").param(jobId).update();
        db.sql("DELETE FROM output_render WHERE job_id = ?").param(jobId).update();
    }

    private static Set<Integer> delivered(JobRecord job) {
        Set<Integer> indexes = new TreeSet<>();
        for (JobRecord.SubJob sub : job.subJobs()) {
            if ("Success".equals(sub.status()) && sub.mediaUrl() != null) {
                indexes.add(sub.index());
            }
        }
        return indexes;
    }

    private static String describe(String message) {
        try {
            return "Output " + JSON.readValue(message, RenderTask.class).index();
        } catch (IOException | RuntimeException unreadable) {
            return "An output";
        }
    }

    static String encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, value);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static <T> T decode(String stored, TypeReference<T> type) throws IOException {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
            return JSON.readValue(gzip, type);
        }
    }
}
