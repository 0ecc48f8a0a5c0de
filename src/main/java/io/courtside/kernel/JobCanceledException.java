package io.courtside.kernel;

/** Thrown into a running job's stage when the job was canceled; the job then ends Canceled. */
public class JobCanceledException extends RuntimeException {
    public JobCanceledException(String jobId) {
        super("Job " + jobId + " was canceled");
    }
}
