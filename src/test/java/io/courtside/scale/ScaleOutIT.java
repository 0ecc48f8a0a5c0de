package io.courtside.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CallbackReceiver;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.ExternalCluster;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Courtside scaled out on this machine, without Docker: a standalone Artemis broker and a standalone S3 server,
 * each in its own JVM, PostgreSQL for job state, and the packaged jar as one API process and two worker
 * processes. Jobs finish exactly once, spread over both workers, and a killed worker's job is finished by the
 * other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Output of the throughput batches; -Dcourtside.scale.output='"Width":1080,...' measures heavier jobs. */
    private static final String LIGHT_OUTPUT = System.getProperty("courtside.scale.output",
            "\"Width\":320,\"Height\":180,\"MaxDuration\":4");

    static Path root;
    static ExternalCluster cluster;
    static ChildJvm api;
    static final Map<String, ChildJvm> workers = new HashMap<>();
    static RpcClient rpc;
    static S3Client s3;
    static CallbackReceiver callbacks;
    static String input;

    @BeforeAll
    static void startCluster() throws Exception {
        root = Files.createTempDirectory("courtside-scale-");
        cluster = ExternalCluster.start(root, "scale", "media", "outputs");
        int apiPort = CourtsideTestBase.freePort();
        api = startCourtside("api", apiPort, "--courtside.roles.worker=false");
        startWorker("worker-a");
        rpc = new RpcClient(apiPort);
        callbacks = new CallbackReceiver();
        s3 = cluster.s3();
        input = GameFixtures.uploadDemoGame(s3, "media", "games/scale.mp4");
    }

    @AfterAll
    static void stopCluster() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(cluster);
        parts.add(callbacks);
        parts.add(api);
        parts.addAll(workers.values());
        ExternalCluster.closeAll(parts);
    }

    @Test
    @Order(1)
    void oneWorkerThroughput() throws Exception {
        Map<String, JsonNode> jobs = runJobs("one", 10, LIGHT_OUTPUT);
        assertThat(jobs.values()).allSatisfy(job -> assertThat(job.path("Worker").asText()).isEqualTo("worker-a"));
    }

    @Test
    @Order(2)
    void twentyJobsSpreadOverTwoWorkersEachFinishedOnce() throws Exception {
        startWorker("worker-b");
        Map<String, JsonNode> jobs = runJobs("two", 20, LIGHT_OUTPUT);
        Set<String> usedWorkers = new HashSet<>();
        for (JsonNode job : jobs.values()) {
            usedWorkers.add(job.path("Worker").asText());
            assertThat(job.path("Attempts").asInt()).as("processed once: %s", job).isEqualTo(1);
            assertThat(job.path("SubJobList")).hasSize(1);
        }
        assertThat(usedWorkers).containsExactlyInAnyOrder("worker-a", "worker-b");
        assertOneCallbackEach(jobs.keySet(), "/two");
    }

    @Test
    @Order(3)
    void aKilledWorkersJobIsFinishedByTheOther() throws Exception {
        String jobId = submit("kill", 0, "\"Width\":1080,\"Height\":1920,\"MaxDuration\":30");
        JsonNode running = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId), job -> "Rendering".equals(job.path("Stage").asText()));
        String victim = running.path("Worker").asText();

        // No prefetch hoarding: while the victim is busy, queued jobs go to the idle worker, not into its buffer.
        Map<String, JsonNode> meanwhile = runJobs("meanwhile", 3, LIGHT_OUTPUT);
        assertThat(meanwhile.values()).allSatisfy(job -> assertThat(job.path("Worker").asText()).isNotEqualTo(victim));
        assertThat(job(jobId).path("Status").asText()).as("heavy job still running").isEqualTo("Processing");

        workers.get(victim).kill();

        JsonNode done = awaitEnd(jobId, Duration.ofMinutes(3));
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertThat(done.path("Worker").asText()).isNotEqualTo(victim);
        assertThat(done.path("Attempts").asInt()).isEqualTo(2);
        assertThat(s3.headObject(b -> b.bucket("outputs").key("scale/kill/0_0.mp4")).contentLength()).isPositive();
        assertOneCallbackEach(Set.of(jobId), "/kill");
        startWorker(victim); // back to two for what follows
    }

    @Test
    @Order(4)
    void clientTokenHoldsUnderConcurrencyOnPostgres() throws Exception {
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return rpc.call(RpcApi.SUBMIT, "ClientToken", "pg-race",
                            "InputConfig", inputConfig(), "OutputConfig",
                            "{\"MediaURL\":\"s3://outputs/scale/race.mp4\"," + LIGHT_OUTPUT + "}")
                            .body().path("JobId").asText();
                }));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertThat(ids).hasSize(1);
            assertThat(awaitEnd(ids.iterator().next(), Duration.ofMinutes(1)).path("Status").asText()).isEqualTo("Finished");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Submits {@code count} jobs at once and waits for all; prints the throughput. */
    private Map<String, JsonNode> runJobs(String batch, int count, String output) throws Exception {
        long started = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(submit(batch, i, output));
        }
        Map<String, JsonNode> done = new HashMap<>();
        for (String id : ids) {
            JsonNode job = awaitEnd(id, Duration.ofMinutes(5));
            assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
            done.put(id, job);
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        System.out.printf("THROUGHPUT %s: %d jobs with %d worker(s) in %.1f s = %.1f jobs/min%n", batch, count,
                workers.size(), minutes * 60, count / minutes);
        return done;
    }

    private String submit(String batch, int index, String output) throws Exception {
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT, "InputConfig", inputConfig(),
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/scale/" + batch + "/" + index + "_{index}.mp4\"," + output + "}",
                "UserData", "{\"NotifyAddress\":\"" + callbacks.url("/" + batch) + "\"}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        return answer.body().path("JobId").asText();
    }

    private static String inputConfig() {
        return "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}";
    }

    private void assertOneCallbackEach(Set<String> jobIds, String path) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> callbackCounts(path).keySet().containsAll(jobIds));
        // and no duplicate shows up in the next 2 s (fails the moment one does)
        await("one callback per job at " + path).during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> callbackCounts(path).values().stream().allMatch(n -> n == 1));
        Map<String, Integer> counts = callbackCounts(path);
        for (String jobId : jobIds) {
            assertThat(counts.get(jobId)).as("callbacks for %s", jobId).isEqualTo(1);
        }
    }

    private static Map<String, Integer> callbackCounts(String path) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (CallbackReceiver.Received received : callbacks.receivedAt(path)) {
            counts.merge(JSON.readTree(received.body()).path("MessageBody").path("JobId").asText(), 1, Integer::sum);
        }
        return counts;
    }

    private JsonNode awaitEnd(String jobId, Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> job(jobId),
                job -> Set.of("Finished", "Failed", "Canceled").contains(job.path("Status").asText()));
    }

    private JsonNode job(String jobId) throws Exception {
        return rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
    }

    private static void startWorker(String name) throws Exception {
        workers.put(name, startCourtside(name, CourtsideTestBase.freePort(), "--courtside.roles.api=false"));
    }

    private static ChildJvm startCourtside(String name, int port, String role) throws Exception {
        return cluster.process(name).httpPort(port).arg(role).callbacksToLoopback(200)
                // A killed worker's job is taken over once its lease has run out and been swept (30 s + 30 s +
                // up to 15 s by default): shorter here, so the takeover fits the test's wait.
                .arg("--courtside.worker.lease=10s", "--courtside.worker.lease-renew-interval=3s",
                        "--courtside.worker.lease-sweep-interval=5s", "--courtside.worker.lease-sweep-grace=5s")
                .readyWithin(Duration.ofMinutes(2)).start();
    }
}
