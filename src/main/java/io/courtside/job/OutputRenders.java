package io.courtside.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.type.TypeReference;

import io.courtside.analysis.GameAnalysis;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.StageProgress;
import io.courtside.render.HighlightRenderer;
import io.courtside.selection.HighlightPlan;
import io.courtside.storage.TimeSpanDownloads;

/**
 * A job's outputs rendered in parallel on every worker (inputs longer than courtside.split.render-min-duration,
 * OutputConfig Count above 1). The job's worker stores the timeline and the outputs' plans once ({@link #plan}) and
 * sends each output not yet delivered as a persistent message; any worker takes one ({@link #take}: in a broker
 * transaction, so an output whose worker dies is delivered again), fetches the input itself (on another worker only
 * the stretches its clips need, as an analysis range does), renders and delivers the output through the same routes
 * as a job rendered in one worker, and notes it ({@link #done}, or {@link #failed}). The job's worker waits until
 * every output is delivered ({@link #await}: the job's sub-jobs in the database) and then calls back once.
 */
@Component
public class OutputRenders {

    private static final Logger log = LoggerFactory.getLogger(OutputRenders.class);

    /** One output of one job, as sent on the render queue. */
    public record RenderTask(String jobId, int index) {
    }

    /** What a worker needs to render one output: the job's run, the output's plan, the timeline and the input. */
    public record RenderPart(String jobId, JobRun job, HighlightPlan plan, GameAnalysis analysis, Path source) {
    }

    private final JdbcClient db;
    private final SplitProperties split;
    private final JobStore jobs;
    private final JobParts parts;

    public OutputRenders(JdbcClient db, SplitProperties split, JobStore jobs, JobParts parts) {
        this.db = db;
        this.split = split;
        this.jobs = jobs;
        this.parts = parts;
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
        forget(jobId); // an earlier attempt's
        db.sql("INSERT INTO render_context (job_id, analysis, plans) VALUES (?, ?, ?)")
                .param(jobId).param(JobParts.encode(analysis)).param(JobParts.encode(plans)).update();
        List<String> messages = new ArrayList<>();
        for (HighlightPlan plan : plans) {
            if (!job.delivered(plan.index())) {
                messages.add(JobParts.JSON.writeValueAsString(new RenderTask(jobId, plan.index())));
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
        RenderTask task = JobParts.JSON.readValue(message, RenderTask.class);
        String jobId = task.jobId();
        MDC.put("jobId", jobId);
        JobRecord job = parts.running(jobId);
        if (job == null || job.deliveredOutputs().contains(task.index())) {
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
        GameAnalysis analysis = JobParts.decode(context.get(0), new TypeReference<GameAnalysis>() { });
        HighlightPlan plan = JobParts.decode(context.get(1), new TypeReference<List<HighlightPlan>>() { }).stream()
                .filter(p -> p.index() == task.index()).findFirst()
                .orElseThrow(() -> new IllegalStateException("job " + jobId + " has no output " + task.index()));
        JobRun run = parts.start(jobId, "output-" + task.index());
        Path source = parts.input(run, plan.segments().stream().map(segment -> new TimeSpanDownloads.Span(
                Math.max(0, segment.start() - HighlightRenderer.READS_BEFORE_SECONDS),
                segment.end() + HighlightRenderer.READS_AFTER_SECONDS)).toList());
        return new RenderPart(jobId, run, plan, analysis, source);
    }

    /** The output of {@code part} is rendered and delivered (its sub-job recorded). */
    public void done(RenderPart part) {
        note(part.jobId(), part.plan().index(), null, null);
        log.info("Output {} of job {} rendered on {}", part.plan().index(), part.jobId(), parts.workerId());
    }

    /**
     * The output of {@code message} failed for a reason the input or request gives (JobFailure, not worth another
     * delivery): its job fails with that failure.
     */
    public void failed(String message, JobFailure failure) throws IOException {
        RenderTask task = JobParts.JSON.readValue(message, RenderTask.class);
        log.warn("Output {} of job {} failed: {}", task.index(), task.jobId(), failure.getMessage());
        note(task.jobId(), task.index(), failure.code(), failure.getMessage());
    }

    /** The part's folder goes, whatever the outcome (the output is uploaded or failed); null: nothing was taken. */
    public void release(RenderPart part) {
        if (part != null) {
            parts.release(part.job());
        }
        MDC.remove("jobId");
    }

    private void note(String jobId, int index, String errorCode, String errorMessage) {
        if (!parts.recordOnce("""
                INSERT INTO output_render (job_id, output_index, worker_id, error_code, error_message, done_time)
                VALUES (?, ?, ?, ?, ?, ?)""", jobId, index, parts.workerId(), errorCode, JobParts.clip(errorMessage),
                System.currentTimeMillis())) {
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
        parts.await(jobId, count, progress, this::delivered, dead -> new JobFailure("Render.OutputFailed",
                JobParts.describe(dead, RenderTask.class, task -> "Output " + task.index(), "An output")
                        + " could not be rendered: it failed on every delivery and is in " + parts.deadLetterQueue()
                        + "; the workers' log names the error."),
                delivered -> new JobFailure("Render.OutputsMissing", "Only " + delivered + " of " + count
                        + " outputs were delivered within " + split.maxWait().toMinutes() + " min: check that workers"
                        + " are running and the render queue (" + split.renderQueue() + ") is consumed, or raise"
                        + " courtside.split.max-wait."));
    }

    /** How many outputs of the job are delivered; an output that failed fails the job with its failure. */
    private int delivered(String jobId) {
        for (String[] failure : db.sql("""
                SELECT output_index, error_code, error_message, worker_id FROM output_render
                WHERE job_id = ? AND error_code IS NOT NULL""").param(jobId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}).list()) {
            throw new JobFailure(failure[1], "Output " + failure[0] + " (rendered on " + failure[3] + "): "
                    + failure[2]);
        }
        return jobs.find(jobId).map(job -> job.deliveredOutputs().size()).orElse(0);
    }

    /** Which worker rendered each output, in output order (for the job's log and tests). */
    public List<String> workers(String jobId) {
        return parts.workers("SELECT worker_id FROM output_render WHERE job_id = ? ORDER BY output_index", jobId);
    }

    /** The job's outputs are all in: what their workers needed is no longer kept. */
    public void forget(String jobId) {
        parts.forget(jobId, "render_context", "output_render");
    }
}
