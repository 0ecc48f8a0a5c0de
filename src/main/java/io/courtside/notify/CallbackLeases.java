package io.courtside.notify;

import java.time.Duration;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One send of a job's callback at a time, across consumers and workers: a lease row in the database, held for the
 * send's deadline and a margin, released when the send ends either way. A second callback message for the same job
 * (a job message delivered again queues one more) that arrives while the first is being sent is put off, not sent
 * beside it: after the first ends, it finds the callback delivered and stops, or sends it if the first failed.
 */
@Component
public class CallbackLeases {

    /** Another consumer is sending this job's callback now; the message is tried again later. */
    public static class CallbackBusyException extends Exception {
        public CallbackBusyException(String jobId) {
            super("Callback of job " + jobId + " is being sent by another consumer");
        }
    }

    private final JdbcClient db;
    private final long holdMillis;

    public CallbackLeases(JdbcClient db, CallbackProperties callbackProperties) {
        this.db = db;
        Duration deadline = callbackProperties.deadline() == null ? Duration.ofSeconds(10)
                : callbackProperties.deadline();
        this.holdMillis = deadline.toMillis() + 10_000; // the deadline, then recording the outcome and committing
    }

    /** Takes the job's lease and returns its holder token (null for an id no job has); throws when someone else holds it. */
    public String take(String jobId) throws CallbackBusyException {
        if (jobId == null || jobId.length() > 64) {
            return null; // no such job: nothing will be sent
        }
        String holder = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        int taken = db.sql("UPDATE callback_lease SET holder = ?, held_until = ? WHERE job_id = ? AND held_until < ?")
                .params(holder, now + holdMillis, jobId, now).update();
        if (taken == 0) {
            try {
                db.sql("INSERT INTO callback_lease (job_id, holder, held_until) VALUES (?, ?, ?)")
                        .params(jobId, holder, now + holdMillis).update();
            } catch (DuplicateKeyException e) {
                throw new CallbackBusyException(jobId);
            }
        }
        return holder;
    }

    /** Gives the lease back if {@code holder} still has it; a null holder (never taken) does nothing. */
    public void release(String jobId, String holder) {
        if (jobId != null && holder != null) {
            db.sql("DELETE FROM callback_lease WHERE job_id = ? AND holder = ?").params(jobId, holder).update();
        }
    }
}
