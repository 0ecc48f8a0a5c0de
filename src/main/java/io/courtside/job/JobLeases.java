package io.courtside.job;

import io.courtside.kernel.JobRun;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The leases of job attempts. An attempt holds its job for {@code courtside.worker.lease}, renewed every
 * {@code lease-renew-interval} while it runs in this process; when the attempt is over (finished, failed, rolled
 * back) it lets go at once. A Processing job whose lease ran out more than {@code lease-sweep-grace} ago (its
 * worker died, or its failure could not be recorded and its message was dead-lettered) is swept: back onto the
 * job queue, or Failed when its attempts are used up.
 */
@Component
public class JobLeases {

    private static final Logger log = LoggerFactory.getLogger(JobLeases.class);

    /** What the sweeper did with one job whose lease ran out. */
    public record Swept(String jobId, boolean requeued) {
    }

    private final JobStore jobs;
    private final Duration lease;
    private final Duration grace;
    private final int maxAttempts;
    /** This process: a lease held under another token (an earlier process of this worker id) is dead. */
    private final String owner;
    /** Attempts running in this process, job id to attempt number: the ones whose leases are renewed. */
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    public JobLeases(JobStore jobs, @Value("${courtside.worker.lease:30s}") Duration lease,
                     @Value("${courtside.worker.lease-sweep-grace:30s}") Duration grace,
                     @Value("${courtside.worker.max-attempts:3}") int maxAttempts,
                     @Value("${courtside.worker.id:}") String workerId) {
        this.jobs = jobs;
        this.lease = lease;
        this.grace = grace;
        this.maxAttempts = maxAttempts;
        this.owner = (workerId == null || workerId.isBlank() ? "worker" : workerId) + "#" + JobStore.newId();
    }

    /** Claims the job for an attempt in this process; empty when unknown, ended, or held by a live attempt. */
    public java.util.Optional<JobRecord> claim(String jobId, String workerId) {
        java.util.Optional<JobRecord> job = jobs.claim(jobId, workerId, owner, JobStore.now().plus(lease));
        job.ifPresent(j -> held.put(jobId, j.attempts()));
        return job;
    }

    /** The attempt is over: stop renewing its lease and give it up (best effort: it runs out anyway). */
    public void release(String jobId, int attempt) {
        if (jobId == null || !held.remove(jobId, attempt)) {
            return;
        }
        try {
            jobs.releaseLease(jobId, attempt, owner);
        } catch (RuntimeException e) {
            log.warn("Could not give up the lease of job {} ({}); it runs out by itself", jobId, e.toString());
        }
    }

    /** Releases the attempt of a run; no-op for null (the delivery claimed nothing). */
    public void release(JobRun run) {
        if (run != null) {
            release(run.jobId(), run.attempt());
        }
    }

    /** Extends the leases of the attempts running here; forgets those that no longer hold their job. */
    public int renew() {
        OffsetDateTime until = JobStore.now().plus(lease);
        int renewed = 0;
        for (Map.Entry<String, Integer> attempt : List.copyOf(held.entrySet())) {
            if (jobs.renewLease(attempt.getKey(), attempt.getValue(), owner, until)) {
                renewed++;
            } else {
                held.remove(attempt.getKey(), attempt.getValue());
            }
        }
        return renewed;
    }

    /**
     * Jobs whose lease ran out: each is put back to waiting (the caller queues it) or, with its attempts used up,
     * ended Failed (the caller queues its callback). Safe with several sweepers: each change is conditional.
     */
    public List<Swept> sweep() {
        OffsetDateTime expiredBefore = JobStore.now().minus(grace);
        List<Swept> swept = new ArrayList<>();
        for (JobStore.ExpiredLease expired : jobs.findExpiredLeases(expiredBefore)) {
            if (expired.attempts() >= maxAttempts) {
                if (jobs.failExpired(expired, expiredBefore, JobStart.ATTEMPTS_EXCEEDED, "The job was started "
                        + expired.attempts() + " time(s) and no attempt finished or recorded its failure"
                        + " (courtside.worker.max-attempts). The source may crash or hang the decoder: re-encode it"
                        + " (H.264/AAC MP4) and submit again; if the database was unreachable, submit again.")) {
                    log.warn("Job {}: its lease ran out after {} attempt(s); ended Failed", expired.jobId(),
                            expired.attempts());
                    swept.add(new Swept(expired.jobId(), false));
                }
            } else if (jobs.requeueExpired(expired, expiredBefore)) {
                log.warn("Job {}: its lease ran out (attempt {} died or could not record its end); queued again",
                        expired.jobId(), expired.attempts());
                swept.add(new Swept(expired.jobId(), true));
            }
        }
        return swept;
    }
}
