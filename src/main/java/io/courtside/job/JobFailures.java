package io.courtside.job;

import io.courtside.kernel.JobFailure;

import io.courtside.kernel.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Ends a job as Failed with the error code that explains why, whatever stage threw. Not while the service is
 * stopping: a job that fails then (its store, database or broker closing under it) is not at fault, so the
 * failure is thrown back, its broker transaction rolls back and another attempt takes the job.
 */
@Component
public class JobFailures implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(JobFailures.class);

    private final JobStore jobs;
    private volatile boolean stopping;

    public JobFailures(JobStore jobs) {
        this.jobs = jobs;
    }

    /** Records the failure; false when the job had already ended (then nobody is notified again). */
    public boolean record(String jobId, Exception failure) {
        if (stopping) {
            log.warn("Job interrupted by the service stopping ({}); it goes back to the queue", failure.toString());
            throw new IllegalStateException("The service is stopping: job " + jobId + " goes back to the queue",
                    failure);
        }
        JobFailure cause = describe(failure);
        boolean ended = jobs.fail(jobId, cause.code(), cause.getMessage());
        if (cause.code().equals(JobFailure.INTERNAL_ERROR)) {
            log.error("Job failed: {}", cause.getMessage(), failure);
        } else {
            log.warn("Job failed with {}: {}", cause.code(), cause.getMessage());
        }
        return ended;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext().getParent() == null) { // the application's own context
            stopping = true;
        }
    }

    static JobFailure describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JobFailure known) {
                return known;
            }
            if (t instanceof ApiException api) {
                return new JobFailure("InvalidParameter", api.getMessage());
            }
            if (t instanceof NoSuchKeyException || t instanceof NoSuchBucketException
                    || (t instanceof S3Exception s3 && s3.statusCode() == 404)) {
                return new JobFailure(JobFailure.MATERIAL_NOT_FOUND, "The input media does not exist in the object store.");
            }
            if (t instanceof SdkClientException unreachable) {
                return new JobFailure(JobFailure.STORAGE_ERROR, "The object store did not answer, also when tried "
                        + "again (courtside.storage.retries): " + unreachable.getMessage()
                        + ". Check that it is up and reachable, then submit the job again.");
            }
            if (t instanceof SdkException sdk) {
                return new JobFailure(JobFailure.STORAGE_ERROR, "The object store failed: " + sdk.getMessage());
            }
        }
        return new JobFailure(JobFailure.INTERNAL_ERROR, "The job failed inside the service: " + failure);
    }
}
