package io.courtside.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.storage.EmbeddedObjectStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/** What operators see: progress that moves during a stage, per-stage durations, metrics, readiness, job logs. */
@ExtendWith(OutputCaptureExtension.class)
class ProgressAndMetricsTest extends CourtsideTestBase {

    @LocalServerPort
    int port;
    @Autowired
    S3Client s3;
    @Autowired
    EmbeddedObjectStore store;

    @Test
    void progressMovesAndStagesAreTimedAndMeasured(CapturedOutput log) throws Exception {
        RpcClient rpc = new RpcClient(port);
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/progress.mp4");
        String jobId = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/progress/h_{index}.mp4\",\"Count\":2,\"Width\":1080,"
                        + "\"Height\":1920,\"MaxDuration\":12}")
                .body().path("JobId").asText();

        Set<Integer> seenWhileRendering = new TreeSet<>();
        // An upper bound only (a loaded 2-core machine renders the two 1080x1920 outputs in minutes).
        JsonNode job = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode now = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
            if ("Rendering".equals(now.path("Stage").asText())) {
                seenWhileRendering.add(now.path("Progress").asInt());
            }
            return now;
        }, now -> Set.of("Finished", "Failed", "Canceled").contains(now.path("Status").asText()));

        assertThat(job.path("Status").asText()).isEqualTo("Finished");
        // Rendering two outputs starts at 50 and 74; values besides those show progress inside the stage.
        assertThat(seenWhileRendering.stream().filter(p -> p != 50 && p != 74 && p < 98))
                .as("progress seen while rendering: %s", seenWhileRendering).hasSizeGreaterThanOrEqualTo(2);
        JsonNode stages = job.path("StageDurations");
        for (String stage : java.util.Arrays.stream(io.courtside.kernel.Stage.values()).map(Enum::name).toArray(String[]::new)) {
            assertThat(stages.path(stage).asDouble(-1)).as("%s in %s", stage, stages).isGreaterThanOrEqualTo(0);
        }
        assertThat(stages.path("Rendering").asDouble()).isGreaterThan(stages.path("Selecting").asDouble());

        // Every line about the job carries its JobId, on the API thread and on the worker alike.
        String tag = "[" + jobId + "]";
        for (String line : new String[] {"Job accepted", "Job started (attempt 1)", "Stage Analysing done in",
                "Stage Rendering done in", "Job finished"}) {
            assertThat(log.getOut().lines().filter(l -> l.contains(line)).toList()).as(line)
                    .isNotEmpty().allMatch(l -> l.contains(tag));
        }

        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).contains("courtside_jobs{status=\"Finished\"}");
        assertThat(metrics).containsPattern("courtside_stage_duration_seconds_count\\{[^}]*stage=\"Rendering\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("courtside_media_fps_count\\{[^}]*kind=\"encode\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("courtside_media_fps_count\\{[^}]*kind=\"decode\"[^}]*} [1-9]");
        assertThat(metrics).contains("courtside_queue_depth{queue=\"courtside.jobs\"}");
    }

    @Test
    void readinessFollowsTheObjectStore() throws Exception {
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        store.stop();
        try {
            HttpResponse<String> down = get("/actuator/health/readiness");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).contains("\"DOWN\"");
        } finally {
            store.start();
        }
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
