package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The callback's UserId is the account's UserId as configured (per AccessKey, else for the installation), never the
 * AccessKeyId that submitted the job.
 */
class CallbackUserIdTest extends EndToEndTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theUserIdIsTheConfiguredAccountNeverTheAccessKeyId() throws Exception {
        JsonNode mapped = callbackOf(rpc, "/mapped");
        assertThat(mapped.path("UserId").asText()).isEqualTo(TestKeys.ACCOUNT_USER_ID);

        JsonNode other = callbackOf(new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET), "/other");
        assertThat(other.path("UserId").asText()).as("a key with no mapping: the installation's")
                .isEqualTo(TestKeys.INSTALLATION_USER_ID);
        assertThat(mapped.toString() + receiver.receivedAt("/mapped").get(0).headers())
                .doesNotContain(TestKeys.ACCESS_KEY_ID);
        assertThat(other.toString()).doesNotContain(TestKeys.OTHER_KEY_ID);
    }

    private JsonNode callbackOf(RpcClient caller, String path) throws Exception {
        RpcClient.Answer answer = caller.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/none/x.mp4\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/userid/x.mp4\"}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url(path) + "\"}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedAt(path).size() == 1);
        return JSON.readTree(receiver.receivedAt(path).get(0).body());
    }
}
