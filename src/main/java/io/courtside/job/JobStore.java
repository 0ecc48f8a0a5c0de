package io.courtside.job;

import io.courtside.kernel.JobCanceledException;
import io.courtside.kernel.JobStatus;
import io.courtside.notify.CallbackAttempts;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Job state in SQL (H2 or PostgreSQL). Every transition is one conditional UPDATE, safe across workers. */
@Repository
public class JobStore implements CallbackAttempts {

    private final JdbcClient db;
    // For JDBC batches (JdbcClient has none): a group of submits' rows in one prepared statement.
    private final JdbcOperations batches;

    @Autowired
    public JobStore(JdbcClient db, JdbcTemplate batches) {
        this.db = db;
        this.batches = batches;
    }

    /**
     * A JobId in ICE's form, 32 lower-case hex digits: the creation time in milliseconds (12 digits) then 80 random
     * bits (20 digits). Time first, so a group of new jobs lands at the end of the job_id index, in a few pages,
     * instead of on a random page each (random ids made the index's page writes a large share of an insert's CPU).
     */
    public static String newId() {
        long millis = System.currentTimeMillis() & 0xFFFF_FFFF_FFFFL;
        long high = ID_RANDOM.nextLong();
        int low = ID_RANDOM.nextInt() & 0xFFFF;
        char[] id = new char[32];
        hex(millis, id, 0, 12);
        hex(high, id, 12, 16);
        hex(low, id, 28, 4);
        return new String(id);
    }

    private static final SecureRandom ID_RANDOM = new SecureRandom();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The low {@code digits} hex digits of {@code value}, most significant first, into {@code to} at {@code at}. */
    private static void hex(long value, char[] to, int at, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            to[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }

    /** A new job as the API accepted it: its id, and whether this call created it (false: the ClientToken's). */
    public record Accepted(String jobId, boolean created) {
    }

    /**
     * Inserts a job owned by {@code callerId}; with a ClientToken already used by this caller, returns that job
     * instead. The unique constraint decides, so concurrent duplicates cannot both insert.
     */
    public Accepted insert(String callerId, String clientToken, String inputConfig, String outputConfig,
                           String userData) {
        String jobId = newId();
        OffsetDateTime now = now();
        try {
            insertRow(jobId, now, callerId, clientToken, inputConfig, outputConfig, userData);
            return new Accepted(jobId, true);
        } catch (DuplicateKeyException e) {
            if (clientToken == null) {
                throw e;
            }
            String existing = db.sql("SELECT job_id FROM highlight_job WHERE caller_id = ? AND client_token = ?")
                    .params(callerId, clientToken).query(String.class).single();
            return new Accepted(existing, false);
        }
    }

    /**
     * As {@link #insert}, but only while fewer than {@code maxWaiting} jobs wait (status Init); empty when that many
     * already do. A retry of a ClientToken this caller already used answers its job even then. The count and the
     * insert hold the lock on the one row of {@code job_admission}, so concurrent submits (on any API process
     * sharing the database) are counted one after another and never all pass on the same count.
     */
    @Transactional
    public Optional<Accepted> insertWithin(int maxWaiting, String callerId, String clientToken, String inputConfig,
                                           String outputConfig, String userData) {
        db.sql("SELECT id FROM job_admission WHERE id = 1 FOR UPDATE").query(Integer.class).list();
        if (clientToken != null) {
            Optional<String> existing = findByClientToken(callerId, clientToken);
            if (existing.isPresent()) {
                return Optional.of(new Accepted(existing.get(), false));
            }
        }
        if (countWaiting() >= maxWaiting) {
            return Optional.empty();
        }
        String jobId = newId();
        insertRow(jobId, now(), callerId, clientToken, inputConfig, outputConfig, userData);
        return Optional.of(new Accepted(jobId, true));
    }

    /** A job to insert, as submit accepted it from its caller. */
    public record NewJob(String callerId, String clientToken, String inputConfig, String outputConfig,
                         String userData) {
    }

    /**
     * Inserts every job in one transaction (one commit for a group of concurrent submits), as group {@code groupId}
     * in doubt: the jobs count as queued unless the group is still in doubt after the requeue delay
     * ({@link #findUnqueued}); the caller clears it ({@link #clearInDoubt}) once their messages are on the queue. All
     * or nothing: when one fails (a ClientToken its caller already used throws DuplicateKeyException), none is
     * inserted.
     */
    @Transactional
    public List<Accepted> insertAll(String groupId, List<NewJob> jobs) {
        OffsetDateTime now = now();
        List<Accepted> accepted = new ArrayList<>(jobs.size());
        List<Object[]> rows = new ArrayList<>(jobs.size());
        for (NewJob job : jobs) {
            String jobId = newId();
            rows.add(row(jobId, now, job));
            accepted.add(new Accepted(jobId, true));
        }
        insertInDoubt(groupId, now, rows);
        return accepted;
    }

    /**
     * {@link #insertWithin} for a group of jobs in one transaction, under one lock and one count, in doubt as in
     * {@link #insertAll(String, List)}: each job's
     * outcome in order, empty for a job beyond the bound. A ClientToken repeated within the group makes one job:
     * the later submits answer the first one's JobId.
     */
    @Transactional
    public List<Optional<Accepted>> insertAllWithin(int maxWaiting, String groupId, List<NewJob> jobs) {
        db.sql("SELECT id FROM job_admission WHERE id = 1 FOR UPDATE").query(Integer.class).list();
        long waiting = countWaiting();
        OffsetDateTime now = now();
        List<Optional<Accepted>> outcomes = new ArrayList<>(jobs.size());
        List<Object[]> rows = new ArrayList<>(jobs.size());
        // The group's own rows are inserted together at the end, so a token's first job is looked up here.
        Map<List<String>, String> tokensInGroup = new HashMap<>();
        for (NewJob job : jobs) {
            List<String> token = job.clientToken() == null ? null : List.of(job.callerId(), job.clientToken());
            Optional<String> existing = token == null ? Optional.empty()
                    : Optional.ofNullable(tokensInGroup.get(token))
                            .or(() -> findByClientToken(job.callerId(), job.clientToken()));
            if (existing.isPresent()) {
                outcomes.add(Optional.of(new Accepted(existing.get(), false)));
            } else if (waiting >= maxWaiting) {
                outcomes.add(Optional.empty());
            } else {
                String jobId = newId();
                rows.add(row(jobId, now, job));
                if (token != null) {
                    tokensInGroup.put(token, jobId);
                }
                waiting++;
                outcomes.add(Optional.of(new Accepted(jobId, true)));
            }
        }
        insertInDoubt(groupId, now, rows);
        return outcomes;
    }

    private static final String INSERT_JOB = """
            INSERT INTO highlight_job (job_id, caller_id, owner_key, client_token, status, stage, progress,
                input_config, output_config, user_data, create_time, modified_time)
            VALUES (?, ?, ?, ?, 'Init', 'Queued', 0, ?, ?, ?, ?, ?)""";
    // A group's jobs are inserted marked queued: the group's one in-doubt row stands for them until it is cleared.
    private static final String INSERT_QUEUED_JOB = """
            INSERT INTO highlight_job (job_id, caller_id, owner_key, client_token, status, stage, progress,
                input_config, output_config, user_data, create_time, modified_time, queued_time)
            VALUES (?, ?, ?, ?, 'Init', 'Queued', 0, ?, ?, ?, ?, ?, ?)""";

    /** The group's rows, marked queued, and its in-doubt row (none when no job was created). */
    private void insertInDoubt(String groupId, OffsetDateTime now, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> queued = new ArrayList<>(rows.size());
        StringBuilder jobIds = new StringBuilder(rows.size() * 33);
        for (Object[] row : rows) {
            Object[] withQueuedTime = Arrays.copyOf(row, row.length + 1);
            withQueuedTime[row.length] = now;
            queued.add(withQueuedTime);
            jobIds.append(jobIds.isEmpty() ? "" : ",").append(row[0]);
        }
        insertRows(INSERT_QUEUED_JOB, queued);
        db.sql("INSERT INTO submit_group_in_doubt (group_id, job_ids, create_time) VALUES (?, ?, ?)")
                .params(groupId, jobIds.toString(), now).update();
    }

    /** Groups whose job messages are on the queue: their jobs stay marked queued. Many groups, one transaction. */
    @Transactional
    public void clearInDoubt(List<String> groupIds) {
        for (int from = 0; from < groupIds.size(); from += MARK_CHUNK) {
            List<String> chunk = groupIds.subList(from, Math.min(groupIds.size(), from + MARK_CHUNK));
            db.sql("DELETE FROM submit_group_in_doubt WHERE group_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)")
                    .params(new ArrayList<Object>(chunk)).update();
        }
    }

    /** Removes a group whose job messages could not be queued, and its jobs, when the callers were told so. */
    @Transactional
    public void discardInDoubt(String groupId, List<String> jobIds) {
        for (int from = 0; from < jobIds.size(); from += MARK_CHUNK) {
            List<String> chunk = jobIds.subList(from, Math.min(jobIds.size(), from + MARK_CHUNK));
            db.sql("DELETE FROM highlight_job WHERE status = 'Init' AND job_id IN (" + "?, ".repeat(chunk.size() - 1)
                    + "?)").params(new ArrayList<Object>(chunk)).update();
        }
        db.sql("DELETE FROM submit_group_in_doubt WHERE group_id = ?").param(groupId).update();
    }

    // The caller is the job's owner: owner_key is what reads, lists and cancels are checked against.
    private static Object[] row(String jobId, OffsetDateTime now, NewJob job) {
        return new Object[] {jobId, job.callerId(), job.callerId(), job.clientToken(), job.inputConfig(),
                job.outputConfig(), job.userData(), now, now};
    }

    /**
     * The rows as one JDBC batch: one prepared statement for the group instead of one per job (on PostgreSQL also
     * one round trip). A failing row (a ClientToken already used) throws, and the transaction takes the batch back.
     */
    private void insertRows(String insert, List<Object[]> rows) {
        if (rows.size() == 1) {
            db.sql(insert).params(rows.get(0)).update();
        } else if (!rows.isEmpty()) {
            batches.batchUpdate(insert, rows);
        }
    }

    private void insertRow(String jobId, OffsetDateTime now, String callerId, String clientToken, String inputConfig,
                           String outputConfig, String userData) {
        db.sql(INSERT_JOB).params(row(jobId, now, new NewJob(callerId, clientToken, inputConfig, outputConfig,
                userData))).update();
    }

    /** The job this caller already submitted with this ClientToken, if any. */
    public Optional<String> findByClientToken(String callerId, String clientToken) {
        return db.sql("SELECT job_id FROM highlight_job WHERE caller_id = ? AND client_token = ?")
                .params(callerId, clientToken).query(String.class).optional();
    }

    public void markQueued(String jobId) {
        db.sql("UPDATE highlight_job SET queued_time = ? WHERE job_id = ? AND queued_time IS NULL")
                .params(now(), jobId).update();
    }

    /** {@link #markQueued} for many jobs, in one database transaction (a statement per 100 jobs). */
    @Transactional
    public void markAllQueued(List<String> jobIds) {
        OffsetDateTime now = now();
        for (int from = 0; from < jobIds.size(); from += MARK_CHUNK) {
            List<String> chunk = jobIds.subList(from, Math.min(jobIds.size(), from + MARK_CHUNK));
            List<Object> params = new ArrayList<>(chunk.size() + 1);
            params.add(now);
            params.addAll(chunk);
            db.sql("UPDATE highlight_job SET queued_time = ? WHERE queued_time IS NULL AND job_id IN ("
                    + "?, ".repeat(chunk.size() - 1) + "?)").params(params).update();
        }
    }

    private static final int MARK_CHUNK = 100;

    /**
     * Jobs accepted but never queued (the process died in between), older than {@code olderThan}. The jobs of a
     * group still in doubt since before {@code olderThan} (its process died between the database and the broker
     * commit, or could not clear it) are first unmarked, in one transaction with the group's removal, so they are
     * among them until queued again.
     */
    @Transactional
    public List<String> findUnqueued(OffsetDateTime olderThan) {
        List<String> doubtful = db.sql("SELECT group_id FROM submit_group_in_doubt WHERE create_time < ?")
                .params(olderThan).query(String.class).list();
        for (String groupId : doubtful) {
            String jobIds = db.sql("SELECT job_ids FROM submit_group_in_doubt WHERE group_id = ?").param(groupId)
                    .query(String.class).single();
            List<String> ids = List.of(jobIds.split(","));
            for (int from = 0; from < ids.size(); from += MARK_CHUNK) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MARK_CHUNK));
                db.sql("UPDATE highlight_job SET queued_time = NULL WHERE status = 'Init' AND job_id IN ("
                        + "?, ".repeat(chunk.size() - 1) + "?)").params(new ArrayList<Object>(chunk)).update();
            }
            db.sql("DELETE FROM submit_group_in_doubt WHERE group_id = ?").param(groupId).update();
        }
        return db.sql("""
                SELECT job_id FROM highlight_job
                WHERE queued_time IS NULL AND status = 'Init' AND create_time < ? ORDER BY create_time""")
                .params(olderThan).query(String.class).list();
    }

    /** Removes a job that was never queued, when queueing it failed and the caller was told so. */
    public void discardUnqueued(String jobId) {
        db.sql("DELETE FROM highlight_job WHERE job_id = ? AND queued_time IS NULL AND status = 'Init'")
                .params(jobId).update();
    }

    /**
     * Claims a job for processing until {@code leaseUntil}, for {@code owner} (one process); empty when it is
     * unknown, already ended, or held by another attempt whose lease has not run out. One conditional UPDATE:
     * two deliveries at once cannot both claim. A lease held by an earlier process of the same worker id (it was
     * restarted: its attempt is dead) does not block.
     */
    @Transactional
    public Optional<JobRecord> claim(String jobId, String workerId, String owner, OffsetDateTime leaseUntil) {
        OffsetDateTime now = now();
        int updated = db.sql("""
                UPDATE highlight_job SET status = 'Processing', stage = 'Starting', progress = 0,
                    attempts = attempts + 1, modified_time = ?, worker_id = ?, lease_owner = ?, lease_until = ?
                WHERE job_id = ? AND status IN ('Init', 'Processing')
                    AND (lease_until IS NULL OR lease_until <= ? OR (worker_id = ? AND lease_owner <> ?))""")
                .params(now, workerId, owner, leaseUntil, jobId, now, workerId, owner).update();
        if (updated == 0) {
            return Optional.empty();
        }
        db.sql("DELETE FROM highlight_job_stage WHERE job_id = ?").param(jobId).update();
        return find(jobId);
    }

    /** Extends the lease of this owner's attempt; false when it no longer holds the job (ended, or taken). */
    public boolean renewLease(String jobId, int attempt, String owner, OffsetDateTime leaseUntil) {
        return db.sql("""
                UPDATE highlight_job SET lease_until = ?
                WHERE job_id = ? AND attempts = ? AND lease_owner = ? AND status = 'Processing'""")
                .params(leaseUntil, jobId, attempt, owner).update() > 0;
    }

    /** Gives up this owner's attempt's lease at once (the attempt is over), so another delivery may claim. */
    public void releaseLease(String jobId, int attempt, String owner) {
        db.sql("""
                UPDATE highlight_job SET lease_until = ?
                WHERE job_id = ? AND attempts = ? AND lease_owner = ? AND lease_until > ?""")
                .params(now(), jobId, attempt, owner, now()).update();
    }

    /** A Processing job whose lease ran out before {@code expiredBefore}: its id and attempts so far. */
    public record ExpiredLease(String jobId, int attempts) {
    }

    public List<ExpiredLease> findExpiredLeases(OffsetDateTime expiredBefore) {
        return db.sql("""
                SELECT job_id, attempts FROM highlight_job
                WHERE status = 'Processing' AND (lease_until < ? OR (lease_until IS NULL AND modified_time < ?))
                ORDER BY modified_time""")
                .params(expiredBefore, expiredBefore)
                .query((rs, n) -> new ExpiredLease(rs.getString("job_id"), rs.getInt("attempts"))).list();
    }

    /**
     * Puts a job whose lease ran out back to waiting (Init, not queued), if it still is as found: the caller then
     * queues it. False when something else moved it meanwhile (another sweeper, a claim, an end).
     */
    public boolean requeueExpired(ExpiredLease expired, OffsetDateTime expiredBefore) {
        return db.sql("""
                UPDATE highlight_job SET status = 'Init', stage = 'Queued', progress = 0, modified_time = ?,
                    queued_time = NULL, lease_until = NULL, lease_owner = NULL
                WHERE job_id = ? AND attempts = ? AND status = 'Processing'
                    AND (lease_until < ? OR (lease_until IS NULL AND modified_time < ?))""")
                .params(now(), expired.jobId(), expired.attempts(), expiredBefore, expiredBefore).update() > 0;
    }

    /** Ends a job whose lease ran out and whose attempts are used up as Failed, if it still is as found. */
    public boolean failExpired(ExpiredLease expired, OffsetDateTime expiredBefore, String code, String message) {
        OffsetDateTime now = now();
        boolean failed = db.sql("""
                UPDATE highlight_job SET status = 'Failed', modified_time = ?, complete_time = ?, error_code = ?,
                    error_message = ?, lease_until = NULL, lease_owner = NULL
                WHERE job_id = ? AND attempts = ? AND status = 'Processing'
                    AND (lease_until < ? OR (lease_until IS NULL AND modified_time < ?))""")
                .params(now, now, code, message, expired.jobId(), expired.attempts(), expiredBefore, expiredBefore)
                .update() > 0;
        if (failed) {
            closeOpenStage(expired.jobId(), now);
        }
        return failed;
    }

    /** A stage that ended: its name and the seconds spent in it this time. */
    public record StageTime(String stage, double seconds) {
    }

    /**
     * Moves a processing job into {@code stage}, closing the stage it was in. Returns the closed stage, if any.
     * Throws JobCanceledException when the job is no longer Processing: the caller was told to stop.
     */
    @Transactional
    public Optional<StageTime> enterStage(String jobId, String stage, int progress) {
        OffsetDateTime now = now();
        int updated = db.sql("""
                UPDATE highlight_job SET stage = ?, progress = ?, modified_time = ?
                WHERE job_id = ? AND status = 'Processing'""")
                .params(stage, progress, now, jobId).update();
        if (updated == 0) {
            throw new JobCanceledException(jobId);
        }
        Optional<StageTime> closed = closeOpenStage(jobId, now);
        if (closed.isPresent() && closed.get().stage().equals(stage)) {
            closed = Optional.empty();
        }
        int reopened = db.sql("UPDATE highlight_job_stage SET open_since = ? WHERE job_id = ? AND stage = ?")
                .params(now, jobId, stage).update();
        if (reopened == 0) {
            db.sql("INSERT INTO highlight_job_stage (job_id, stage, seconds, open_since) VALUES (?, ?, 0, ?)")
                    .params(jobId, stage, now).update();
        }
        return closed;
    }

    /** Moves a processing job's progress; throws JobCanceledException when it is no longer Processing. */
    public void progress(String jobId, int progress) {
        int updated = db.sql("UPDATE highlight_job SET progress = ?, modified_time = ? WHERE job_id = ? AND status = 'Processing'")
                .params(progress, now(), jobId).update();
        if (updated == 0) {
            throw new JobCanceledException(jobId);
        }
    }

    private Optional<StageTime> closeOpenStage(String jobId, OffsetDateTime now) {
        Optional<StageTime> open = db.sql("SELECT stage, open_since FROM highlight_job_stage WHERE job_id = ? AND open_since IS NOT NULL")
                .param(jobId)
                .query((rs, n) -> new StageTime(rs.getString("stage"), java.time.Duration.between(
                        rs.getObject("open_since", OffsetDateTime.class), now).toNanos() / 1e9))
                .optional();
        open.ifPresent(time -> db.sql("""
                UPDATE highlight_job_stage SET seconds = seconds + ?, open_since = NULL WHERE job_id = ? AND stage = ?""")
                .params(time.seconds(), jobId, time.stage()).update());
        return open;
    }

    /** What a caller's cancel did: the job's status before it, and whether the cancel changed it. */
    public record CancelOutcome(JobStatus before, boolean canceled) {
    }

    /** Cancels a job that has not ended yet; empty when there is no such job. */
    public Optional<CancelOutcome> cancel(String jobId) {
        return cancel(jobId, Optional.empty());
    }

    /**
     * Cancels a job of {@code owner} (every job when empty) that has not ended yet; empty when there is no such
     * job or it is another owner's: the two cannot be told apart.
     */
    public Optional<CancelOutcome> cancel(String jobId, Optional<String> owner) {
        while (true) {
            Optional<JobStatus> status = db.sql("SELECT status FROM highlight_job WHERE job_id = ?"
                            + (owner.isPresent() ? " AND owner_key = ?" : ""))
                    .params(owner.isPresent() ? List.of(jobId, owner.get()) : List.of(jobId))
                    .query(String.class).optional().map(JobStatus::valueOf);
            if (status.isEmpty() || status.get().isTerminal()) {
                return status.map(s -> new CancelOutcome(s, false));
            }
            OffsetDateTime now = now();
            int updated = db.sql("""
                    UPDATE highlight_job SET status = 'Canceled', modified_time = ?, complete_time = ?,
                        error_code = 'Canceled', error_message = 'The job was canceled by the caller.'
                    WHERE job_id = ? AND status = ?""")
                    .params(now, now, jobId, status.get().name()).update();
            if (updated > 0) {
                closeOpenStage(jobId, now);
                return Optional.of(new CancelOutcome(status.get(), true));
            }
            // It moved on between the read and the update (e.g. Init to Processing): look again.
        }
    }

    /** Jobs accepted and not yet started (status Init). */
    public long countWaiting() {
        return db.sql("SELECT COUNT(*) FROM highlight_job WHERE status = 'Init'").query(Long.class).single();
    }

    public Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new java.util.EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        db.sql("SELECT status, COUNT(*) AS n FROM highlight_job GROUP BY status")
                .query((rs, n) -> counts.put(JobStatus.valueOf(rs.getString("status")), rs.getLong("n"))).list();
        return counts;
    }

    public void recordSubJob(String jobId, int index, String mediaUrl, double duration) {
        recordSubJob(jobId, index, mediaUrl, duration, null);
    }

    /** A delivered output; {@code captionsUrl} is its WebVTT file's URL, or null when it has no captions. */
    public void recordSubJob(String jobId, int index, String mediaUrl, double duration, String captionsUrl) {
        int updated = db.sql("""
                UPDATE highlight_sub_job SET media_url = ?, duration = ?, captions_url = ?, status = 'Success'
                WHERE job_id = ? AND output_index = ?""")
                .params(mediaUrl, duration, captionsUrl, jobId, index).update();
        if (updated == 0) {
            db.sql("""
                    INSERT INTO highlight_sub_job (job_id, output_index, sub_job_id, media_url, duration,
                        captions_url, status)
                    VALUES (?, ?, ?, ?, ?, ?, 'Success')""")
                    .params(jobId, index, newId(), mediaUrl, duration, captionsUrl).update();
        }
    }

    @Transactional
    public Optional<StageTime> finish(String jobId) {
        OffsetDateTime now = now();
        Optional<StageTime> closed = closeOpenStage(jobId, now);
        db.sql("""
                UPDATE highlight_job SET status = 'Finished', stage = 'Done', progress = 100, modified_time = ?,
                    complete_time = ?, error_code = NULL, error_message = NULL
                WHERE job_id = ? AND status = 'Processing'""")
                .params(now, now, jobId).update();
        return closed;
    }

    /** Ends a job as Failed with the code and message the caller will see; false when it had already ended. */
    public boolean fail(String jobId, String code, String message) {
        OffsetDateTime now = now();
        String trimmed = message == null ? null : message.substring(0, Math.min(message.length(), 1024));
        return db.sql("""
                UPDATE highlight_job SET status = 'Failed', modified_time = ?, complete_time = ?,
                    error_code = ?, error_message = ?
                WHERE job_id = ? AND status IN ('Init', 'Processing')""")
                .params(now, now, code, trimmed, jobId).update() > 0;
    }

    public Optional<JobRecord> find(String jobId) {
        return find(jobId, Optional.empty());
    }

    /** The job if {@code owner} owns it (any job when empty); another owner's job is not found, like none. */
    public Optional<JobRecord> find(String jobId, Optional<String> owner) {
        Optional<JobRecord> job = db.sql("SELECT * FROM highlight_job WHERE job_id = ?"
                        + (owner.isPresent() ? " AND owner_key = ?" : ""))
                .params(owner.isPresent() ? List.of(jobId, owner.get()) : List.of(jobId))
                .query(this::job).optional();
        return job.map(j -> withSubJobs(j, subJobs(jobId), stageSeconds(jobId), callbackAttempts(jobId)));
    }

    /** One page of jobs, newest first, after the (createTime, jobId) cursor when given. */
    public List<JobRecord> list(JobStatus status, OffsetDateTime from, OffsetDateTime to,
                                OffsetDateTime afterCreateTime, String afterJobId, int limit) {
        return list(Optional.empty(), status, from, to, afterCreateTime, afterJobId, limit);
    }

    /** As {@link #list}, of {@code owner}'s jobs only (every job when empty). */
    public List<JobRecord> list(Optional<String> owner, JobStatus status, OffsetDateTime from, OffsetDateTime to,
                                OffsetDateTime afterCreateTime, String afterJobId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM highlight_job WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (owner.isPresent()) {
            sql.append(" AND owner_key = ?");
            params.add(owner.get());
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.name());
        }
        if (from != null) {
            sql.append(" AND create_time >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(" AND create_time <= ?");
            params.add(to);
        }
        if (afterCreateTime != null) {
            sql.append(" AND (create_time < ? OR (create_time = ? AND job_id < ?))");
            params.add(afterCreateTime);
            params.add(afterCreateTime);
            params.add(afterJobId);
        }
        sql.append(" ORDER BY create_time DESC, job_id DESC LIMIT ").append(limit);
        return db.sql(sql.toString()).params(params).query(this::job).list().stream()
                .map(j -> withSubJobs(j, subJobs(j.jobId()), stageSeconds(j.jobId()), List.of())).toList();
    }

    private List<JobRecord.SubJob> subJobs(String jobId) {
        return db.sql("SELECT * FROM highlight_sub_job WHERE job_id = ? ORDER BY output_index").params(jobId)
                .query((rs, n) -> new JobRecord.SubJob(rs.getInt("output_index"), rs.getString("sub_job_id"),
                        rs.getString("media_url"), (Double) rs.getObject("duration", Double.class),
                        rs.getString("status"), rs.getString("error_code"), rs.getString("error_message"),
                        rs.getString("captions_url")))
                .list();
    }

    public void saveTimeline(String jobId, String timelineJson) {
        db.sql("UPDATE highlight_job SET timeline = ? WHERE job_id = ?").params(timelineJson, jobId).update();
    }

    @Override
    public void recordCallbackAttempt(String jobId, String channel, String outcome, String detail) {
        String trimmed = detail == null ? null : detail.substring(0, Math.min(detail.length(), 512));
        db.sql("INSERT INTO callback_attempt (job_id, attempt_time, channel, outcome, detail) VALUES (?, ?, ?, ?, ?)")
                .params(jobId, now(), channel, outcome, trimmed).update();
    }

    /** Whether a callback of this job has been delivered (to its URL or its queue). */
    public boolean callbackDelivered(String jobId) {
        return db.sql("SELECT COUNT(*) FROM callback_attempt WHERE job_id = ? AND outcome = 'delivered'").param(jobId)
                .query(Long.class).single() > 0;
    }

    private List<JobRecord.CallbackAttempt> callbackAttempts(String jobId) {
        return db.sql("SELECT * FROM callback_attempt WHERE job_id = ? ORDER BY attempt_time").param(jobId)
                .query((rs, n) -> new JobRecord.CallbackAttempt(time(rs, "attempt_time"), rs.getString("channel"),
                        rs.getString("outcome"), rs.getString("detail"))).list();
    }

    private Map<String, Double> stageSeconds(String jobId) {
        Map<String, Double> seconds = new java.util.LinkedHashMap<>();
        db.sql("SELECT stage, seconds FROM highlight_job_stage WHERE job_id = ? AND open_since IS NULL ORDER BY stage")
                .param(jobId).query((rs, n) -> seconds.put(rs.getString("stage"), rs.getDouble("seconds"))).list();
        return seconds;
    }

    private JobRecord job(ResultSet rs, int row) throws SQLException {
        return new JobRecord(rs.getString("job_id"), rs.getString("caller_id"), rs.getString("client_token"),
                JobStatus.valueOf(rs.getString("status")), rs.getString("stage"), rs.getInt("progress"),
                rs.getString("input_config"), rs.getString("output_config"), rs.getString("user_data"),
                rs.getString("error_code"), rs.getString("error_message"), rs.getInt("attempts"),
                rs.getString("worker_id"), time(rs, "create_time"), time(rs, "modified_time"), time(rs, "complete_time"), List.of(), Map.of(), rs.getString("timeline"),
                List.of());
    }

    private static JobRecord withSubJobs(JobRecord j, List<JobRecord.SubJob> subJobs, Map<String, Double> stages,
                                         List<JobRecord.CallbackAttempt> attempts) {
        return new JobRecord(j.jobId(), j.callerId(), j.clientToken(), j.status(), j.stage(), j.progress(),
                j.inputConfig(), j.outputConfig(), j.userData(), j.errorCode(), j.errorMessage(), j.attempts(),
                j.workerId(), j.createTime(), j.modifiedTime(), j.completeTime(), subJobs, stages, j.timeline(), attempts);
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    static OffsetDateTime now() {
        // Millisecond precision: what both H2 and PostgreSQL store exactly, so paging cursors compare equal.
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
