package io.courtside.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** Waits through the public API, as a caller would, until a job has ended. */
final class JobPolling {

    private static final Set<String> ENDED = Set.of("Finished", "Failed", "Canceled");

    private JobPolling() {
    }

    static JsonNode awaitEnd(RpcClient rpc, String jobId, Duration timeout) {
        AtomicReference<JsonNode> job = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            JsonNode answer = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
            job.set(answer);
            return ENDED.contains(answer.path("Status").asText());
        });
        return job.get();
    }
}
