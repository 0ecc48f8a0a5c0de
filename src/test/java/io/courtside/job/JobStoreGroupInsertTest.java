package io.courtside.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * A group of submits is inserted as one JDBC batch in one transaction (SubmitGroupCommit's insert): on the service's
 * own migrations in an in-memory H2 in PostgreSQL mode, as the embedded URL runs it.
 */
class JobStoreGroupInsertTest {

    @Configuration
    @EnableTransactionManagement(proxyTargetClass = true)
    static class Store {
        static String url;

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource(url, "sa", "");
        }

        @Bean
        PlatformTransactionManager transactionManager(DataSource dataSource) {
            return new DataSourceTransactionManager(dataSource);
        }

        @Bean
        JobStore jobStore(DataSource dataSource) {
            return new JobStore(JdbcClient.create(dataSource), new JdbcTemplate(dataSource));
        }
    }

    AnnotationConfigApplicationContext context;
    JobStore jobs;
    JdbcClient db;

    @BeforeEach
    void store() {
        Store.url = "jdbc:h2:mem:group-insert-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(Store.url, "sa", "").locations("classpath:db/migration").load().migrate();
        context = new AnnotationConfigApplicationContext(Store.class);
        jobs = context.getBean(JobStore.class);
        db = JdbcClient.create(context.getBean(DataSource.class));
    }

    @AfterEach
    void close() {
        db.sql("SHUTDOWN").update();
        context.close();
    }

    private static JobStore.NewJob job(String caller, String token, int game) {
        return new JobStore.NewJob(caller, token,
                "{\"SportsCategory\":\"soccer\",\"InputMedia\":\"s3://courtside/m/game-" + game + ".mp4\"}",
                "{\"MediaURL\":\"s3://outputs/m/h-" + game + ".mp4\"}", game % 2 == 0 ? null : "{\"n\":" + game + "}");
    }

    @Test
    void aGroupIsInsertedWholeWithEveryColumnOfEachJob() {
        List<JobStore.NewJob> group = List.of(job("key-a", null, 1), job("key-b", "t-2", 2), job("key-a", "t-3", 3));
        List<JobStore.Accepted> accepted = jobs.insertAll(JobStore.newId(), group);
        assertThat(accepted).hasSize(3).allMatch(JobStore.Accepted::created);
        for (int i = 0; i < group.size(); i++) {
            JobRecord stored = jobs.find(accepted.get(i).jobId()).orElseThrow();
            assertThat(stored.callerId()).isEqualTo(group.get(i).callerId());
            assertThat(stored.clientToken()).isEqualTo(group.get(i).clientToken());
            assertThat(stored.inputConfig()).isEqualTo(group.get(i).inputConfig());
            assertThat(stored.outputConfig()).isEqualTo(group.get(i).outputConfig());
            assertThat(stored.userData()).isEqualTo(group.get(i).userData());
            assertThat(stored.status().name()).isEqualTo("Init");
        }
        // Owned by their callers: another caller does not see them.
        assertThat(jobs.find(accepted.get(0).jobId(), Optional.of("key-a"))).isPresent();
        assertThat(jobs.find(accepted.get(0).jobId(), Optional.of("key-b"))).isEmpty();
    }

    @Test
    void aGroupLeftInDoubtIsQueuedAgainOnceOldAndAClearedOneIsNot() {
        List<String> doubtful = jobs.insertAll("a".repeat(32), List.of(job("key-a", null, 1), job("key-b", "t", 2)))
                .stream().map(JobStore.Accepted::jobId).toList();
        List<String> cleared = jobs.insertAll("b".repeat(32), List.of(job("key-a", null, 3), job("key-a", null, 4)))
                .stream().map(JobStore.Accepted::jobId).toList();
        jobs.clearInDoubt(List.of("b".repeat(32)));
        // Not old enough yet: nothing to queue again, and the group stays in doubt.
        assertThat(jobs.findUnqueued(JobStore.now().minusSeconds(60))).isEmpty();
        // Its process died between the two commits: the requeue timer finds its jobs, and only those.
        assertThat(jobs.findUnqueued(JobStore.now().plusSeconds(1))).containsExactlyInAnyOrderElementsOf(doubtful);
        doubtful.forEach(jobs::markQueued);
        assertThat(jobs.findUnqueued(JobStore.now().plusSeconds(1))).isEmpty();
        assertThat(db.sql("SELECT COUNT(*) FROM highlight_job WHERE queued_time IS NOT NULL").query(Long.class)
                .single()).isEqualTo(4);
        assertThat(cleared).hasSize(2);
    }

    @Test
    void aGroupThatCouldNotBeQueuedIsRemovedWithItsJobs() {
        List<String> ids = jobs.insertAll("c".repeat(32), List.of(job("key-a", "retry-me", 1), job("key-a", null, 2)))
                .stream().map(JobStore.Accepted::jobId).toList();
        jobs.discardInDoubt("c".repeat(32), ids);
        assertThat(db.sql("SELECT COUNT(*) FROM highlight_job").query(Long.class).single()).isZero();
        assertThat(db.sql("SELECT COUNT(*) FROM submit_group_in_doubt").query(Long.class).single()).isZero();
        // The token is free again for the caller's retry.
        assertThat(jobs.insertAll(JobStore.newId(), List.of(job("key-a", "retry-me", 3)))).hasSize(1);
    }

    @Test
    void aBatchWithAnUsedClientTokenInsertsNothing() {
        jobs.insertAll(JobStore.newId(), List.of(job("key-a", "used", 1)));
        assertThatThrownBy(() -> jobs.insertAll(JobStore.newId(), List.of(job("key-a", "fresh", 2), job("key-a", "used", 3))))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(db.sql("SELECT COUNT(*) FROM highlight_job").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aClientTokenRepeatedWithinAGroupMakesOneJobWithoutFailingTheGroup() {
        List<Optional<JobStore.Accepted>> outcomes = jobs.insertAllWithin(100, JobStore.newId(), List.of(
                job("key-a", "twice", 1), job("key-b", "twice", 2), job("key-a", "twice", 3), job("key-a", null, 4)));
        assertThat(outcomes).allMatch(Optional::isPresent);
        JobStore.Accepted first = outcomes.get(0).get();
        assertThat(first.created()).isTrue();
        // Another caller's equal token is its own job; the same caller's repeat answers the first job.
        assertThat(outcomes.get(1).get().created()).isTrue();
        assertThat(outcomes.get(1).get().jobId()).isNotEqualTo(first.jobId());
        assertThat(outcomes.get(2).get()).isEqualTo(new JobStore.Accepted(first.jobId(), false));
        assertThat(outcomes.get(3).get().created()).isTrue();
        assertThat(db.sql("SELECT COUNT(*) FROM highlight_job").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aGroupBeyondTheBoundInsertsOnlyUpToIt() {
        jobs.insertAll(JobStore.newId(), List.of(job("key-a", null, 1)));
        List<Optional<JobStore.Accepted>> outcomes = jobs.insertAllWithin(3, JobStore.newId(), List.of(
                job("key-a", null, 2), job("key-a", null, 3), job("key-a", null, 4)));
        assertThat(outcomes.stream().map(Optional::isPresent).toList()).containsExactly(true, true, false);
        assertThat(jobs.countWaiting()).isEqualTo(3);
    }
}
