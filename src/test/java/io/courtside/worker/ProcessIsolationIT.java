package io.courtside.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CallbackReceiver;
import io.courtside.ChildJvm;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.api.RpcApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged service on its defaults: jobs run in a supervised child JVM (courtside.worker.isolation=process),
 * the API, embedded broker, store and database in the service's own. A real native crash of the worker (SIGSEGV
 * delivered to the child while FFmpeg decodes: HotSpot's fatal error handler writes its hs_err report and the
 * process dies) leaves the API answering throughout; the service starts a new child, the broker redelivers the
 * job, and it ends Finished once, with one callback. The service's own JVM never takes a job.
 */
class ProcessIsolationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path root;
    static ChildJvm service;
    static RpcClient rpc;
    static S3Client s3;
    static CallbackReceiver callbacks;
    static String longInput;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("courtside-isolation-");
        callbacks = new CallbackReceiver();
        ServiceProcess described = ServiceProcess.embedded(root).workerProcesses().brokerTcpPort()
                .buckets("courtside", "outputs").callbacksToLoopback(500)
                .crashReportsInRoot(); // a crashing JVM's report goes to the test's folder, not the project's
        service = described.start();
        rpc = described.rpc();
        s3 = described.storeClient();
        longInput = GameFixtures.uploadLongGame(s3, "courtside", "games/long.mp4", root);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            List<ProcessHandle> workers = workers().toList();
            service.close();
            // no orphans: the service stops its worker processes when it stops
            for (ProcessHandle worker : workers) {
                assertThat(worker.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
            }
        }
        if (callbacks != null) {
            callbacks.close();
        }
    }

    @Test
    void aSegfaultInTheWorkerProcessLeavesTheApiUpAndTheJobEndsOnce() throws Exception {
        ProcessHandle first = await().atMost(Duration.ofMinutes(2)).until(ProcessIsolationIT::worker, Optional::isPresent)
                .orElseThrow();
        // the worker process is up and consuming (it logs its start to the service's output)
        await().atMost(Duration.ofMinutes(5)).until(() -> started(first));
        assertThat(first.parent().map(ProcessHandle::pid)).contains(service.handle().pid());

        String jobId = submit("segv");
        JsonNode analysing = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId), job -> "Analysing".equals(job.path("Stage").asText()));
        // A worker process takes the id of its slot (the service's own id + "-w1"), kept across its restarts so a
        // restarted one takes over its predecessor's lease at once; the service itself takes no jobs.
        String slotId = service.handle().pid() + "@";
        assertThat(analysing.path("Worker").asText()).as("the child runs the job, not the service")
                .startsWith(slotId).endsWith("-w1");

        // inside the decode pass: the analysis has reported progress past the stage's start
        int analysingFrom = analysing.path("Progress").asInt();
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId).path("Progress").asInt() > analysingFrom);
        // The API is asked all through the crash and the restart.
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread poller = new Thread(() -> {
            while (polling.get()) {
                try {
                    RpcClient.Answer answer = rpc.call(RpcApi.GET, "JobId", jobId);
                    if (answer.status() == 200) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(answer.status() + " " + answer.body());
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        });
        poller.start();

        Process kill = new ProcessBuilder("kill", "-SEGV", Long.toString(first.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(first.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        int answeredBeforeRestart = answered.get();
        ProcessHandle second = await().atMost(Duration.ofMinutes(1))
                .until(ProcessIsolationIT::worker, w -> w.isPresent() && w.get().pid() != first.pid()).orElseThrow();

        JsonNode done = await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofMillis(500))
                .until(() -> job(jobId), job -> Set.of("Finished", "Failed", "Canceled")
                        .contains(job.path("Status").asText()));
        polling.set(false);
        poller.join();

        assertThat(failures).as("API answers during the crash").isEmpty();
        assertThat(answered.get()).isGreaterThan(answeredBeforeRestart);
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertThat(done.path("Attempts").asInt()).isEqualTo(2);
        assertThat(done.path("Worker").asText()).isEqualTo(analysing.path("Worker").asText());
        assertThat(second.isAlive()).as("the restarted worker process").isTrue();
        // A real native crash: HotSpot's fatal error report of the worker names the signal.
        Path report = root.resolve("hs_err_" + first.pid() + ".log");
        assertThat(report).exists();
        assertThat(Files.readString(report)).contains("SIGSEGV");
        assertThat(service.log()).contains("Worker process 1 (pid " + first.pid() + ") exited with signal");
        assertThat(service.handle().isAlive()).isTrue();

        // one, and no duplicate shows up in the next 3 s
        JsonNode body = JSON.readTree(callbacks.awaitOnlyOne("/segv", Duration.ofSeconds(60), Duration.ofSeconds(3))
                .body()).path("MessageBody");
        assertThat(body.path("JobId").asText()).isEqualTo(jobId);
        assertThat(body.path("Status").asText()).isEqualTo("Finished");
    }

    /** The service's worker processes (children started with courtside.worker.exit-with-parent). */
    static Stream<ProcessHandle> workers() {
        return service.handle().children().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("courtside.worker.exit-with-parent=true"));
    }

    static boolean started(ProcessHandle worker) throws java.io.IOException {
        return service.log().lines().anyMatch(line -> line.contains(" " + worker.pid() + " --- ")
                && line.contains("Started CourtsideApplication"));
    }

    static Optional<ProcessHandle> worker() {
        return workers().findFirst();
    }

    private static String submit(String name) throws Exception {
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + longInput + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/isolation/" + name + "/{index}.mp4\","
                        + "\"Width\":320,\"Height\":180,\"MaxDuration\":4}",
                "UserData", "{\"NotifyAddress\":\"" + callbacks.url("/" + name) + "\"}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        return answer.body().path("JobId").asText();
    }

    private static JsonNode job(String jobId) throws Exception {
        return rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
    }
}
