package io.courtside.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.courtside.analysis.GameAnalyzer;
import io.courtside.analysis.RangeAnalysis;
import io.courtside.analysis.RegisteredMedia;
import io.courtside.analysis.Registrations;
import io.courtside.analysis.TimeRange;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.SportProfiles;

/**
 * A long game's analysis split across workers. The job's worker sends each range of the input as a persistent
 * message ({@link #plan}); any worker takes one ({@link #analyse}: in a broker transaction, so a range whose worker
 * dies is delivered again to another), fetches the input itself (of a stored MP4 only the bytes the range decodes),
 * analyses the range and stores the result in the job database (table analysis_range, one row per range; a range
 * analysed twice is stored once). The job's worker waits until every range of the job is in ({@link #await}: the
 * count in the database is the aggregation's completion, and it survives any worker's crash: a redelivered job
 * sends only the ranges still missing), then joins them.
 */
@Component
@EnableConfigurationProperties(SplitProperties.class)
public class AnalysisRanges {

    private static final Logger log = LoggerFactory.getLogger(AnalysisRanges.class);

    /** One range of one job, as sent on the range queue. */
    public record RangeTask(String jobId, TimeRange range) {
    }

    private final JdbcClient db;
    private final SplitProperties split;
    private final JobParts parts;
    private final Registrations registrations;
    private final GameAnalyzer analyzer;
    private final SportProfiles sports;

    public AnalysisRanges(JdbcClient db, SplitProperties split, JobParts parts, Registrations registrations,
                          GameAnalyzer analyzer, SportProfiles sports) {
        this.db = db;
        this.split = split;
        this.parts = parts;
        this.registrations = registrations;
        this.analyzer = analyzer;
        this.sports = sports;
    }

    /** Whether an input this long is split (longer than courtside.split.min-duration). */
    public boolean splits(double durationSeconds) {
        return split.minDuration() != null && durationSeconds > split.minDuration().toMillis() / 1000.0;
    }

    /** The ranges of the job's input, all of them (the count the join waits for). */
    public List<TimeRange> ranges(double durationSeconds) {
        return TimeRange.split(durationSeconds, split.rangeLength().toMillis() / 1000.0);
    }

    /** The messages to send: one per range not already analysed (by an earlier attempt of the job). */
    public List<String> plan(String jobId, List<TimeRange> ranges) throws IOException {
        Set<Integer> done = Set.copyOf(db.sql("SELECT range_index FROM analysis_range WHERE job_id = ?")
                .param(jobId).query(Integer.class).list());
        List<String> messages = new ArrayList<>();
        for (TimeRange range : ranges) {
            if (!done.contains(range.index())) {
                messages.add(JobParts.JSON.writeValueAsString(new RangeTask(jobId, range)));
            }
        }
        log.info("Analysis split in {} ranges of {} s; {} to analyse", ranges.size(),
                split.rangeLength().toSeconds(), messages.size());
        return messages;
    }

    /**
     * A worker's part: analyses the range of {@code message} and stores it. A range whose job has ended or that is
     * already stored is skipped. A failure the input causes (JobFailure) is stored as the range's outcome, and
     * fails the job; anything else propagates, so the broker delivers the range again.
     */
    public void analyse(String message) throws IOException, InterruptedException {
        RangeTask task = JobParts.JSON.readValue(message, RangeTask.class);
        String jobId = task.jobId();
        TimeRange range = task.range();
        MDC.put("jobId", jobId);
        try {
            if (parts.running(jobId) == null || stored(jobId, range.index())) {
                log.info("Range {} of job {}: job ended or range already analysed; skipped", range.index(), jobId);
                return;
            }
            log.info("Range {} of {} of job {}: analysing", range.index() + 1, range.count(), jobId);
            JobRun run = parts.start(jobId, "range-" + range.index());
            try {
                RangeAnalysis result = analyse(run, range);
                store(jobId, range, JobParts.encode(result), null, null);
            } catch (JobFailure failure) {
                log.warn("Range {} of job {} failed: {}", range.index(), jobId, failure.getMessage());
                store(jobId, range, null, failure.code(), failure.getMessage());
            } finally {
                parts.release(run);
            }
        } finally {
            MDC.remove("jobId");
        }
    }

    private RangeAnalysis analyse(JobRun run, TimeRange range) throws IOException, InterruptedException {
        double margin = split.margin().toMillis() / 1000.0;
        // only what the range decodes: from its margin before it to its margin after it (the last: to the end)
        Path source = parts.input(run, Math.max(0, range.from() - margin),
                range.last() ? Double.POSITIVE_INFINITY : range.to() + margin);
        RegisteredMedia registered = registrations.fetch(run);
        return analyzer.analyzeRange(source, registered, range, margin, StageProgress.NONE,
                sports.bugLayout(run.spec().input().sportsCategory()));
    }

    private boolean stored(String jobId, int index) {
        return db.sql("SELECT COUNT(*) FROM analysis_range WHERE job_id = ? AND range_index = ?")
                .param(jobId).param(index).query(Integer.class).single() > 0;
    }

    private void store(String jobId, TimeRange range, String result, String errorCode, String errorMessage) {
        if (parts.recordOnce("""
                INSERT INTO analysis_range (job_id, range_index, range_count, worker_id, result, error_code,
                    error_message, done_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", jobId, range.index(), range.count(),
                parts.workerId(), result, errorCode, JobParts.clip(errorMessage), System.currentTimeMillis())) {
            log.info("Range {} of {} of job {} stored", range.index() + 1, range.count(), jobId);
        } else {
            log.info("Range {} of job {} was stored by another delivery; kept that", range.index(), jobId);
        }
    }

    /**
     * Waits until all {@code count} ranges of the job are stored and returns them, reporting the share done to
     * {@code progress} (a canceled job stops the wait). A range that failed fails the job with its failure, a range
     * the broker dead-lettered (it failed or killed its worker on every delivery) with Analysis.RangeFailed; ranges
     * not all in after courtside.split.max-wait fail it with Analysis.RangesMissing.
     */
    public List<RangeAnalysis> await(String jobId, int count, StageProgress progress)
            throws IOException, InterruptedException {
        parts.await(jobId, count, progress, this::analysed, dead -> new JobFailure("Analysis.RangeFailed",
                JobParts.describe(dead, RangeTask.class, task -> "Range " + (task.range().index() + 1) + " of "
                        + task.range().count() + " (" + task.range().from() + "-" + task.range().to() + " s)",
                        "A range") + " of the input could not be analysed: it failed on every delivery and is in "
                + parts.deadLetterQueue() + "; the workers' log names the error (a source that crashes the"
                + " decoder: re-encode it as H.264/AAC MP4 and submit again)."),
                analysed -> new JobFailure("Analysis.RangesMissing", "Only " + analysed + " of " + count + " ranges"
                        + " of the input were analysed within " + split.maxWait().toMinutes() + " min: check that"
                        + " workers are running and the range queue (" + split.queue() + ") is consumed, or raise"
                        + " courtside.split.max-wait."));
        List<RangeAnalysis> ranges = new ArrayList<>();
        for (String result : db.sql("SELECT result FROM analysis_range WHERE job_id = ? ORDER BY range_index")
                .param(jobId).query(String.class).list()) {
            ranges.add(JobParts.decode(result, RangeAnalysis.class));
        }
        return ranges;
    }

    /** How many ranges of the job are stored; a range that failed fails the job with its failure. */
    private int analysed(String jobId) {
        List<String[]> rows = db.sql("""
                SELECT range_index, error_code, error_message, worker_id FROM analysis_range WHERE job_id = ?""")
                .param(jobId).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)}).list();
        for (String[] row : rows) {
            if (row[1] != null) {
                throw new JobFailure(row[1], "Range " + row[0] + " of the input (analysed on " + row[3] + "): "
                        + row[2]);
            }
        }
        return rows.size();
    }

    /** Which worker analysed each range, in range order (for the job's log and tests). */
    public List<String> workers(String jobId) {
        return parts.workers("SELECT worker_id FROM analysis_range WHERE job_id = ? ORDER BY range_index", jobId);
    }

    /** The job's stored ranges are no longer needed (its timeline is joined and recorded). */
    public void forget(String jobId) {
        parts.forget(jobId, "analysis_range");
    }
}
