package io.courtside.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CallbackReceiver;
import io.courtside.ChildJvm;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.api.RpcApi;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service on its embedded defaults, killed with SIGKILL while its callback receiver holds the
 * callback's request open (the send is in flight, nothing answered yet). The callback message was consumed in a
 * broker transaction that never committed, so after the restart it is sent again: the callback arrives once.
 */
class CallbackCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ServiceProcess described;
    static int starts;
    static ChildJvm service;
    static CallbackReceiver callbacks;

    @BeforeAll
    static void start() throws Exception {
        described = ServiceProcess.embedded(Files.createTempDirectory("courtside-callback-crash-"))
                .buckets("courtside", "outputs").workerId("callback-crash-worker").callbacksToLoopback(500)
                .arg("--courtside.callbacks.retry-max-delay=2000")
                .readyWithin(Duration.ofMinutes(6)); // a loaded machine is slow to start
        callbacks = new CallbackReceiver();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.kill();
        }
        callbacks.close();
    }

    @Test
    void killedMidSendTheCallbackArrivesOnceAfterRestart() throws Exception {
        // The first start waits up to a minute for the receiver, so the send is surely in flight at the kill.
        startService("--courtside.callbacks.timeout=60s", "--courtside.callbacks.deadline=60s");
        RpcClient rpc = described.rpc();
        callbacks.holdNext(1);
        String jobId = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/none/x.mp4\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/crash/x.mp4\"}",
                "UserData", "{\"NotifyAddress\":\"" + callbacks.url("/held") + "\"}").body().path("JobId").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> callbacks.arrivedAt("/held") == 1);
        service.kill(); // kill -9 while the receiver holds the request: the sender never learns the outcome
        callbacks.releaseHeld();
        assertThat(callbacks.receivedAt("/held")).isEmpty();

        long restarted = System.nanoTime();
        startService();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100))
                .until(() -> callbacks.receivedAt("/held").size() == 1);
        System.out.printf("callback delivered %.1f s after the restart began%n", (System.nanoTime() - restarted) / 1e9);
        callbacks.awaitOnlyOne("/held", Duration.ofSeconds(1), Duration.ofSeconds(3)); // no duplicate within 3 s
        assertThat(callbacks.arrivedAt("/held")).as("the held try, then the one after the restart").isEqualTo(2);
        JsonNode body = JSON.readTree(callbacks.receivedAt("/held").get(0).body()).path("MessageBody");
        assertThat(body.path("JobId").asText()).isEqualTo(jobId);
        assertThat(body.path("Status").asText()).isEqualTo("Failed");
        List<String> outcomes = new ArrayList<>();
        rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob").path("CallbackAttempts")
                .forEach(a -> outcomes.add(a.path("Outcome").asText()));
        assertThat(outcomes).containsExactly("delivered");
    }

    private static void startService(String... extra) throws Exception {
        starts++;
        service = described.startAs("service-" + starts, extra); // killed by stop() even if it hangs later
    }
}
