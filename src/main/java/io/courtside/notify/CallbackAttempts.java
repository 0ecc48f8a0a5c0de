package io.courtside.notify;

/**
 * Where each try at delivering a job's callback is written down (the job store keeps them with the job), so that
 * notify, a stage, needs nothing of the job coordination above it.
 */
public interface CallbackAttempts {

    /** One try by {@code channel} (http or queue) that ended {@code outcome} (delivered, refused, unreachable). */
    void recordCallbackAttempt(String jobId, String channel, String outcome, String detail);
}
