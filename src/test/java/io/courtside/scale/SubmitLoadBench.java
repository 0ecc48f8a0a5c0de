package io.courtside.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideApplication;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.security.RpcSigner;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The submit API under a steady load (bench/api-load-bench.sh runs it; not a test). One API-only instance in this JVM
 * (courtside.roles.worker=false: no worker takes the queued jobs), on the embedded defaults (H2 file, embedded
 * Artemis) and then on PostgreSQL (a throwaway Debian cluster, LocalPostgres). Against each: signed RPC submits
 * over HTTP (form body, ICE's HMAC-SHA1 signature with a fresh nonce, as the ICE SDK sends them), then JSON
 * submits over JMS (persistent send, the JobId answered on JMSReplyTo), each at a steady rate (open loop: a
 * request's latency counts from when it was due, so a backlog shows as latency) for a fixed time after a short
 * warm-up. The per-key rate limit and the queued-jobs bound are raised by configuration. Prints sustained
 * submits/s, p50/p99/max latency and errors per channel, then checks that every accepted JobId is in the database
 * and on the job queue, and the CPU time each accepted submit cost (whole JVM, and the service's threads alone).
 * <p>
 * System properties: bench.rate (submits/s, default 500), bench.seconds (default 20), bench.warmup-seconds
 * (default 5), bench.backends (default embedded,postgresql), bench.http-threads (default 64).
 */
public final class SubmitLoadBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY_ID = "bench-key";
    private static final String KEY_SECRET = "bench-key-secret";

    private SubmitLoadBench() {
    }

    record Result(String channel, int due, int ok, int errors, double seconds, long[] latenciesNanos,
                  Set<String> accepted, Map<String, Integer> errorCodes) {
        void print(String backend) {
            long[] sorted = latenciesNanos.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf("result %-10s %-4s due %5d ok %5d errors %3d sustained %6.1f submits/s  p50 %6.2f ms"
                            + "  p99 %7.2f ms  max %7.2f ms%s%n", backend, channel, due, ok, errors, ok / seconds,
                    percentile(sorted, 0.50), percentile(sorted, 0.99), percentile(sorted, 1.0),
                    errorCodes.isEmpty() ? "" : "  error codes " + errorCodes);
        }
    }

    /**
     * CPU time of the whole JVM, and of each of the service's threads (all but the bench's own: its sender pools
     * "pool-*", the HTTP client's "HttpClient-*" and main), in nanoseconds. A thread that ends between two readings
     * takes its time with it, so the service figure is a lower bound when threads come and go.
     */
    record CpuTime(long process, Map<Long, Long> serviceThreads) {
        static CpuTime now() {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            Map<Long, Long> service = new java.util.HashMap<>();
            for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && !info.getThreadName().startsWith("pool-")
                        && !info.getThreadName().startsWith("HttpClient-") && !info.getThreadName().equals("main")) {
                    long cpu = threads.getThreadCpuTime(info.getThreadId());
                    if (cpu >= 0) {
                        service.put(info.getThreadId(), cpu);
                    }
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            return new CpuTime(process, service);
        }

        void printSince(CpuTime before, String backend, String channel, int submits) {
            long service = 0;
            for (Map.Entry<Long, Long> thread : serviceThreads.entrySet()) {
                service += thread.getValue() - before.serviceThreads.getOrDefault(thread.getKey(), 0L);
            }
            System.out.printf("result %-10s %-4s cpu per accepted submit: %5.0f us whole JVM (bench client included),"
                    + " %5.0f us service threads%n", backend, channel, (process - before.process) / 1e3
                    / Math.max(1, submits), service / 1e3 / Math.max(1, submits));
        }
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 500);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup-seconds", 5);
        String backends = System.getProperty("bench.backends", "embedded,postgresql");
        System.out.printf("bench: %d submits/s for %d s per channel after %d s of warm-up; %d cores; backends %s%n",
                rate, seconds, warmup, Runtime.getRuntime().availableProcessors(), backends);
        boolean allKept = true;
        for (String backend : backends.split(",")) {
            LocalPostgres postgres = backend.equals("postgresql") ? LocalPostgres.start(CourtsideTestBase.freePort()) : null;
            try (ConfigurableApplicationContext app = start(postgres)) {
                int port = app.getEnvironment().getProperty("local.server.port", Integer.class);
                httpLoad(port, rate, warmup);
                CpuTime before = CpuTime.now();
                Result http = httpLoad(port, rate, seconds);
                http.print(backend);
                CpuTime.now().printSince(before, backend, "http", http.ok());
                ConnectionFactory jmsFactory = app.getBean(ConnectionFactory.class);
                String submitQueue = app.getEnvironment().getProperty("courtside.queues.submit");
                jmsLoad(jmsFactory, submitQueue, rate, warmup);
                before = CpuTime.now();
                Result jms = jmsLoad(jmsFactory, submitQueue, rate, seconds);
                jms.print(backend);
                CpuTime.now().printSince(before, backend, "jms", jms.ok());
                allKept &= verify(backend, app, jmsFactory, http, jms);
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
            }
        }
        System.exit(allKept ? 0 : 1);
    }

    private static ConfigurableApplicationContext start(LocalPostgres postgres) throws Exception {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("courtside.data-dir", Files.createTempDirectory("courtside-loadbench-").toString());
        p.put("courtside.roles.worker", "false"); // jobs stay on the queue: nothing takes them during the bench
        p.put("courtside.worker.isolation", "in-process");
        p.put("courtside.storage.embedded.port", CourtsideTestBase.freePort());
        p.put("courtside.storage.embedded.buckets", "courtside,outputs");
        p.put("courtside.broker.tcp-acceptor", "");
        p.put("spring.artemis.embedded.server-id", CourtsideTestBase.uniqueBrokerId());
        p.put("courtside.security.access-keys", KEY_ID + ":" + KEY_SECRET);
        // Raised for the bench: one key submits every call.
        p.put("courtside.security.rate-limit-per-second", "100000");
        p.put("courtside.security.rate-limit-burst", "100000");
        p.put("courtside.api.max-queued-jobs", "0");
        p.put("server.port", CourtsideTestBase.freePort());
        if (postgres != null) {
            p.put("spring.datasource.url", postgres.jdbcUrl());
            p.put("spring.datasource.username", LocalPostgres.USER);
            p.put("spring.datasource.password", LocalPostgres.PASSWORD);
        }
        // As command-line arguments: they win over config/application.yaml (builder properties would not).
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(CourtsideApplication.class).run(args);
    }

    private static Map<String, String> submitParameters(String channel, int i) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", RpcApi.SUBMIT);
        parameters.put("InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/bench/game-"
                + i + ".mp4\"}");
        parameters.put("OutputConfig", "{\"MediaURL\":\"s3://outputs/bench/" + channel + "-" + i
                + ".mp4\",\"Width\":1080,\"Height\":1920,\"MaxDuration\":60}");
        return parameters;
    }

    /** Calls {@code submit(i, dueNanos)} at {@code rate} a second for {@code seconds}, on {@code threads} threads. */
    private static void steady(int rate, int seconds, int threads, Submit submit) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long period = 1_000_000_000L / rate;
        int total = rate * seconds;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            pool.execute(() -> submit.run(n, due));
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
    }

    @FunctionalInterface
    interface Submit {
        void run(int i, long dueNanos);
    }

    private static Result httpLoad(int port, int rate, int seconds) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8)).build();
        URI api = URI.create("http://127.0.0.1:" + port + "/");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        long begin = System.nanoTime();
        long[] lastDone = {begin};
        String run = Long.toString(System.nanoTime(), 36);
        steady(rate, seconds, Integer.getInteger("bench.http-threads", 64), (i, due) -> {
            try {
                Map<String, String> signed = RpcSigner.sign("POST", submitParameters("http-" + run, i), KEY_ID,
                        KEY_SECRET);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(api)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(RpcClient.encode(signed))).build(),
                        HttpResponse.BodyHandlers.ofString());
                long done = System.nanoTime();
                JsonNode body = JSON.readTree(response.body());
                if (response.statusCode() == 200 && body.hasNonNull("JobId")) {
                    latencies.add(done - due);
                    accepted.add(body.get("JobId").asText());
                    synchronized (lastDone) {
                        lastDone[0] = Math.max(lastDone[0], done);
                    }
                } else {
                    errors.incrementAndGet();
                    codes.merge(response.statusCode() + " " + body.path("Code").asText(), 1, Integer::sum);
                }
            } catch (Exception e) {
                errors.incrementAndGet();
                codes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
            }
        });
        return new Result("http", rate * seconds, accepted.size(), errors.get(), (lastDone[0] - begin) / 1e9,
                latencies.stream().mapToLong(Long::longValue).toArray(), accepted, codes);
    }

    private static Result jmsLoad(ConnectionFactory factory, String submitQueue, int rate, int seconds)
            throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        Map<String, Integer> codes = new ConcurrentHashMap<>();
        Map<String, Long> dueById = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        int total = rate * seconds;
        CountDownLatch answered = new CountDownLatch(total);
        long begin = System.nanoTime();
        long[] lastDone = {begin};
        int threads = 16;
        try (Connection connection = factory.createConnection()) {
            Session replies = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replyTo = replies.createTemporaryQueue();
            MessageConsumer consumer = replies.createConsumer(replyTo);
            consumer.setMessageListener(reply -> {
                long done = System.nanoTime();
                try {
                    Long due = dueById.remove(reply.getJMSCorrelationID());
                    JsonNode body = JSON.readTree(((TextMessage) reply).getText());
                    if (due != null && body.hasNonNull("JobId")) {
                        latencies.add(done - due);
                        accepted.add(body.get("JobId").asText());
                        synchronized (lastDone) {
                            lastDone[0] = Math.max(lastDone[0], done);
                        }
                    } else {
                        errors.incrementAndGet();
                        codes.merge(body.path("Code").asText("no JobId"), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                    codes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                } finally {
                    answered.countDown();
                }
            });
            connection.start();
            // One session and producer per sending thread (JMS sessions are single-threaded); every send persistent,
            // so it returns when the broker has the message durably.
            List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
            ThreadLocal<MessageProducer> producers = ThreadLocal.withInitial(() -> {
                try {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    sessions.add(session);
                    Queue queue = session.createQueue(submitQueue);
                    MessageProducer producer = session.createProducer(queue);
                    producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                    return producer;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String run = Long.toString(System.nanoTime(), 36);
            steady(rate, seconds, threads, (i, due) -> {
                String id = run + "-" + i;
                try {
                    MessageProducer producer = producers.get();
                    Map<String, Object> parameters = new LinkedHashMap<>(submitParameters("jms-" + run, i));
                    parameters.remove("Action");
                    TextMessage message = sessions.get(0).createTextMessage(JSON.writeValueAsString(parameters));
                    message.setJMSCorrelationID(id);
                    message.setJMSReplyTo(replyTo);
                    dueById.put(id, due);
                    producer.send(message);
                } catch (Exception e) {
                    dueById.remove(id);
                    errors.incrementAndGet();
                    codes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    answered.countDown();
                }
            });
            if (!answered.await(10, TimeUnit.MINUTES)) {
                codes.merge("no answer within 10 min", (int) answered.getCount(), Integer::sum);
                errors.addAndGet((int) answered.getCount());
            }
            for (Session session : sessions) {
                session.close();
            }
        }
        return new Result("jms", total, accepted.size(), errors.get(), (lastDone[0] - begin) / 1e9,
                latencies.stream().mapToLong(Long::longValue).toArray(), accepted, codes);
    }

    /** Every accepted JobId is in the database and on the job queue (nothing took them: no worker role). */
    private static boolean verify(String backend, ConfigurableApplicationContext app, ConnectionFactory factory,
                                  Result... results) throws Exception {
        Set<String> accepted = new HashSet<>();
        for (Result result : results) {
            accepted.addAll(result.accepted());
        }
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
        long missingInDatabase = accepted.stream().filter(id -> !inDatabase.contains(id.trim())).count();
        long missingOnQueue = accepted.stream().filter(id -> !onQueue.contains(id.trim())).count();
        System.out.printf("result %-10s kept accepted %d: missing in the database %d, missing on the job queue %d"
                + " (queue holds %d, database %d)%n", backend, accepted.size(), missingInDatabase, missingOnQueue,
                onQueue.size(), inDatabase.size());
        return missingInDatabase == 0 && missingOnQueue == 0;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
