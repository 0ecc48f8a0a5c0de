package io.courtside.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.MediaSource;
import io.courtside.kernel.StageProgress;
import io.courtside.storage.ObjectDownloads;
import io.courtside.storage.TimeSpanDownloads;
import io.courtside.storage.WebDownloads;

/**
 * What a job's parts share, whichever kind (a range of a split game's analysis, {@link AnalysisRanges}; an output
 * rendered apart, {@link OutputRenders}): the part's message and stored results as JSON, the part's own run of the
 * job in a folder of the job's workspace with the job's input fetched into it, the part's outcome recorded once in
 * the job database, and the job's worker's wait until every part is in.
 */
@Component
public class JobParts {

    private static final Logger log = LoggerFactory.getLogger(JobParts.class);
    /** Parts' messages and stored results. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(StoredReadingRuns.module()).build();
    /** How often the job's worker looks whether all parts are in. */
    private static final long POLL_MILLIS = 250;
    /** Every this many polls it also looks for the job's parts in the dead-letter queue (a browse costs more). */
    static final int DEAD_LETTER_POLLS = 8;
    /** A part's error message is stored up to this many characters. */
    private static final int MESSAGE_CHARS = 2000;

    private final JdbcClient db;
    private final SplitProperties split;
    private final JobStart jobStart;
    private final JobStore jobs;
    private final ObjectDownloads objects;
    private final TimeSpanDownloads spanDownloads;
    private final WebDownloads web;
    private final Workspaces workspaces;
    private final SplitDeadLetters deadLetters;
    private final String workerId;

    public JobParts(JdbcClient db, SplitProperties split, JobStart jobStart, JobStore jobs, ObjectDownloads objects,
                    TimeSpanDownloads spanDownloads, WebDownloads web, Workspaces workspaces, SplitDeadLetters deadLetters,
                    WorkerProperties worker) {
        this.db = db;
        this.split = split;
        this.jobStart = jobStart;
        this.jobs = jobs;
        this.objects = objects;
        this.spanDownloads = spanDownloads;
        this.web = web;
        this.workspaces = workspaces;
        this.deadLetters = deadLetters;
        this.workerId = worker.id();
    }

    /** This worker, as parts' outcomes name it. */
    String workerId() {
        return workerId;
    }

    /** The job of a part, or null when it has ended or is gone (its parts are skipped). */
    JobRecord running(String jobId) {
        JobRecord job = jobs.find(jobId).orElse(null);
        return job == null || job.status().isTerminal() ? null : job;
    }

    /** The part's own run of the job, in the folder {@code part} of the job's workspace. */
    JobRun start(String jobId, String part) throws IOException {
        return jobStart.forPart(jobId, part);
    }

    /**
     * The job's input in the part's folder (a stored object or a web address), for a part that decodes the input's
     * video from {@code fromSeconds} to {@code toSeconds} only (infinite: to the end). A part run on the job's own
     * worker uses the job's copy of a stored object (linked: no second download); on another worker a stored MP4 is
     * fetched in part when courtside.split.fetch-ranges is on ({@link TimeSpanDownloads}: only the bytes that span
     * needs, at their offsets in a file of the input's length); anything else whole.
     */
    Path input(JobRun run, double fromSeconds, double toSeconds) throws IOException, InterruptedException {
        return input(run, List.of(new TimeSpanDownloads.Span(fromSeconds, toSeconds)), split.fetchRanges());
    }

    /** As {@link #input(JobRun, double, double)}, for a part that decodes several stretches (an output's clips). */
    Path input(JobRun run, List<TimeSpanDownloads.Span> spans) throws IOException, InterruptedException {
        return input(run, spans, split.fetchRanges());
    }

    private Path input(JobRun run, List<TimeSpanDownloads.Span> spans, boolean inPart)
            throws IOException, InterruptedException {
        MediaSource input = run.spec().input().inputMedia();
        if (input instanceof MediaSource.StoredObject stored) {
            Path jobs = workspaces.path(run.jobId()).resolve(run.sourceFile().getFileName()); // the job's own run's
            Path reused = objects.reuse(stored.location(), jobs, run.sourceFile());
            if (reused != null) {
                return reused;
            }
            return inPart ? spanDownloads.download(stored.location(), run.sourceFile(), spans)
                    : objects.download(stored.location(), run);
        }
        return web.fetch(input.url(), run);
    }

    /** The part's folder goes, whatever the outcome. */
    void release(JobRun run) {
        Workspaces.delete(run.workDir());
    }

    /** Runs {@code insert} once per part: false when another delivery of the part recorded it first (kept). */
    boolean recordOnce(String insert, Object... params) {
        try {
            JdbcClient.StatementSpec statement = db.sql(insert);
            for (Object param : params) {
                statement = statement.param(param);
            }
            statement.update();
            return true;
        } catch (DuplicateKeyException twice) {
            return false;
        }
    }

    /** A part's error message as stored (up to 2000 characters). */
    static String clip(String errorMessage) {
        return errorMessage == null ? null : errorMessage.substring(0, Math.min(MESSAGE_CHARS, errorMessage.length()));
    }

    /**
     * Waits until {@code count} parts of the job are in and reports the share done to {@code progress} (a canceled
     * job stops the wait). {@code in} says how many are in and throws the failure of a part that failed; a part the
     * broker dead-lettered (it failed or killed its worker on every delivery) fails the job with
     * {@code deadLettered} of its message; parts not all in after courtside.split.max-wait with {@code missing} of
     * the count in.
     */
    void await(String jobId, int count, StageProgress progress, ToIntFunction<String> in,
               Function<String, JobFailure> deadLettered, IntFunction<JobFailure> missing)
            throws InterruptedException {
        long deadline = System.nanoTime() + split.maxWait().toNanos();
        for (int poll = 0; ; poll++) {
            int done = in.applyAsInt(jobId);
            // Every poll (the reporter writes at most twice a second): it throws when the job was canceled, which
            // stops the parts too, so the count would never be reached.
            progress.report(Math.min(1, done / (double) count));
            if (done >= count) {
                return;
            }
            if (poll % DEAD_LETTER_POLLS == 0) {
                List<String> dead = deadLetters.of(jobId);
                if (!dead.isEmpty()) {
                    throw deadLettered.apply(dead.get(0));
                }
            }
            if (System.nanoTime() > deadline) {
                throw missing.apply(done);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** The dead-letter queue parts land in, for failures that name it. */
    String deadLetterQueue() {
        return deadLetters.queue();
    }

    /** Which worker did each part, in part order, from {@code select} (one column, the job id its parameter). */
    List<String> workers(String select, String jobId) {
        return db.sql(select).param(jobId).query(String.class).list();
    }

    /** Deletes the job's rows from each of {@code tables} (their parts are joined); the rows deleted. */
    int forget(String jobId, String... tables) {
        int removed = 0;
        for (String table : tables) {
            removed += db.sql("DELETE FROM " + table + " WHERE job_id = ?").param(jobId).update();
        }
        log.debug("Forgot {} rows of the job's parts", removed);
        return removed;
    }

    /** A part's message named by {@code name}, or {@code otherwise} when it cannot be read. */
    static <T> String describe(String message, Class<T> task, Function<T, String> name, String otherwise) {
        try {
            return name.apply(JSON.readValue(message, task));
        } catch (IOException | RuntimeException unreadable) {
            return otherwise;
        }
    }

    /** A value as stored in the job database: JSON, gzipped, in Base64. */
    static String encode(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            JSON.writeValue(gzip, value);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static <T> T decode(String stored, Class<T> type) throws IOException {
        return decode(stored, JSON.constructType(type));
    }

    static <T> T decode(String stored, TypeReference<T> type) throws IOException {
        return decode(stored, JSON.constructType(type));
    }

    private static <T> T decode(String stored, JavaType type) throws IOException {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(stored)))) {
            return JSON.readValue(gzip, type);
        }
    }
}
