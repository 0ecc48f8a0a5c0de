package io.courtside.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.job.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * The queued-jobs bound on PostgreSQL (what ScaleOutIT's API processes share): the service's own migrations on a
 * throwaway cluster, then many threads each submitting through {@link JobStore#insertWithin} on their own
 * connection; exactly the bound is accepted. The H2 side is QueuedJobsBoundTest, over HTTP.
 */
class QueuedJobsBoundPostgresIT {

    private static final int BOUND = 5;

    @Configuration
    @EnableTransactionManagement(proxyTargetClass = true) // as Spring Boot does: JobStore implements a port, and stays a JobStore
    static class Store {
        static String url;

        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource(url, LocalPostgres.USER, LocalPostgres.PASSWORD);
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

    @Test
    void concurrentInsertsOnPostgresqlStopAtTheBound() throws Exception {
        try (LocalPostgres postgres = LocalPostgres.start(CourtsideTestBase.freePort())) {
            Flyway.configure().dataSource(postgres.jdbcUrl(), LocalPostgres.USER, LocalPostgres.PASSWORD)
                    .locations("classpath:db/migration").load().migrate();
            Store.url = postgres.jdbcUrl();
            try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Store.class)) {
                JobStore jobs = context.getBean(JobStore.class);
                int threads = 24;
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Optional<JobStore.Accepted>>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String caller = "caller-" + (i % 3);
                    String token = "pg-" + i;
                    results.add(pool.submit(() -> {
                        start.await();
                        return jobs.insertWithin(BOUND, caller, token, "{}", "{}", null);
                    }));
                }
                start.countDown();
                int accepted = 0;
                for (Future<Optional<JobStore.Accepted>> result : results) {
                    accepted += result.get().isPresent() ? 1 : 0;
                }
                pool.shutdownNow();
                assertThat(accepted).isEqualTo(BOUND);
                assertThat(jobs.countWaiting()).isEqualTo(BOUND);
                // A retry of an accepted ClientToken still answers its job with the queue full; a new one does not.
                String acceptedToken = JdbcClient.create(context.getBean(DataSource.class))
                        .sql("SELECT client_token FROM highlight_job LIMIT 1").query(String.class).single();
                String owner = JdbcClient.create(context.getBean(DataSource.class))
                        .sql("SELECT owner_key FROM highlight_job WHERE client_token = ?").param(acceptedToken)
                        .query(String.class).single();
                Optional<JobStore.Accepted> retry = jobs.insertWithin(BOUND, owner, acceptedToken, "{}", "{}", null);
                assertThat(retry).isPresent();
                assertThat(retry.get().created()).isFalse();
                assertThat(jobs.insertWithin(BOUND, owner, "pg-new", "{}", "{}", null)).isEmpty();
            }
        }
    }
}
