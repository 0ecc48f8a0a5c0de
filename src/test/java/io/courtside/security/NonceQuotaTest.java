package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The replay bookkeeping cannot be used against other callers: each AccessKey has its own quota of remembered
 * nonces (a key over it gets 429 for itself only), and an over-long nonce is refused before it is kept.
 */
// Its own instance, with a small nonce quota, beside the shared one of CourtsideTestBase.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NonceQuotaTest {

    private static final int QUOTA = 25;
    private static final String GREEDY = "greedy-key";
    private static final String POLITE = "polite-key";

    @DynamicPropertySource
    static void quota(DynamicPropertyRegistry registry) throws Exception {
        CourtsideTestBase.registerBareInstance(registry, "courtside-nonces-");
        registry.add("courtside.roles.worker", () -> "false");
        registry.add("courtside.security.access-keys", () -> GREEDY + ":greedy-secret," + POLITE + ":polite-secret");
        registry.add("courtside.security.rate-limit-per-second", () -> "1000");
        registry.add("courtside.security.rate-limit-burst", () -> "1000");
        registry.add("courtside.security.nonces-per-key", () -> Integer.toString(QUOTA));
    }

    @LocalServerPort
    int port;

    @Test
    void oneKeyExhaustingItsNonceQuotaDoesNotAffectAnother() throws Exception {
        RpcClient greedy = new RpcClient(port, GREEDY, "greedy-secret");
        RpcClient polite = new RpcClient(port, POLITE, "polite-secret");
        int accepted = 0;
        RpcClient.Answer refused = null;
        for (int i = 0; i < QUOTA * 2 && refused == null; i++) {
            RpcClient.Answer answer = greedy.call(RpcApi.LIST);
            if (answer.status() == 200) {
                accepted++;
            } else {
                refused = answer;
            }
        }
        assertThat(accepted).isEqualTo(QUOTA);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RequestsTooFrequent");
        assertThat(refused.message()).contains(GREEDY).contains("nonces-per-key");

        // The other key is not locked out: it has a quota of its own.
        for (int i = 0; i < QUOTA; i++) {
            assertThat(polite.call(RpcApi.LIST).status()).as("polite call %d", i).isEqualTo(200);
        }
    }

    @Test
    void overLongNoncesAreRefusedWithoutBeingKept() throws Exception {
        RpcClient polite = new RpcClient(port, POLITE, "polite-secret");
        Map<String, String> call = new LinkedHashMap<>(Map.of("Action", RpcApi.LIST, "AccessKeyId", POLITE,
                "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0", "SignatureNonce", "n".repeat(129),
                "Timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        call.put("Signature", RpcSigner.signature("POST", call, "polite-secret"));
        RpcClient.Answer answer = polite.postForm(call);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("InvalidParameter");
        assertThat(answer.message()).contains("SignatureNonce").contains("nonce-max-length");
    }
}
