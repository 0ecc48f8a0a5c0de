package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.job.JobStore;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.Message;
import java.nio.file.Files;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Group commit of submits (SubmitGroupCommit): concurrent submits are made durable together, each answered only once
 * its job is in the database and on the persistent job queue (and marked queued right after); one bad submit in a
 * group fails alone.
 * The committers are held on their first groups by taking the admission lock (the max-queued-jobs bound's row lock)
 * from the test, so the submits that arrive meanwhile must form a group whatever the machine's speed. No worker runs
 * here: accepted jobs stay on the queue to be counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SubmitGroupCommitTest {

    @DynamicPropertySource
    static void instance(DynamicPropertyRegistry registry) throws Exception {
        CourtsideTestBase.registerInstance(registry, Files.createTempDirectory("courtside-group-commit-"),
                CourtsideTestBase.freePort());
        registry.add("courtside.roles.worker", () -> "false");
        registry.add("courtside.api.max-queued-jobs", () -> "100000");
    }

    @Autowired
    SubmitGroupCommit groupCommit;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient db;
    @Autowired
    JmsTemplate jms;
    @Autowired
    MeterRegistry meters;
    @Value("${courtside.queues.jobs}")
    String jobQueue;

    @Test
    void concurrentSubmitsCommitTogetherAndAreAllDurable() throws Exception {
        int submits = 30;
        long groupsBefore = groups();
        List<Future<Optional<JobStore.Accepted>>> answers = whileCommittersAreHeld(
                () -> submitAtOnce(submits, i -> job("group-" + i + "-" + System.nanoTime())));
        List<String> jobIds = new ArrayList<>();
        for (Future<Optional<JobStore.Accepted>> answer : answers) {
            JobStore.Accepted accepted = answer.get(60, TimeUnit.SECONDS).orElseThrow();
            assertThat(accepted.created()).isTrue();
            jobIds.add(accepted.jobId());
        }
        assertThat(new HashSet<>(jobIds)).hasSize(submits);
        assertDurable(jobIds);
        // Two committers held on their first groups; everything that arrived meanwhile went in one or two more.
        assertThat(groups() - groupsBefore).as("commits for %d concurrent submits", submits).isLessThanOrEqualTo(5);
    }

    @Test
    void aSubmitWaitsOutACommitSlowerThanH2sDefaultLockTimeout() throws Exception {
        // A group's insert holds the admission lock; on a loaded machine it has held it past H2's default 2 s, which
        // failed the submits waiting behind it. They wait (the embedded URL's LOCK_TIMEOUT) and are all accepted.
        List<Future<Optional<JobStore.Accepted>>> answers = whileCommittersAreHeld(
                () -> submitAtOnce(3, i -> job("slow-commit-" + i + "-" + System.nanoTime())), 3_000);
        List<String> jobIds = new ArrayList<>();
        for (Future<Optional<JobStore.Accepted>> answer : answers) {
            jobIds.add(answer.get(60, TimeUnit.SECONDS).orElseThrow().jobId());
        }
        assertDurable(jobIds);
    }

    @Test
    void aFailingSubmitFailsAloneAndDuplicatesInOneGroupMakeOneJob() throws Exception {
        String token = "same-" + System.nanoTime();
        List<JobStore.NewJob> group = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            group.add(job("good-" + i + "-" + System.nanoTime()));
        }
        for (int i = 0; i < 4; i++) {
            group.add(job(token));
        }
        // A caller id longer than its column (128): the database refuses this row, and with it the group's insert.
        group.add(new JobStore.NewJob("x".repeat(200), null, "{}", "{}", null));
        List<Future<Optional<JobStore.Accepted>>> answers = whileCommittersAreHeld(
                () -> submitAtOnce(group.size(), group::get));

        List<String> accepted = new ArrayList<>();
        Set<String> forTheToken = new HashSet<>();
        for (int i = 0; i < group.size(); i++) {
            if (i == group.size() - 1) {
                ExecutionException refused = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                        () -> answers.get(group.size() - 1).get(60, TimeUnit.SECONDS));
                assertThat(refused.getCause()).isInstanceOf(DataAccessException.class);
                continue;
            }
            String jobId = answers.get(i).get(60, TimeUnit.SECONDS).orElseThrow().jobId();
            if (i >= 8) {
                forTheToken.add(jobId);
            }
            accepted.add(jobId);
        }
        assertThat(forTheToken).as("one job for one ClientToken").hasSize(1);
        assertThat(db.sql("SELECT COUNT(*) FROM highlight_job WHERE client_token = ?").param(token)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT COUNT(*) FROM highlight_job WHERE caller_id = ?").param("x".repeat(200))
                .query(Long.class).single()).isZero();
        assertDurable(new ArrayList<>(new HashSet<>(accepted)));
    }

    private static JobStore.NewJob job(String clientToken) {
        return new JobStore.NewJob("test-key", clientToken,
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/g/game.mp4\"}",
                "{\"MediaURL\":\"s3://outputs/g/h.mp4\"}", null);
    }

    /** Starts {@code count} submits at once on threads of their own; their answers, in order. */
    private List<Future<Optional<JobStore.Accepted>>> submitAtOnce(int count,
                                                                  java.util.function.IntFunction<JobStore.NewJob> jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<Optional<JobStore.Accepted>>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JobStore.NewJob job = jobs.apply(i);
            answers.add(pool.submit(() -> groupCommit.accept(job)));
        }
        pool.shutdown();
        return answers;
    }

    /**
     * Starts the submits while the test holds the admission row lock (which each group's insert takes first), so the
     * committers wait on their first groups and the submits started meanwhile queue up behind them; then lets go.
     */
    private List<Future<Optional<JobStore.Accepted>>> whileCommittersAreHeld(
            java.util.function.Supplier<List<Future<Optional<JobStore.Accepted>>>> submits) throws Exception {
        // Long enough for every submit to be waiting, well inside the database's lock timeout.
        return whileCommittersAreHeld(submits, 800);
    }

    private List<Future<Optional<JobStore.Accepted>>> whileCommittersAreHeld(
            java.util.function.Supplier<List<Future<Optional<JobStore.Accepted>>>> submits, long holdMillis)
            throws Exception {
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (var statement = lock.createStatement()) {
                statement.executeQuery("SELECT id FROM job_admission WHERE id = 1 FOR UPDATE").close();
            }
            List<Future<Optional<JobStore.Accepted>>> answers = submits.get();
            Thread.sleep(holdMillis);
            assertThat(answers).noneMatch(Future::isDone);
            lock.rollback();
            return answers;
        }
    }

    private void assertDurable(List<String> jobIds) {
        for (String jobId : jobIds) {
            assertThat(db.sql("SELECT COUNT(*) FROM highlight_job WHERE job_id = ?").param(jobId).query(Long.class)
                    .single()).as("job %s in the database", jobId).isEqualTo(1);
        }
        // Settled (which keeps the requeue timer off them) just after the answers go out: marked queued, and no
        // group of theirs left in doubt.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String jobId : jobIds) {
                assertThat(db.sql("SELECT COUNT(*) FROM highlight_job WHERE job_id = ? AND queued_time IS NOT NULL")
                        .param(jobId).query(Long.class).single()).as("job %s marked queued", jobId).isEqualTo(1);
                assertThat(db.sql("SELECT COUNT(*) FROM submit_group_in_doubt WHERE job_ids LIKE ?")
                        .param("%" + jobId + "%").query(Long.class).single()).as("job %s in doubt", jobId).isZero();
            }
        });
        Set<String> onQueue = jms.browse(jobQueue, (session, browser) -> {
            Set<String> ids = new HashSet<>();
            for (var messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
                ids.add(((Message) messages.nextElement()).getBody(String.class));
            }
            return ids;
        });
        assertThat(onQueue).as("jobs on the job queue").containsAll(jobIds);
    }

    private long groups() {
        var summary = meters.find("courtside.api.submit.group.size").summary();
        return summary == null ? 0 : summary.count();
    }
}
