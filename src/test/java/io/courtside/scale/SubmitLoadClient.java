package io.courtside.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.security.RpcSigner;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The client side of the submit API load bench (bench/api-load-bench.sh starts it in its own JVM, next to
 * {@link SubmitLoadBench}'s service JVM; not a test). Sends signed RPC submits over HTTP (form body, ICE's HMAC-SHA1
 * signature with a fresh nonce, as the ICE SDK sends them), then JSON submits over JMS through the broker's TCP
 * acceptor (persistent send, the JobId answered on JMSReplyTo), each at a steady rate (open loop: a request's
 * latency counts from when it was due, so a backlog shows as latency) for a fixed time, once per rate, after a short
 * warm-up at the first rate. Prints per channel and rate: sustained submits/s, p50/p99/max latency, errors, the
 * service JVM's CPU time per accepted submit (read from the OS for its pid: this JVM's own work is not in it) and
 * the load average; then writes every accepted JobId to {@code bench.accepted-file} for the service to check.
 * <p>
 * System properties: bench.http-port, bench.broker-url, bench.service-pid, bench.backend, bench.rates (comma
 * separated submits/s, default 500), bench.seconds (default 20), bench.warmup-seconds (default 5),
 * bench.channels (default http,jms), bench.http-threads (default 64), bench.accepted-file.
 */
public final class SubmitLoadClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmitLoadClient() {
    }

    record Result(String channel, int due, int ok, int errors, double seconds, long[] latenciesNanos,
                  Set<String> accepted, Map<String, Integer> errorCodes) {
    }

    @FunctionalInterface
    interface Load {
        Result run(int rate, int seconds) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.getInteger("bench.http-port");
        String brokerUrl = System.getProperty("bench.broker-url");
        long servicePid = Long.getLong("bench.service-pid");
        String backend = System.getProperty("bench.backend", "embedded");
        int[] rates = Arrays.stream(System.getProperty("bench.rates", "500").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup-seconds", 5);
        List<String> channels = List.of(System.getProperty("bench.channels", "http,jms").split(","));
        Path acceptedFile = Path.of(System.getProperty("bench.accepted-file"));
        ProcessHandle service = ProcessHandle.of(servicePid).orElseThrow(() -> new IllegalStateException(
                "no service process " + servicePid));
        System.out.printf("bench %s: rates %s submits/s, %d s each per channel after %d s of warm-up; %d cores;"
                        + " client in its own JVM%n", backend, Arrays.toString(rates), seconds, warmup,
                Runtime.getRuntime().availableProcessors());
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ActiveMQConnectionFactory jms = new ActiveMQConnectionFactory(brokerUrl, SubmitLoadBench.BROKER_USER,
                SubmitLoadBench.BROKER_PASSWORD);
        try {
            for (String channel : channels) {
                Load load = switch (channel.trim()) {
                    case "http" -> (rate, secs) -> httpLoad(port, rate, secs);
                    case "jms" -> (rate, secs) -> jmsLoad(jms, rate, secs);
                    default -> throw new IllegalArgumentException("unknown channel " + channel);
                };
                accepted.addAll(load.run(rates[0], warmup).accepted());
                for (int rate : rates) {
                    Duration serviceCpu = cpu(service);
                    Result result = load.run(rate, seconds);
                    Duration used = cpu(service).minus(serviceCpu);
                    accepted.addAll(result.accepted());
                    print(backend, rate, result, used);
                }
            }
        } finally {
            jms.close();
        }
        Path partial = Path.of(acceptedFile + ".tmp");
        Files.write(partial, accepted, StandardCharsets.UTF_8);
        Files.move(partial, acceptedFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(Path.of(acceptedFile + ".done"), "");
        System.exit(0);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException(
                "the OS does not tell the service's CPU time"));
    }

    private static void print(String backend, int rate, Result r, Duration serviceCpu) throws Exception {
        long[] sorted = r.latenciesNanos().clone();
        Arrays.sort(sorted);
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf("result %-10s %-4s rate %4d due %5d ok %5d errors %3d sustained %6.1f submits/s  p50 %7.2f ms"
                        + "  p99 %7.2f ms  max %7.2f ms  service cpu %5.0f us/submit  load %s%s%n", backend,
                r.channel(), rate, r.due(), r.ok(), r.errors(), r.ok() / r.seconds(), percentile(sorted, 0.50),
                percentile(sorted, 0.99), percentile(sorted, 1.0), serviceCpu.toNanos() / 1e3 / Math.max(1, r.ok()),
                load, r.errorCodes().isEmpty() ? "" : "  error codes " + r.errorCodes());
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
        Tally tally = new Tally();
        String run = Long.toString(System.nanoTime(), 36);
        steady(rate, seconds, Integer.getInteger("bench.http-threads", 64), (i, due) -> {
            try {
                Map<String, String> signed = RpcSigner.sign("POST", submitParameters("http-" + run, i),
                        SubmitLoadBench.KEY_ID, SubmitLoadBench.KEY_SECRET);
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(api)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(RpcClient.encode(signed))).build(),
                        HttpResponse.BodyHandlers.ofString());
                long done = System.nanoTime();
                JsonNode body = JSON.readTree(response.body());
                if (response.statusCode() == 200 && body.hasNonNull("JobId")) {
                    tally.accepted(body.get("JobId").asText(), due, done);
                } else {
                    tally.failed(response.statusCode() + " " + body.path("Code").asText(), 1);
                }
            } catch (Exception e) {
                tally.failed(e.getClass().getSimpleName(), 1);
            }
        });
        return tally.result("http", rate * seconds);
    }

    private static Result jmsLoad(ConnectionFactory factory, int rate, int seconds) throws Exception {
        String submitQueue = System.getProperty("bench.submit-queue", "courtside.submit");
        Tally tally = new Tally();
        Map<String, Long> dueById = new ConcurrentHashMap<>();
        int total = rate * seconds;
        CountDownLatch answered = new CountDownLatch(total);
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
                        tally.accepted(body.get("JobId").asText(), due, done);
                    } else {
                        tally.failed(body.path("Code").asText("no JobId"), 1);
                    }
                } catch (Exception e) {
                    tally.failed(e.getClass().getSimpleName(), 1);
                } finally {
                    answered.countDown();
                }
            });
            connection.start();
            // One session and producer per sending thread (JMS sessions are single-threaded); every send persistent,
            // so it returns when the broker has the message durably.
            List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
            ThreadLocal<Session> threadSessions = new ThreadLocal<>();
            ThreadLocal<MessageProducer> producers = ThreadLocal.withInitial(() -> {
                try {
                    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                    sessions.add(session);
                    threadSessions.set(session);
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
                    TextMessage message = threadSessions.get().createTextMessage(JSON.writeValueAsString(parameters));
                    message.setJMSCorrelationID(id);
                    message.setJMSReplyTo(replyTo);
                    dueById.put(id, due);
                    producer.send(message);
                } catch (Exception e) {
                    dueById.remove(id);
                    tally.failed(e.getClass().getSimpleName(), 1);
                    answered.countDown();
                }
            });
            if (!answered.await(10, TimeUnit.MINUTES)) {
                tally.failed("no answer within 10 min", (int) answered.getCount());
            }
            for (Session session : sessions) {
                session.close();
            }
        }
        return tally.result("jms", total);
    }

    /** One channel's outcomes at one rate, from the sending and answering threads alike. */
    private static final class Tally {
        private final long begin = System.nanoTime();
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> codes = new ConcurrentHashMap<>();
        private final AtomicInteger errors = new AtomicInteger();
        private long lastDone = begin;

        /** A submit answered with its JobId at {@code done}, due at {@code due} (open loop: latency counts from due). */
        void accepted(String jobId, long due, long done) {
            latencies.add(done - due);
            accepted.add(jobId);
            synchronized (this) {
                lastDone = Math.max(lastDone, done);
            }
        }

        void failed(String code, int count) {
            errors.addAndGet(count);
            codes.merge(code, count, Integer::sum);
        }

        synchronized Result result(String channel, int due) {
            return new Result(channel, due, accepted.size(), errors.get(), (lastDone - begin) / 1e9,
                    latencies.stream().mapToLong(Long::longValue).toArray(), accepted, codes);
        }
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
