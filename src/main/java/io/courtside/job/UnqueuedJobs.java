package io.courtside.job;

import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/** Finds accepted jobs that never reached the job queue, so the requeue route can queue them again. */
@Component
public class UnqueuedJobs {

    private final JobStore jobs;
    private final Duration grace;

    public UnqueuedJobs(JobStore jobs, WorkerProperties workerProperties) {
        this.jobs = jobs;
        this.grace = workerProperties.requeueAfter();
    }

    public List<String> find() {
        return jobs.findUnqueued(JobStore.now().minus(grace));
    }
}
