package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courtside.CourtsideTestBase;
import io.courtside.CourtsideTestBase.TestKeys;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request size, parameter count and size, the per-caller rate limit and the bound on waiting jobs, each with a
 * clear ICE-style answer. No worker runs here, so accepted jobs stay waiting.
 */
// Its own instance (own data folder, store port and broker id) beside the shared one of CourtsideTestBase.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiLimitsTest {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) throws Exception {
        CourtsideTestBase.registerBareInstance(registry, "courtside-limits-");
        registry.add("courtside.roles.worker", () -> "false");
        registry.add("courtside.security.access-keys", () -> TestKeys.ACCESS_KEY_ID + ":" + TestKeys.ACCESS_KEY_SECRET
                + "," + TestKeys.OTHER_KEY_ID + ":" + TestKeys.OTHER_KEY_SECRET);
        registry.add("courtside.security.max-body-bytes", () -> "8KB");
        registry.add("courtside.security.max-parameter-bytes", () -> "2048");
        registry.add("courtside.security.max-parameter-count", () -> "20");
        registry.add("courtside.security.rate-limit-per-second", () -> "5");
        registry.add("courtside.security.rate-limit-burst", () -> "10");
        registry.add("courtside.api.max-queued-jobs", () -> "3");
    }

    private static final String INPUT = "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/l/none.mp4\"}";
    private static final String OUTPUT = "{\"MediaURL\":\"s3://outputs/l/h.mp4\"}";

    @LocalServerPort
    int port;

    @Test
    void oversizedRequestsAndParametersAreRefused() throws Exception {
        RpcClient rpc = new RpcClient(port);
        RpcClient.Answer body = rpc.call(RpcApi.LIST, "Padding", "x".repeat(2000), "More", "y".repeat(2000),
                "Even", "z".repeat(2000), "Most", "w".repeat(2000), "Last", "v".repeat(2000));
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.code()).isEqualTo("RequestEntityTooLarge");
        assertThat(body.message()).contains("courtside.security.max-body-bytes");

        RpcClient.Answer parameter = rpc.call(RpcApi.SUBMIT, "InputConfig", INPUT, "OutputConfig", OUTPUT,
                "UserData", "{\"x\":\"" + "a".repeat(3000) + "\"}");
        assertThat(parameter.status()).isEqualTo(400);
        assertThat(parameter.message()).contains("\"UserData\"").contains("2048 bytes");

        Object[] many = new Object[40];
        for (int i = 0; i < many.length; i += 2) {
            many[i] = "P" + i;
            many[i + 1] = "v";
        }
        RpcClient.Answer count = rpc.call(RpcApi.LIST, many);
        assertThat(count.status()).isEqualTo(400);
        assertThat(count.message()).contains("max-parameter-count");
    }

    @Test
    void eachCallerHasItsOwnRateLimit() throws Exception {
        RpcClient other = new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET);
        List<Integer> statuses = new ArrayList<>();
        RpcClient.Answer throttled = null;
        for (int i = 0; i < 30; i++) {
            RpcClient.Answer answer = other.call(RpcApi.LIST);
            statuses.add(answer.status());
            throttled = answer.status() == 429 ? answer : throttled;
        }
        assertThat(statuses).contains(429);
        assertThat(statuses.subList(0, 10)).containsOnly(200);
        assertThat(throttled.code()).isEqualTo("RequestsTooFrequent");
        assertThat(throttled.body().path("RequestId").asText()).isNotBlank();
        // Another caller is not held back by the first one's burst.
        assertThat(new RpcClient(port).call(RpcApi.LIST).status()).isEqualTo(200);
        // the bucket refills: the caller is let through again within a few seconds of its burst
        await("the bucket refills").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> other.call(RpcApi.LIST).status() == 200);
    }

    @Test
    void waitingJobsAreBounded() throws Exception {
        RpcClient rpc = new RpcClient(port);
        List<RpcClient.Answer> answers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tokens.add("limit-" + i + "-" + System.nanoTime());
            answers.add(rpc.call(RpcApi.SUBMIT, "ClientToken", tokens.get(i),
                    "InputConfig", INPUT, "OutputConfig", OUTPUT));
            Thread.sleep(250); // stay under the rate limit
        }
        long accepted = answers.stream().filter(a -> a.status() == 200).count();
        assertThat(accepted).isLessThanOrEqualTo(3).isGreaterThan(0);
        RpcClient.Answer refused = answers.get(4);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("QuotaExceeded.QueuedJobs");
        assertThat(refused.message()).contains("courtside.api.max-queued-jobs");
        // A retry of an accepted job still gets its JobId: the bound refuses only new jobs.
        int firstAccepted = 0;
        while (answers.get(firstAccepted).status() != 200) {
            firstAccepted++;
        }
        RpcClient.Answer retry = rpc.call(RpcApi.SUBMIT, "ClientToken", tokens.get(firstAccepted),
                "InputConfig", INPUT, "OutputConfig", OUTPUT);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("JobId").asText()).isEqualTo(answers.get(firstAccepted).body().path("JobId").asText());
        // Queries still answer.
        assertThat(rpc.call(RpcApi.LIST, "Status", "Init").status()).isEqualTo(200);
    }
}
