package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CallbackReceiver;
import io.courtside.CallbackReceiver.Endless;
import io.courtside.api.RpcApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Receivers that answer 200 and then never finish: one streams an endless body as fast as it can, one trickles a
 * byte a second (each read well within {@code courtside.callbacks.timeout}). Neither holds back the callback of
 * another job to a healthy receiver, and each bad try is cut off (by the answer cap, by the deadline) and retried
 * until retries run out. The shared test instance: deadline 3 s, retry-for 2.5 s, 4 consumers (the default).
 */
class CallbackStallTest extends EndToEndTestBase {

    @Test
    void endlessAndTricklingReceiversDoNotStallOtherCallbacksAndAreCutOffAndRetried() throws Exception {
        receiver.answerEndlessly("/endless", Endless.STREAM);
        receiver.answerEndlessly("/trickle", Endless.TRICKLE);
        String endless = submitFailingJob("/endless");
        String trickle = submitFailingJob("/trickle");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> receiver.arrivedAt("/endless") >= 1 && receiver.arrivedAt("/trickle") >= 1);

        // While the trickling answer is still being sent, another job's callback goes to a healthy receiver.
        long submitted = System.nanoTime();
        String healthy = submitFailingJob("/healthy");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> receiver.receivedAt("/healthy").size() == 1);
        double healthySeconds = (System.nanoTime() - submitted) / 1e9;
        System.out.printf("healthy callback %.2f s after its submit, beside an endless and a trickling receiver%n",
                healthySeconds);
        assertThat(receiver.cutOffsAt("/trickle")).as("the trickling try is still in flight").isEmpty();
        assertThat(healthySeconds).as("not held behind the stalled receivers").isLessThan(2.5);
        // the sender records its try once the receiver's answer is in, a moment after the receiver has the body
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(outcomes(healthy)).containsExactly("delivered"));

        // The trickling try ends at the deadline (3 s) and is tried again; so is the endless one, at the cap.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> attempts(trickle).size() >= 2 && attempts(endless).size() >= 2);
        List<CallbackReceiver.CutOff> trickleCuts = receiver.cutOffsAt("/trickle");
        System.out.printf("trickling receiver cut off: %s; endless receiver cut off: %s%n", trickleCuts,
                receiver.cutOffsAt("/endless"));
        assertThat(receiver.arrivedAt("/trickle")).as("retried").isGreaterThanOrEqualTo(2);
        assertThat(trickleCuts).isNotEmpty();
        assertThat(trickleCuts.get(0).afterMillis()).as("cut off by the 3 s deadline").isBetween(2_000L, 6_000L);
        assertThat(attempts(trickle).get(0).path("Outcome").asText()).isEqualTo("unreachable");
        assertThat(attempts(trickle).get(0).path("Detail").asText()).contains("courtside.callbacks.deadline");
        assertThat(receiver.arrivedAt("/endless")).as("retried").isGreaterThanOrEqualTo(2);
        assertThat(attempts(endless).get(0).path("Outcome").asText()).isEqualTo("refused");
        assertThat(attempts(endless).get(0).path("Detail").asText()).contains("courtside.callbacks.max-answer-bytes");
        assertThat(receiver.cutOffsAt("/endless").get(0).bytesSent()).as("read no further than the cap and buffers")
                .isLessThan(4L * 1024 * 1024);
        assertThat(receiver.receivedAt("/endless")).isEmpty();
        assertThat(receiver.receivedAt("/trickle")).isEmpty();
    }

    /** A job that fails at once (its input does not exist), so its callback is sent within a second. */
    private String submitFailingJob(String path) throws Exception {
        return rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/none/x.mp4\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/stall/x.mp4\"}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url(path) + "\"}").body().path("JobId").asText();
    }

    private List<JsonNode> attempts(String jobId) throws Exception {
        List<JsonNode> attempts = new ArrayList<>();
        rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob").path("CallbackAttempts")
                .forEach(attempts::add);
        return attempts;
    }

    private List<String> outcomes(String jobId) throws Exception {
        return attempts(jobId).stream().map(a -> a.path("Outcome").asText()).toList();
    }
}
