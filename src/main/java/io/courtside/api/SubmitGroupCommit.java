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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DataAccessException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes accepted submits durable in groups: the submits that arrive while a group commits wait for the next one,
 * which inserts all their jobs in one database transaction, sends all their job messages (persistent) in one broker
 * transaction, and answers them; they are marked queued later, many groups together ({@link #markQueued}). A submit
 * is answered only after its group's broker commit, so an answered JobId is in the database and on the job queue;
 * when the broker commit fails, none of the group's jobs was queued: their rows are removed and every one of those
 * submits is refused. Under load this costs one database commit and one journal sync for many submits instead of
 * two commits and a sync for each.
 * A group whose insert fails (a ClientToken its caller already used) is inserted again job by job, so one submit's
 * failure neither refuses nor wrongly accepts the others.
 */
@Component
@EnableConfigurationProperties(GroupCommitProperties.class)
public class SubmitGroupCommit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SubmitGroupCommit.class);
    // How soon an idle committer notices the service is stopping (a group being committed is finished first).
    private static final long STOP_CHECK_MILLIS = 200;
    // A group in commit when the service stops gets this long to finish, so its submits are answered.
    private static final long STOP_JOIN_MILLIS = 10_000;
    // Answered jobs are marked queued together: when no submit came for this long, when this many wait for their
    // mark, or at least this often under a steady load.
    private static final long MARK_WHEN_IDLE_MILLIS = 20;
    private static final int MARK_BATCH = 1_000;
    private static final long MARK_AT_LEAST_EVERY_MILLIS = 1_000;

    /** One submit waiting for its group: empty when the queued-jobs bound refused it. */
    private record Waiting(JobStore.NewJob job, CompletableFuture<Optional<JobStore.Accepted>> outcome) {
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
        Waiting submit = new Waiting(job, new CompletableFuture<>());
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
        // Queued jobs not yet marked queued, and since when the oldest waits (System.nanoTime).
        List<String> unmarked = new ArrayList<>();
        long unmarkedSince = 0;
        while (!stopping) {
            try {
                Waiting first = waiting.poll(unmarked.isEmpty() ? STOP_CHECK_MILLIS : MARK_WHEN_IDLE_MILLIS,
                        TimeUnit.MILLISECONDS);
                if (first == null) {
                    markQueued(unmarked);
                    continue;
                }
                group.add(first);
            } catch (InterruptedException e) {
                break;
            }
            waiting.drainTo(group, maxJobs - 1);
            try {
                if (unmarked.isEmpty()) {
                    unmarkedSince = System.nanoTime();
                }
                commit(group, unmarked);
                groupSizes.record(group.size());
            } catch (RuntimeException | Error e) {
                // Whatever was not answered yet is refused, never left waiting.
                group.forEach(w -> w.outcome().completeExceptionally(e));
                log.error("Committing a group of {} submits failed", group.size(), e);
            }
            group.clear();
            long unmarkedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - unmarkedSince);
            if (unmarked.size() >= MARK_BATCH || unmarkedMillis >= MARK_AT_LEAST_EVERY_MILLIS) {
                markQueued(unmarked);
            }
        }
        markQueued(unmarked);
        refuseWaiting();
    }

    /**
     * Marks answered jobs queued, many groups' in one transaction. The mark only keeps the requeue timer
     * (courtside.worker.requeue-after, 60 s) from queueing them again, so neither the answers nor the next group wait
     * for it; a process that dies first leaves them to be queued a second time, and a job's claim lets only one
     * delivery run it. One mark per group cost more database CPU than the group's insert (JFR at 250 submits/s).
     */
    private void markQueued(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return;
        }
        try {
            jobs.markAllQueued(jobIds);
        } catch (RuntimeException e) {
            log.warn("{} queued jobs could not be marked queued: {}", jobIds.size(), e.toString());
        }
        jobIds.clear();
    }

    private void commit(List<Waiting> group, List<String> unmarked) {
        List<Optional<JobStore.Accepted>> inserted = insert(group);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            if (inserted.get(i) != null && inserted.get(i).map(JobStore.Accepted::created).orElse(false)) {
                created.add(inserted.get(i).get().jobId());
            }
        }
        if (!created.isEmpty()) {
            try {
                send(created);
            } catch (RuntimeException notQueued) {
                // Not queued, so not accepted: forget them, so a retry with the same ClientToken starts afresh.
                for (String jobId : created) {
                    try {
                        jobs.discardUnqueued(jobId);
                    } catch (RuntimeException e) {
                        log.warn("Job {} was not queued and could not be removed: {}", jobId, e.toString());
                    }
                }
                for (int i = 0; i < group.size(); i++) {
                    if (inserted.get(i) != null && created.contains(inserted.get(i).map(JobStore.Accepted::jobId)
                            .orElse(null))) {
                        group.get(i).outcome().completeExceptionally(notQueued);
                        inserted.set(i, null);
                    }
                }
                answer(group, inserted);
                return;
            }
            // In the database and on the queue: accepted, so answered now; marked queued later (markQueued).
            unmarked.addAll(created);
        }
        answer(group, inserted);
    }

    /** Each submit's outcome in order; null where that submit has already been refused. */
    private List<Optional<JobStore.Accepted>> insert(List<Waiting> group) {
        List<JobStore.NewJob> all = group.stream().map(Waiting::job).toList();
        try {
            if (maxQueuedJobs <= 0) {
                return new ArrayList<>(jobs.insertAll(all).stream().map(Optional::of).toList());
            }
            return new ArrayList<>(jobs.insertAllWithin(maxQueuedJobs, all));
        } catch (DataAccessException groupFailed) {
            if (group.size() == 1) {
                group.get(0).outcome().completeExceptionally(groupFailed);
                List<Optional<JobStore.Accepted>> none = new ArrayList<>();
                none.add(null);
                return none;
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
            return outcomes;
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
