package io.courtside.api;

import io.courtside.broker.QueueProperties;
import io.courtside.job.JobStore;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes accepted submits durable in groups: the submits that arrive while a group commits wait for the next one,
 * which inserts all their jobs in one database transaction (marked queued, with one row that holds the group in
 * doubt), sends all their job messages (persistent) in one broker transaction, and answers them; the group's doubt is
 * cleared later, many groups together ({@link #settle}). A group left in doubt (the process died between the two
 * commits) has its jobs queued again by the requeue timer. A submit is answered only after its group's broker
 * commit, so an answered JobId is in the database and on the job queue; when the broker commit fails, none of the
 * group's jobs was queued: their rows are removed and every one of those submits is refused. Under load this costs
 * one database commit and one journal sync for many submits instead of two commits and a sync for each.
 * A group whose insert fails (a ClientToken its caller already used) is inserted again job by job, so one submit's
 * failure neither refuses nor wrongly accepts the others; those jobs are inserted unmarked and marked queued later.
 */
@Component
@EnableConfigurationProperties(GroupCommitProperties.class)
public class SubmitGroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubmitGroupCommit.class);
    // How soon an idle committer notices the service is stopping (a group being committed is finished first).
    private static final long STOP_CHECK_MILLIS = 200;
    // A group in commit when the service stops gets this long to finish, so its submits are answered.
    private static final long STOP_JOIN_MILLIS = 10_000;
    // Answered groups are settled together (their doubt cleared, jobs inserted one by one marked queued): when no
    // submit came for this long, when this many wait, or at least this often under a steady load.
    private static final long MARK_WHEN_IDLE_MILLIS = 20;
    private static final int MARK_BATCH = 1_000;
    private static final long MARK_AT_LEAST_EVERY_MILLIS = 1_000;

    /** Committed groups not yet settled: in-doubt groups to clear, and jobs inserted one by one to mark queued. */
    private static final class Unsettled {
        final List<String> groups = new ArrayList<>();
        final List<String> jobs = new ArrayList<>();

        int size() {
            return groups.size() + jobs.size();
        }
    }

    /** One submit waiting for its group: empty when the queued-jobs bound refused it. */
    private record Waiting(JobStore.NewJob job, CompletableFuture<Optional<JobStore.Accepted>> outcome,
                           long queuedNanos) {
    }

    private final JobStore jobs;
    private final JmsTemplate transacted;
    private final String jobQueue;
    private final int maxQueuedJobs;
    private final int maxJobs;
    private final BlockingQueue<Waiting> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    // Submits per committed group: its count is the number of commits (/actuator/prometheus).
    private final DistributionSummary groupSizes;
    // Where a submit's time goes (/actuator/prometheus; bench/api-load-bench.sh prints their percentiles): waiting
    // for a committer to take it into a group, the group's database insert, the group's broker commit (journal sync).
    private final Timer waitForGroup;
    private final Timer groupInsert;
    private final Timer groupEnqueue;
    private volatile boolean stopping;

    public SubmitGroupCommit(JobStore jobs, ConnectionFactory connections, QueueProperties queues,
                             io.courtside.job.SubmitLimits limits, GroupCommitProperties properties,
                             MeterRegistry meters) {
        this.jobs = jobs;
        this.transacted = new JmsTemplate(connections);
        this.transacted.setSessionTransacted(true);
        this.jobQueue = queues.jobs();
        this.maxQueuedJobs = limits.maxQueuedJobs();
        this.maxJobs = properties.maxJobs();
        this.groupSizes = DistributionSummary.builder("courtside.api.submit.group.size")
                .description("Submits made durable together in one group commit").register(meters);
        this.waitForGroup = Timer.builder("courtside.api.submit.group.wait")
                .description("From a submit's arrival at the group commit until a committer takes it into a group")
                .register(meters);
        this.groupInsert = Timer.builder("courtside.api.submit.group.insert")
                .description("One group's database insert transaction").register(meters);
        this.groupEnqueue = Timer.builder("courtside.api.submit.group.enqueue")
                .description("One group's broker transaction of its persistent job messages").register(meters);
        for (int i = 0; i < properties.committers(); i++) {
            Thread committer = new Thread(this::commitGroups, "submit-group-commit-" + i);
            committer.setDaemon(true);
            committers.add(committer);
            committer.start();
        }
    }

    /**
     * Inserts and queues the job with the next group; returns once both are committed. The job already accepted
     * for the caller's ClientToken when there is one (created false); empty when max-queued-jobs jobs wait already.
     */
    public Optional<JobStore.Accepted> accept(JobStore.NewJob job) {
        if (stopping) {
            throw new IllegalStateException("the service is stopping");
        }
        Waiting submit = new Waiting(job, new CompletableFuture<>(), System.nanoTime());
        waiting.add(submit);
        try {
            return submit.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the job was being committed", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void commitGroups() {
        List<Waiting> group = new ArrayList<>(maxJobs);
        // Queued groups and jobs not yet settled, and since when the oldest waits (System.nanoTime).
        Unsettled unsettled = new Unsettled();
        long unsettledSince = 0;
        while (!stopping) {
            try {
                Waiting first = waiting.poll(unsettled.size() == 0 ? STOP_CHECK_MILLIS : MARK_WHEN_IDLE_MILLIS,
                        TimeUnit.MILLISECONDS);
                if (first == null) {
                    settle(unsettled);
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(group, maxJobs - 1);
            long taken = System.nanoTime();
            for (Waiting submit : group) {
                waitForGroup.record(taken - submit.queuedNanos(), TimeUnit.NANOSECONDS);
            }
            try {
                if (unsettled.size() == 0) {
                    unsettledSince = System.nanoTime();
                }
                commit(group, unsettled);
                groupSizes.record(group.size());
            } catch (RuntimeException | Error e) {
                // Whatever was not answered yet is refused, never left waiting.
                group.forEach(w -> w.outcome().completeExceptionally(e));
                log.error("Committing a group of {} submits failed", group.size(), e);
            }
            group.clear();
            long unsettledMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unsettledSince);
            if (unsettled.size() >= MARK_BATCH || unsettledMillis >= MARK_AT_LEAST_EVERY_MILLIS) {
                settle(unsettled);
            }
        }
        settle(unsettled);
        refuseWaiting();
    }

    /**
     * Clears answered groups' doubt and marks answered jobs that were inserted one by one queued, many groups' in one
     * transaction each. Either only keeps the requeue timer (courtside.worker.requeue-after, 60 s) from queueing them
     * again, so neither the answers nor the next group wait for it; a process that dies first leaves them to be queued
     * a second time, and a job's claim lets only one delivery run it. One mark per group cost more database CPU than
     * the group's insert (JFR at 250 submits/s); a mark of every job, batched, still 7 % of the service's CPU at 300
     * HTTP submits/s, where clearing one narrow row per group does not rewrite the jobs' rows and indexes.
     */
    private void settle(Unsettled unsettled) {
        if (!unsettled.groups.isEmpty()) {
            try {
                jobs.clearInDoubt(unsettled.groups);
            } catch (RuntimeException e) {
                log.warn("{} queued groups could not be cleared: {}", unsettled.groups.size(), e.toString());
            }
            unsettled.groups.clear();
        }
        if (!unsettled.jobs.isEmpty()) {
            try {
                jobs.markAllQueued(unsettled.jobs);
            } catch (RuntimeException e) {
                log.warn("{} queued jobs could not be marked queued: {}", unsettled.jobs.size(), e.toString());
            }
            unsettled.jobs.clear();
        }
    }

    private void commit(List<Waiting> group, Unsettled unsettled) {
        String groupId = JobStore.newId();
        long start = System.nanoTime();
        Inserted inserted = insert(groupId, group);
        groupInsert.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        List<Optional<JobStore.Accepted>> outcomes = inserted.outcomes();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (outcomes.get(i) != null && outcomes.get(i).map(JobStore.Accepted::created).orElse(false)) {
                created.add(outcomes.get(i).get().jobId());
            }
        }
        if (!created.isEmpty()) {
            try {
                long sending = System.nanoTime();
                send(created);
                groupEnqueue.record(System.nanoTime() - sending, TimeUnit.NANOSECONDS);
            } catch (RuntimeException notQueued) {
                // Not queued, so not accepted: forget them, so a retry with the same ClientToken starts afresh.
                discard(inserted.inDoubt() ? groupId : null, created);
                for (int i = 0; i < group.size(); i++) {
                    if (outcomes.get(i) != null && created.contains(outcomes.get(i).map(JobStore.Accepted::jobId)
                            .orElse(null))) {
                        group.get(i).outcome().completeExceptionally(notQueued);
                        outcomes.set(i, null);
                    }
                }
                answer(group, outcomes);
                return;
            }
            // In the database and on the queue: accepted, so answered now; settled later (settle).
            if (inserted.inDoubt()) {
                unsettled.groups.add(groupId);
            } else {
                unsettled.jobs.addAll(created);
            }
        }
        answer(group, outcomes);
    }

    private void discard(String inDoubtGroup, List<String> jobIds) {
        if (inDoubtGroup != null) {
            try {
                jobs.discardInDoubt(inDoubtGroup, jobIds);
            } catch (RuntimeException e) {
                log.warn("Jobs {} were not queued and could not be removed: {}", jobIds, e.toString());
            }
            return;
        }
        for (String jobId : jobIds) {
            try {
                jobs.discardUnqueued(jobId);
            } catch (RuntimeException e) {
                log.warn("Job {} was not queued and could not be removed: {}", jobId, e.toString());
            }
        }
    }

    /**
     * Each submit's outcome in order (null where that submit has already been refused); in doubt: inserted together
     * as group {@code groupId}, else one by one, unmarked.
     */
    private record Inserted(List<Optional<JobStore.Accepted>> outcomes, boolean inDoubt) {
    }

    private Inserted insert(String groupId, List<Waiting> group) {
        List<JobStore.NewJob> all = group.stream().map(Waiting::job).toList();
        try {
            if (maxQueuedJobs <= 0) {
                return new Inserted(new ArrayList<>(jobs.insertAll(groupId, all).stream().map(Optional::of).toList()),
                        true);
            }
            return new Inserted(new ArrayList<>(jobs.insertAllWithin(maxQueuedJobs, groupId, all)), true);
        } catch (DataAccessException groupFailed) {
            if (group.size() == 1) {
                group.get(0).outcome().completeExceptionally(groupFailed);
                List<Optional<JobStore.Accepted>> none = new ArrayList<>();
                none.add(null);
                return new Inserted(none, false);
            }
            // One at a time, each in its own transaction: only the submit at fault fails.
            List<Optional<JobStore.Accepted>> outcomes = new ArrayList<>();
            for (Waiting submit : group) {
                JobStore.NewJob job = submit.job();
                try {
                    outcomes.add(maxQueuedJobs <= 0
                            ? Optional.of(jobs.insert(job.callerId(), job.clientToken(), job.inputConfig(),
                                    job.outputConfig(), job.userData()))
                            : jobs.insertWithin(maxQueuedJobs, job.callerId(), job.clientToken(), job.inputConfig(),
                                    job.outputConfig(), job.userData()));
                } catch (RuntimeException e) {
                    submit.outcome().completeExceptionally(e);
                    outcomes.add(null);
                }
            }
            return new Inserted(outcomes, false);
        }
    }

    /** All the group's job messages, persistent, in one broker transaction: all are queued or none is. */
    private void send(List<String> jobIds) {
        transacted.execute(session -> {
            MessageProducer producer = session.createProducer(session.createQueue(jobQueue));
            try {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (String jobId : jobIds) {
                    producer.send(session.createTextMessage(jobId));
                }
                session.commit();
            } finally {
                producer.close();
            }
            return null;
        }, true);
    }

    private static void answer(List<Waiting> group, List<Optional<JobStore.Accepted>> outcomes) {
        for (int i = 0; i < group.size(); i++) {
            if (outcomes.get(i) != null) {
                group.get(i).outcome().complete(outcomes.get(i));
            }
        }
    }

    private void refuseWaiting() {
        List<Waiting> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(w -> w.outcome().completeExceptionally(new IllegalStateException("the service is stopping")));
    }

    @Override
    public void destroy() throws InterruptedException {
        stopping = true;
        for (Thread committer : committers) {
            committer.join(STOP_JOIN_MILLIS);
        }
        refuseWaiting();
    }
}
