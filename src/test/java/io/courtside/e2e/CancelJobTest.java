package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * CancelSportsHighlightsJob: a queued job never starts; a running job stops within seconds, cleans its files,
 * uploads nothing further; both end Canceled with one callback saying so.
 */
class CancelJobTest extends EndToEndTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    CamelContext camel;

    String input;

    @BeforeEach
    void upload() throws Exception {
        input = GameFixtures.uploadDemoGame(s3, "courtside", "games/cancel.mp4");
    }


    @Test
    void runningAndQueuedJobsAreCanceled() throws Exception {
        // Both jobs' messages are taken by the worker and done with: the running one's when it stops, the queued
        // one's after it (a canceled job is not started).
        NotifyBuilder bothTaken = new NotifyBuilder(camel).fromRoute("process-job").whenDone(2).create();
        // The worker runs one job at a time: "running" occupies it, so "queued" waits behind it.
        String running = submit("running", "\"Count\":2,\"Width\":1080,\"Height\":1920,\"MaxDuration\":30");
        String queued = submit("queued", "\"Width\":320,\"Height\":180,\"MaxDuration\":4");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> "Rendering".equals(job(running).path("Stage").asText()));
        assertThat(job(queued).path("Status").asText()).isEqualTo("Init");

        RpcClient.Answer cancelQueued = rpc.call(RpcApi.CANCEL, "JobId", queued);
        assertThat(cancelQueued.status()).isEqualTo(200);
        assertThat(cancelQueued.body().path("Status").asText()).isEqualTo("Canceled");
        long canceledAt = System.nanoTime();
        assertThat(rpc.call(RpcApi.CANCEL, "JobId", running).body().path("Status").asText()).isEqualTo("Canceled");

        // The running job's worker stops within seconds and removes its work folder.
        Path workDir = DATA_DIR.resolve("work").resolve(running);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> !Files.exists(workDir));
        double stopSeconds = (System.nanoTime() - canceledAt) / 1e9;
        assertThat(stopSeconds).isLessThan(5.0);

        // The queued job's message has reached the worker once it is free: it must not have started.
        assertThat(bothTaken.matches(30, TimeUnit.SECONDS)).as("the worker took both messages").isTrue();
        JsonNode queuedJob = job(queued);
        assertThat(queuedJob.path("Status").asText()).isEqualTo("Canceled");
        assertThat(queuedJob.path("Attempts").asInt()).isZero();
        JsonNode runningJob = job(running);
        assertThat(runningJob.path("Status").asText()).isEqualTo("Canceled");
        assertThat(runningJob.path("SubJobList")).isEmpty();
        assertThat(s3.listObjectsV2(b -> b.bucket("outputs").prefix("cancel/")).contents()).isEmpty();

        for (String name : new String[] {"running", "queued"}) {
            JsonNode body = JSON.readTree(receiver.awaitOnlyOne("/" + name, Duration.ofSeconds(20), Duration.ofSeconds(1))
                    .body()).path("MessageBody");
            assertThat(body.path("Status").asText()).isEqualTo("Canceled");
        }

        RpcClient.Answer again = rpc.call(RpcApi.CANCEL, "JobId", running);
        assertThat(again.code()).isEqualTo("InvalidParameter");
        assertThat(again.message()).contains("already ended (Canceled)");
        assertThat(rpc.call(RpcApi.CANCEL, "JobId", "0123456789abcdef0123456789abcdef").code())
                .isEqualTo("ResourceNotFound");
    }

    private String submit(String name, String output) throws Exception {
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/cancel/" + name + "_{index}.mp4\"," + output + "}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url("/" + name) + "\"}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        return answer.body().path("JobId").asText();
    }

    private JsonNode job(String jobId) throws Exception {
        return rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
    }
}
