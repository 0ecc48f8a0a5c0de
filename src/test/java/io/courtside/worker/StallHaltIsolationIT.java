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
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The stall watchdog's halt ends only the worker process: with a stall timeout so short that every native
 * FFmpeg call in a decode pass counts as stuck, the worker halts (exit 70) on its first attempt; the service keeps
 * answering, starts a new worker, and with max-attempts=1 the redelivered job ends Failed
 * (ProcessingAttemptsExceeded) with one callback.
 */
class StallHaltIsolationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path root;
    static ChildJvm service;
    static RpcClient rpc;
    static CallbackReceiver callbacks;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("courtside-stall-");
        callbacks = new CallbackReceiver();
        ServiceProcess described = ServiceProcess.embedded(root).workerProcesses().brokerTcpPort()
                .callbacksToLoopback(500)
                .arg("--courtside.media.stall-timeout=20ms", "--courtside.worker.max-attempts=1");
        service = described.start();
        rpc = described.rpc();
        S3Client s3 = described.storeClient();
        GameFixtures.uploadDemoGame(s3, "courtside", "games/stall.mp4");
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
    }

    @Test
    void theWatchdogHaltEndsOnlyTheWorkerProcess() throws Exception {
        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/stall.mp4\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://courtside/stall/{index}.mp4\",\"Width\":320,\"Height\":180}",
                "UserData", "{\"NotifyAddress\":\"" + callbacks.url("/stall") + "\"}");
        assertThat(submitted.status()).as("submit %s", submitted.body()).isEqualTo(200);
        String jobId = submitted.body().path("JobId").asText();

        JsonNode done = await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob"),
                        job -> Set.of("Finished", "Failed", "Canceled").contains(job.path("Status").asText()));
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Failed");
        assertThat(done.path("Extend").path("ErrorCode").asText()).isEqualTo("ProcessingAttemptsExceeded");
        String log = service.log();
        assertThat(log).contains("native media code is stuck; halting");
        assertThat(log).containsPattern("Worker process 1 \\(pid \\d+\\) exited with exit code 70");
        assertThat(service.handle().isAlive()).isTrue();
        assertThat(rpc.call(RpcApi.GET, "JobId", jobId).status()).isEqualTo(200);

        JsonNode body = JSON.readTree(callbacks.awaitOnlyOne("/stall", Duration.ofSeconds(60), Duration.ofSeconds(3))
                .body()).path("MessageBody");
        assertThat(body.path("JobId").asText()).isEqualTo(jobId);
        assertThat(body.path("Status").asText()).isEqualTo("Failed");
    }
}
