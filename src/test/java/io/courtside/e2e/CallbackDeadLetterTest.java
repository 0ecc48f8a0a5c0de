package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CallbackReceiver;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A callback receiver that keeps failing: every attempt is recorded, the callback ends in the callback
 * dead-letter queue, and an operator replays it once the receiver is back.
 */
class CallbackDeadLetterTest extends CourtsideTestBase {

    @LocalServerPort
    int port;

    @Test
    void undeliverableCallbackIsKeptAndReplayed() throws Exception {
        RpcClient rpc = new RpcClient(port);
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            receiver.failNext(1000);
            String jobId = submitJobNotifying(rpc, receiver.url("/down"));

            JsonNode letter = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> deadLetterFor(rpc, jobId), found -> found != null);
            assertThat(letter.path("OriginalQueue").asText()).isEqualTo("courtside.callbacks");
            List<String> outcomes = outcomes(rpc, jobId);
            // Tries with growing delays until retry-for was used up, all refused.
            assertThat(outcomes).hasSizeGreaterThanOrEqualTo(3).containsOnly("refused");

            receiver.failNext(0);
            RpcClient.Answer replay = rpc.call(RpcApi.REPLAY_DEAD, "Queue", "Callbacks",
                    "MessageId", letter.path("MessageId").asText());
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.body().path("ReplayedTo").asText()).isEqualTo("courtside.callbacks");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/down").size() == 1);
            assertThat(outcomes(rpc, jobId)).last().isEqualTo("delivered");
            assertThat(deadLetterFor(rpc, jobId)).isNull();
            assertThat(rpc.call(RpcApi.REPLAY_DEAD, "Queue", "Callbacks", "MessageId", "ID:nothing").code())
                    .isEqualTo("ResourceNotFound");
            assertThat(rpc.call(RpcApi.LIST_DEAD, "Queue", "Elsewhere").code()).isEqualTo("InvalidParameter");
        }
    }

    @Test
    void recoveringReceiverGetsTheCallbackOnce() throws Exception {
        RpcClient rpc = new RpcClient(port);
        try (CallbackReceiver receiver = new CallbackReceiver()) {
            receiver.failNext(2);
            String jobId = submitJobNotifying(rpc, receiver.url("/flaky"));
            receiver.awaitOnlyOne("/flaky", Duration.ofSeconds(20), Duration.ofMillis(1500));
            assertThat(outcomes(rpc, jobId)).containsExactly("refused", "refused", "delivered");
            assertThat(deadLetterFor(rpc, jobId)).isNull();
        }
    }

    /** A job that fails at once (its input does not exist), so its callback is sent within a second. */
    private static String submitJobNotifying(RpcClient rpc, String callbackUrl) throws Exception {
        return rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/none/x.mp4\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/dead/x.mp4\"}",
                "UserData", "{\"NotifyAddress\":\"" + callbackUrl + "\"}").body().path("JobId").asText();
    }

    private static JsonNode deadLetterFor(RpcClient rpc, String jobId) throws Exception {
        for (JsonNode letter : rpc.call(RpcApi.LIST_DEAD, "Queue", "Callbacks").body().path("DeadLetters")) {
            if (letter.path("JobId").asText().equals(jobId)) {
                return letter;
            }
        }
        return null;
    }

    private static List<String> outcomes(RpcClient rpc, String jobId) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (JsonNode attempt : rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob")
                .path("CallbackAttempts")) {
            outcomes.add(attempt.path("Outcome").asText());
        }
        return outcomes;
    }
}
