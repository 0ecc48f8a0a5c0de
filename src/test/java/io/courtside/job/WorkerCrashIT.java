package io.courtside.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CallbackReceiver;
import io.courtside.ChildJvm;
import io.courtside.GameFixtures;
import io.courtside.MediaProbe;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.api.RpcApi;
import io.courtside.storage.FaultProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The packaged service on its embedded defaults (broker, store and database in one process, as a single-node
 * install runs it), killed with SIGKILL in the middle of analysis and in the middle of rendering, and stopped
 * with SIGTERM mid-render (within and past the shutdown timeout) while a callback waits for a receiver that is
 * down; each time it is started again on the same data directory and worker id. Every job finishes once, with
 * one set of outputs, one callback, and no work folder left behind; a job whose every attempt dies ends Failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkerCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEAVY_OUTPUT = "\"Width\":720,\"Height\":1280,\"MaxDuration\":16";
    private static final String LIGHT_OUTPUT = "\"Width\":320,\"Height\":180,\"MaxDuration\":4";

    static Path root;
    static int starts;
    static ServiceProcess described;
    static ChildJvm service;
    static RpcClient rpc;
    static S3Client s3;
    static CallbackReceiver callbacks;
    static FaultProxy storeRelay;
    static String shortInput;
    static String longInput;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("courtside-crash-");
        described = ServiceProcess.embedded(root).buckets("courtside", "outputs").workerId("crash-worker")
                .callbacksToLoopback(500)
                .arg("--courtside.callbacks.retry-max-delay=2000", "--courtside.callbacks.timeout=1s");
        callbacks = new CallbackReceiver();
        storeRelay = new FaultProxy(described.storePort());
        startService();
        rpc = described.rpc();
        s3 = described.storeClient();
        shortInput = GameFixtures.uploadDemoGame(s3, "courtside", "games/short.mp4");
        longInput = GameFixtures.uploadLongGame(s3, "courtside", "games/long.mp4", root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.kill();
        }
        callbacks.close();
        storeRelay.close();
    }

    @Test
    @Order(1)
    void killedDuringAnalysisTheJobFinishesAfterRestart() throws Exception {
        String jobId = submit(longInput, "analysis", LIGHT_OUTPUT);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId), job -> "Analysing".equals(job.path("Stage").asText()));
        service.kill();
        assertThat(workFolder(jobId)).as("the dead attempt's files are there before the restart").exists();
        startService();

        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertThat(done.path("Attempts").asInt()).isEqualTo(2);
        assertPlayable("crash/analysis/0.mp4", 3.0);
        assertOneCallback(jobId, "/analysis");
        assertThat(workFolder(jobId)).doesNotExist();
    }

    @Test
    @Order(2)
    void killedDuringRenderingTheUploadedOutputIsKeptAndTheRestFinished() throws Exception {
        String jobId = submit(shortInput, "render", HEAVY_OUTPUT + ",\"Count\":2");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId), job -> job.path("SubJobList").size() == 1
                        && "Rendering".equals(job.path("Stage").asText()));
        HeadObjectResponse first = s3.headObject(b -> b.bucket("outputs").key("crash/render/0.mp4"));
        service.kill(); // while output 1 renders: output 0 is uploaded and recorded, output 1 not yet
        startService("--camel.main.shutdown-timeout=1"); // for the next test

        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertThat(done.path("Attempts").asInt()).isEqualTo(2);
        assertThat(done.path("SubJobList")).hasSize(2);
        HeadObjectResponse kept = s3.headObject(b -> b.bucket("outputs").key("crash/render/0.mp4"));
        assertThat(kept.eTag()).as("output 0 not uploaded again").isEqualTo(first.eTag());
        assertThat(kept.lastModified()).isEqualTo(first.lastModified());
        assertPlayable("crash/render/0.mp4", 10);
        assertPlayable("crash/render/1.mp4", 10);
        assertOneCallback(jobId, "/render");
        assertThat(workFolder(jobId)).doesNotExist();
    }

    @Test
    @Order(3)
    void sigtermMidRenderPastTheShutdownTimeoutPutsTheJobBackOnTheQueue() throws Exception {
        String jobId = submit(shortInput, "requeued", HEAVY_OUTPUT);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> job(jobId), job -> "Rendering".equals(job.path("Stage").asText()));
        service.close(); // SIGTERM; the render takes longer than the 1 s this service waits for it
        boolean finishedBeforeStop = finishedIn(starts, jobId);
        System.out.printf("SIGTERM past the shutdown timeout: the job %s%n",
                finishedBeforeStop ? "finished first" : "went back to the queue");
        startService();

        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        if (!finishedBeforeStop) {
            assertThat(done.path("Attempts").asInt()).isEqualTo(2);
        }
        assertPlayable("crash/requeued/0.mp4", 10);
        assertOneCallback(jobId, "/requeued");
    }

    @Test
    @Order(4)
    void sigtermMidRenderWithACallbackPendingLosesNothing() throws Exception {
        // A receiver that is down (HTTP 500), then too slow (the sender times out), then back: across a restart.
        callbacks.failNext(1_000);
        String waiting = submit(shortInput, "pending", LIGHT_OUTPUT);
        await().atMost(Duration.ofMinutes(1)).until(() -> job(waiting).path("CallbackAttempts").size() >= 2);
        String inFlight = submit(shortInput, "sigterm", HEAVY_OUTPUT);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(inFlight), job -> "Rendering".equals(job.path("Stage").asText()));
        long stopping = System.nanoTime();
        service.close(); // SIGTERM
        double stopSeconds = (System.nanoTime() - stopping) / 1e9;
        boolean finishedBeforeStop = finishedIn(starts, inFlight);
        System.out.printf("SIGTERM mid-render: the service stopped in %.1f s; the job %s%n", stopSeconds,
                finishedBeforeStop ? "finished first" : "went back to the queue");
        assertThat(stopSeconds).as("graceful stop within camel.main.shutdown-timeout and a margin").isLessThan(45);

        callbacks.failNext(0);
        callbacks.slowNext(1, 2_500);
        startService();

        JsonNode done = awaitEnd(inFlight);
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertThat(done.path("Attempts").asInt()).isEqualTo(finishedBeforeStop ? 1 : 2);
        assertPlayable("crash/sigterm/0.mp4", 10);
        assertOneCallback(inFlight, "/sigterm");
        assertOneCallback(waiting, "/pending");
        assertThat(job(waiting).path("CallbackAttempts").toString()).contains("refused").contains("delivered");
        try (Stream<Path> left = Files.list(root.resolve("data").resolve("work"))) {
            assertThat(left.toList()).as("work folders left").isEmpty();
        }
    }

    @Test
    @Order(5)
    void aJobWhoseAttemptsAllDieEndsFailedInsteadOfLooping() throws Exception {
        String jobId = submit(longInput, "doomed", LIGHT_OUTPUT);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId), job -> "Analysing".equals(job.path("Stage").asText()));
        service.kill(); // as a source that crashes the decoder would
        // Also, for the next test: the service reaches its store through a relay that can slow uploads down.
        startService("--courtside.worker.max-attempts=1", "--camel.main.shutdown-timeout=1",
                "--courtside.storage.endpoint=http://127.0.0.1:" + storeRelay.port());

        JsonNode failed = awaitEnd(jobId);
        assertThat(failed.path("Status").asText()).as("job %s", failed).isEqualTo("Failed");
        assertThat(failed.path("Extend").path("ErrorCode").asText()).isEqualTo(JobStart.ATTEMPTS_EXCEEDED);
        assertThat(failed.path("Attempts").asInt()).isEqualTo(2);
        CallbackReceiver.Received doomed = callbacks.awaitOnlyOne("/doomed", Duration.ofSeconds(60), Duration.ofSeconds(2));
        assertThat(JSON.readTree(doomed.body()).path("MessageBody").path("ErrorCode")
                .asText()).isEqualTo(JobStart.ATTEMPTS_EXCEEDED);
        assertThat(workFolder(jobId)).doesNotExist();
        assertThat(objectExists("crash/doomed/0.mp4")).isFalse();
    }

    @Test
    @Order(6)
    void sigtermMidUploadLeavesNoPartialObjectAtTheMediaUrl() throws Exception {
        storeRelay.throttle(200_000); // bytes per second: the upload takes several seconds
        String jobId = submit(shortInput, "upload", HEAVY_OUTPUT);
        // An upper bound only: at load ~17 on 2 cores the 720x1280 render took over the minute this used to allow.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> job(jobId), job -> "Uploading".equals(job.path("Stage").asText()));
        long uploadStart = storeRelay.toServer.get(); // the upload is under way once the relay carries its bytes
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> storeRelay.toServer.get() - uploadStart > 50_000);
        service.close(); // SIGTERM; the upload takes longer than the 1 s this service waits for it
        storeRelay.throttle(0);
        boolean finishedBeforeStop = finishedIn(starts, jobId);
        System.out.printf("SIGTERM mid-upload: the job %s%n", finishedBeforeStop ? "finished first" : "went back to the queue");
        // What the store would serve at the MediaURL now is the file under its data directory: nothing, or all.
        Path stored = root.resolve("data").resolve("s3").resolve("outputs").resolve("crash").resolve("upload");
        try (Stream<Path> files = Files.exists(stored) ? Files.list(stored) : Stream.empty()) {
            List<Path> visible = files.toList();
            System.out.printf("SIGTERM mid-upload: files in the store under crash/upload/: %s%n", visible);
            for (Path file : visible) {
                if (file.getFileName().toString().equals("0.vtt")) {
                    continue; // the captions beside it: one small PUT, there whole or not at all
                }
                assertThat(file.getFileName().toString()).isEqualTo("0.mp4");
                assertThat(MediaProbe.of(file).durationSeconds()).as("a complete output").isGreaterThanOrEqualTo(10);
            }
        }
        startService();

        JsonNode done = awaitEnd(jobId);
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertPlayable("crash/upload/0.mp4", 10);
        assertThat(s3.listObjectsV2(b -> b.bucket("outputs").prefix("crash/upload/")).contents())
                .as("objects under crash/upload/").extracting(S3Object::key)
                .containsExactlyInAnyOrder("crash/upload/0.mp4", "crash/upload/0.vtt");
        assertOneCallback(jobId, "/upload");
    }

    private static boolean finishedIn(int start, String jobId) throws Exception {
        return Files.readAllLines(root.resolve("service-" + start + ".log")).stream()
                .anyMatch(line -> line.contains(jobId) && line.contains("Job finished"));
    }

    private static void startService(String... extra) throws Exception {
        starts++;
        service = described.startAs("service-" + starts, extra);
    }

    private static String submit(String input, String name, String output) throws Exception {
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/crash/" + name + "/{index}.mp4\"," + output + "}",
                "UserData", "{\"NotifyAddress\":\"" + callbacks.url("/" + name) + "\"}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        return answer.body().path("JobId").asText();
    }

    private static Path workFolder(String jobId) {
        return root.resolve("data").resolve("work").resolve(jobId);
    }

    private static boolean objectExists(String key) {
        try {
            s3.headObject(b -> b.bucket("outputs").key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    /** The whole object is a playable MP4 of at least {@code minSeconds}: no partial upload. */
    private static void assertPlayable(String key, double minSeconds) throws Exception {
        Path copy = Files.createTempFile(root, "out-", ".mp4");
        Files.write(copy, s3.getObjectAsBytes(b -> b.bucket("outputs").key(key)).asByteArray());
        assertThat(MediaProbe.of(copy).durationSeconds()).as(key).isGreaterThanOrEqualTo(minSeconds);
    }

    private static void assertOneCallback(String jobId, String path) throws Exception {
        JsonNode body = JSON.readTree(callbacks.awaitOnlyOne(path, Duration.ofSeconds(60), Duration.ofSeconds(2)).body())
                .path("MessageBody");
        assertThat(body.path("JobId").asText()).isEqualTo(jobId);
        assertThat(body.path("Status").asText()).isEqualTo("Finished");
    }

    private static JsonNode awaitEnd(String jobId) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> job(jobId),
                job -> Set.of("Finished", "Failed", "Canceled").contains(job.path("Status").asText()));
    }

    private static JsonNode job(String jobId) throws Exception {
        return rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
    }
}
