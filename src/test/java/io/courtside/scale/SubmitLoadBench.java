package io.courtside.scale;

import io.courtside.CourtsideApplication;
import io.courtside.CourtsideTestBase;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service side of the submit API load bench (bench/api-load-bench.sh runs it; not a test): one API-only
 * instance in this JVM (courtside.roles.worker=false: no worker takes the queued jobs) on one backend, the embedded
 * defaults (H2 file, embedded Artemis) or PostgreSQL (a throwaway Debian cluster, LocalPostgres), with the per-key
 * rate limit and the queued-jobs bound raised and a broker TCP acceptor for the load. {@link SubmitLoadClient} sends
 * the load from its own JVM, so the client's signing and sending do not share this JVM's heap, JIT and safepoints.
 * When the service is up this JVM writes {@code bench.ready-file} (HTTP port, broker URL, pid); when the client has
 * written {@code bench.accepted-file} and its {@code .done} marker, it checks that every accepted JobId is in the
 * database and on the job queue, prints the result and exits (1 when one is missing).
 * <p>
 * System properties: bench.backend (embedded or postgresql), bench.ready-file, bench.accepted-file.
 */
public final class SubmitLoadBench {

    static final String KEY_ID = "bench-key";
    static final String KEY_SECRET = "bench-key-secret";
    static final String BROKER_USER = "bench";
    static final String BROKER_PASSWORD = "bench-secret";

    private SubmitLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        String backend = System.getProperty("bench.backend", "embedded");
        Path ready = Path.of(System.getProperty("bench.ready-file"));
        Path acceptedFile = Path.of(System.getProperty("bench.accepted-file"));
        Path done = Path.of(acceptedFile + ".done");
        Files.deleteIfExists(ready);
        Files.deleteIfExists(done);
        boolean kept;
        LocalPostgres postgres = backend.equals("postgresql") ? LocalPostgres.start(CourtsideTestBase.freePort()) : null;
        int brokerPort = CourtsideTestBase.freePort();
        try (ConfigurableApplicationContext app = start(postgres, brokerPort)) {
            int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
            Path partial = Path.of(ready + ".tmp");
            Files.writeString(partial, port + " tcp://127.0.0.1:" + brokerPort + " " + ProcessHandle.current().pid()
                    + "\n");
            Files.move(partial, ready);
            System.out.printf("bench %s service ready: http %d, broker tcp %d, pid %d%n", backend, port, brokerPort,
                    ProcessHandle.current().pid());
            while (!Files.exists(done)) {
                Thread.sleep(200);
            }
            Set<String> accepted = new HashSet<>();
            for (String line : Files.readAllLines(acceptedFile, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    accepted.add(line.trim());
                }
            }
            kept = verify(backend, app, app.getBean(ConnectionFactory.class), accepted);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
        System.exit(kept ? 0 : 1);
    }

    private static ConfigurableApplicationContext start(LocalPostgres postgres, int brokerPort) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("courtside.data-dir", Files.createTempDirectory("courtside-loadbench-").toString());
        p.put("courtside.roles.worker", "false"); // jobs stay on the queue: nothing takes them during the bench
        p.put("courtside.worker.isolation", "in-process");
        p.put("courtside.storage.embedded.port", CourtsideTestBase.freePort());
        p.put("courtside.storage.embedded.buckets", "courtside,outputs");
        p.put("courtside.broker.tcp-acceptor", "tcp://127.0.0.1:" + brokerPort);
        p.put("courtside.broker.users", BROKER_USER + ":" + BROKER_PASSWORD);
        p.put("spring.artemis.embedded.server-id", CourtsideTestBase.uniqueBrokerId());
        p.put("courtside.security.access-keys", KEY_ID + ":" + KEY_SECRET);
        // Raised for the bench: one key submits every call.
        p.put("courtside.security.rate-limit-per-second", "100000");
        p.put("courtside.security.rate-limit-burst", "100000");
        p.put("courtside.api.max-queued-jobs", "0");
        p.put("server.port", CourtsideTestBase.freePort());
        // Percentiles of where a submit's time goes (printed by parts()).
        p.put("management.metrics.distribution.percentiles.courtside.api", "0.5,0.9,0.99");
        p.put("management.metrics.distribution.expiry.courtside.api", "10m");
        p.put("management.metrics.distribution.buffer-length.courtside.api", "1");
        // The routes kept with a build compared (bench/api-load-bench.sh, BUILD_DIR): routes are read from files.
        String routes = System.getProperty("bench.routes-dir");
        if (routes != null && !routes.isBlank()) {
            p.put("camel.main.routes-include-pattern", "file:" + routes + "/*.camel.yaml");
        }
        if (postgres != null) {
            p.put("spring.datasource.url", postgres.jdbcUrl());
            p.put("spring.datasource.username", LocalPostgres.USER);
            p.put("spring.datasource.password", LocalPostgres.PASSWORD);
        }
        // As command-line arguments: they win over config/application.yaml (builder properties would not).
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CourtsideApplication.class).run(args);
    }

    /** Every accepted JobId is in the database and on the job queue (nothing took them: no worker role). */
    private static boolean verify(String backend, ConfigurableApplicationContext app, ConnectionFactory factory,
                                  Set<String> accepted) throws Exception {
        Set<String> inDatabase = new HashSet<>(JdbcClient.create(app.getBean(DataSource.class))
                .sql("SELECT job_id FROM highlight_job").query(String.class).list());
        Set<String> onQueue = new HashSet<>();
        String jobsQueue = app.getEnvironment().getProperty("courtside.queues.jobs");
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue(jobsQueue));
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                onQueue.add(message.getBody(String.class).trim());
            }
        }
        List<String> missingInDatabase = accepted.stream().filter(id -> !inDatabase.contains(id)).toList();
        List<String> missingOnQueue = accepted.stream().filter(id -> !onQueue.contains(id)).toList();
        // How many submits each database and broker commit carried (warm-up included): the per-commit costs divide
        // by this, so a change of CPU per submit can be told apart from a change of group size.
        DistributionSummary groups = app.getBean(MeterRegistry.class).find("courtside.api.submit.group.size")
                .summary();
        System.out.printf("result %-10s kept accepted %d: missing in the database %d, missing on the job queue %d"
                + " (queue holds %d, database %d); %d group commits, %.1f submits each%n", backend, accepted.size(),
                missingInDatabase.size(), missingOnQueue.size(), onQueue.size(), inDatabase.size(),
                groups == null ? 0 : groups.count(), groups == null ? Double.NaN : groups.mean());
        parts(backend, app.getBean(MeterRegistry.class));
        return missingInDatabase.isEmpty() && missingOnQueue.isEmpty();
    }

    /**
     * Where a submit's time went in the service (warm-up and every rate together): served (from the Tomcat thread or
     * JMS consumer starting on it to the answer), its wait for a group, the group's insert and broker commit.
     */
    private static void parts(String backend, MeterRegistry meters) {
        for (Timer timer : meters.find("courtside.api.served").timers()) {
            print(backend, "served " + timer.getId().getTag("channel"), timer);
        }
        for (String part : List.of("wait", "insert", "enqueue")) {
            Timer timer = meters.find("courtside.api.submit.group." + part).timer();
            if (timer != null) {
                print(backend, "group " + part, timer);
            }
        }
    }

    private static void print(String backend, String part, Timer timer) {
        StringBuilder line = new StringBuilder(String.format("result %-10s part %-13s n %7d mean %6.1f ms", backend,
                part, timer.count(), timer.mean(TimeUnit.MILLISECONDS)));
        for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            line.append(String.format(" p%s %6.1f", BigDecimal.valueOf(p.percentile() * 100).stripTrailingZeros()
                    .toPlainString(), p.value(TimeUnit.MILLISECONDS)));
        }
        line.append(String.format(" max %6.1f ms", timer.max(TimeUnit.MILLISECONDS)));
        System.out.println(line);
    }
}
