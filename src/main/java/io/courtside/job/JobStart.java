package io.courtside.job;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.JobSpec;
import io.courtside.kernel.ApiException;
import io.courtside.render.RenderProperties;
import io.courtside.kernel.RenderSpec;
import io.courtside.selection.SportProfile;
import io.courtside.selection.SportProfiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** Claims a queued job for this worker and prepares its work folder. */
@Component
public class JobStart {

    private static final Logger log = LoggerFactory.getLogger(JobStart.class);
    /** The code of a job that no attempt finished within {@code courtside.worker.max-attempts}. */
    public static final String ATTEMPTS_EXCEEDED = "ProcessingAttemptsExceeded";

    private final JobStore jobs;
    private final JobLeases leases;
    private final JobSpecParser specParser;
    private final Workspaces workspaces;
    private final RenderProperties render;
    private final String workerId;
    private final SportProfiles profiles;
    private final int maxAttempts;

    public JobStart(JobStore jobs, JobLeases leases, JobSpecParser specParser, Workspaces workspaces, RenderProperties renderProperties, WorkerProperties workerProperties,
                    SportProfiles profiles) {
        this.profiles = profiles;
        this.jobs = jobs;
        this.leases = leases;
        this.specParser = specParser;
        this.workspaces = workspaces;
        this.render = renderProperties;
        this.workerId = workerProperties.id();
        this.maxAttempts = workerProperties.maxAttempts();
    }

    /**
     * The run, or null when the job is unknown, has already ended (a duplicate delivery: nothing to do) or is held
     * by another attempt whose lease has not run out (a second delivery of a running job: it runs once).
     */
    public JobRun begin(String jobId) throws IOException {
        MDC.put("jobId", jobId);
        JobRecord job = leases.claim(jobId, workerId).orElse(null);
        if (job == null) {
            log.info("Job {} is unknown, already ended or running elsewhere; nothing to process", jobId);
            return null;
        }
        try {
            return prepare(jobId, job);
        } catch (IOException | RuntimeException e) {
            // Claimed but not started: the attempt is over (its failure is recorded by the route's handler).
            leases.release(jobId, job.attempts());
            throw e;
        }
    }

    /**
     * A run for one part of a job taken by any worker (a range of a split analysis, an output rendered apart): the
     * job's request and render settings, and a folder of its own, {@code part}, inside the job's work folder
     * (created empty). No lease: the job's attempt holds that; the part's message is redelivered when this worker
     * dies.
     */
    public JobRun forPart(String jobId, String part) throws IOException {
        JobRecord job = jobs.find(jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        JobSpec spec;
        try {
            spec = specParser.parse(job.inputConfig(), job.outputConfig(), job.userData());
        } catch (ApiException e) {
            throw new JobFailure(JobFailure.INVALID_PARAMETER, e.getMessage(), e);
        }
        Path workDir = workspaces.path(jobId).resolve(part);
        Files.createDirectories(workDir);
        return new JobRun(jobId, spec, workDir, renderSpec(spec), job.attempts(), job.deliveredOutputs());
    }

    /** The attempt of a run is over (it finished, failed or was rolled back): its lease is let go. */
    public void end(JobRun run) {
        leases.release(run);
    }

    private JobRun prepare(String jobId, JobRecord job) throws IOException {
        log.info("Job started (attempt {})", job.attempts());
        Path workDir = workspaces.path(jobId);
        workspaces.remove(jobId); // leftovers of an attempt that died
        if (job.attempts() > maxAttempts) {
            // Every earlier attempt ended without recording an outcome: the worker died or was stopped each time
            // (a source that crashes or hangs the decoder, say). Stop here rather than loop.
            throw new JobFailure(ATTEMPTS_EXCEEDED, "The job was started " + (job.attempts() - 1) + " time(s) and no"
                    + " attempt finished: the worker stopped during each (courtside.worker.max-attempts). The source"
                    + " may crash or hang the decoder: re-encode it (H.264/AAC MP4) and submit again.");
        }
        JobSpec spec;
        try {
            spec = specParser.parse(job.inputConfig(), job.outputConfig(), job.userData());
        } catch (ApiException e) {
            // Accepted earlier, refused now: the configuration changed in between (a sport or bucket removed).
            throw new JobFailure(JobFailure.INVALID_PARAMETER, e.getMessage(), e);
        }
        Files.createDirectories(workDir);
        return new JobRun(jobId, spec, workDir, renderSpec(spec), job.attempts(), job.deliveredOutputs());
    }

    private RenderSpec renderSpec(JobSpec spec) {
        var output = spec.output();
        double transitions = profiles.find(spec.input().sportsCategory()).map(SportProfile::transitionSeconds)
                .orElse(0.0);
        return new RenderSpec(output.width(), output.height(), render.fit(), render.x264Preset(), render.crf(),
                render.look(transitions), render.mix());
    }

    /**
     * Whether a job message that claimed nothing belongs to a job that has ended (then its callback is queued
     * again, in case the attempt that ended it died before queueing it; sending skips callbacks already
     * delivered) rather than to an unknown job.
     */
    public boolean ended(String jobId) {
        return jobs.find(jobId).map(job -> job.status().isTerminal()).orElse(false);
    }
}
