package io.courtside.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * One AccessKey cannot see or drive another's jobs or objects, over real HTTP through the signing gate. The shared
 * instance has four keys (CourtsideTestBase): test-key (operator, every bucket), other-key (every bucket, not an
 * operator), tenant-a and tenant-b (each limited to its own folder of both buckets, not operators).
 */
class TenancyTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    private RpcClient tenantA() {
        return new RpcClient(port, TestKeys.TENANT_A_ID, TestKeys.TENANT_A_SECRET);
    }

    private RpcClient tenantB() {
        return new RpcClient(port, TestKeys.TENANT_B_ID, TestKeys.TENANT_B_SECRET);
    }

    private static String input(String mediaUrl) {
        return "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + mediaUrl + "\"}";
    }

    private static String output(String mediaUrl) {
        return "{\"MediaURL\":\"" + mediaUrl + "\"}";
    }

    @Test
    void anotherKeysJobAnswersLikeAnUnknownOneAndIsLeftAlone() throws Exception {
        RpcClient a = tenantA();
        RpcClient b = tenantB();
        RpcClient other = new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET);
        RpcClient.Answer submitted = a.call(RpcApi.SUBMIT, "ClientToken", "tenancy-" + System.nanoTime(),
                "InputConfig", input("s3://courtside/tenant-a/games/none.mp4"),
                "OutputConfig", output("s3://outputs/tenant-a/h.mp4"));
        assertThat(submitted.status()).isEqualTo(200);
        String jobId = submitted.body().path("JobId").asText();
        String unknown = "0123456789abcdef0123456789abcdef";

        for (RpcClient stranger : List.of(b, other)) {
            for (String action : List.of(RpcApi.CANCEL, RpcApi.GET)) {
                RpcClient.Answer theirs = stranger.call(action, "JobId", jobId);
                RpcClient.Answer none = stranger.call(action, "JobId", unknown);
                assertThat(theirs.status()).as(action).isEqualTo(404).isEqualTo(none.status());
                assertThat(theirs.code()).as(action).isEqualTo("ResourceNotFound").isEqualTo(none.code());
                // Word for word the same answer, but for the JobId it names: nothing tells them apart.
                assertThat(theirs.message().replace(jobId, "ID")).isEqualTo(none.message().replace(unknown, "ID"));
                assertThat(theirs.body().has("EditingBatchJob")).isFalse();
            }
            assertThat(jobIds(stranger.call(RpcApi.LIST, "MaxResults", 100))).doesNotContain(jobId);
        }

        // The owner's job was not canceled by the others' tries, and the owner sees and lists it.
        RpcClient.Answer own = a.call(RpcApi.GET, "JobId", jobId);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().path("EditingBatchJob").path("Status").asText()).isNotEqualTo("Canceled");
        assertThat(own.body().path("EditingBatchJob").path("Extend").path("ErrorCode").asText())
                .isNotEqualTo("Canceled");
        assertThat(jobIds(a.call(RpcApi.LIST, "MaxResults", 100))).contains(jobId);
        // tenant-a sees none of the others' jobs either, and an operator sees everyone's.
        String bJob = b.call(RpcApi.SUBMIT, "InputConfig", input("s3://courtside/tenant-b/games/none.mp4"),
                "OutputConfig", output("s3://outputs/tenant-b/h.mp4")).body().path("JobId").asText();
        assertThat(jobIds(a.call(RpcApi.LIST, "MaxResults", 100))).contains(jobId).doesNotContain(bJob);
        RpcClient operator = new RpcClient(port);
        assertThat(operator.call(RpcApi.GET, "JobId", jobId).status()).isEqualTo(200);
        assertThat(jobIds(operator.call(RpcApi.LIST, "MaxResults", 100))).contains(jobId, bJob);

        // And the owner can still cancel its own (or is told it has already ended).
        RpcClient.Answer canceled = a.call(RpcApi.CANCEL, "JobId", jobId);
        assertThat(canceled.code()).isIn(null, "InvalidParameter");
    }

    private static List<String> jobIds(RpcClient.Answer list) {
        assertThat(list.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        list.body().path("EditingBatchJobList").forEach(job -> ids.add(job.path("JobId").asText()));
        return ids;
    }

    @Test
    void onlyOperatorKeysListOrReplayDeadLetters() throws Exception {
        for (RpcClient caller : List.of(tenantA(), new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET))) {
            for (RpcClient.Answer refused : List.of(caller.call(RpcApi.LIST_DEAD, "Queue", "Jobs"),
                    caller.call(RpcApi.LIST_DEAD, "Queue", "Callbacks"),
                    caller.call(RpcApi.REPLAY_DEAD, "Queue", "Callbacks", "MessageId", "ID:anything"))) {
                assertThat(refused.status()).isEqualTo(403);
                assertThat(refused.code()).isEqualTo("Forbidden.NoPermission");
                assertThat(refused.message()).contains("operator key").contains("courtside.security.operator-keys");
                assertThat(refused.body().has("DeadLetters")).isFalse();
            }
        }
        RpcClient.Answer listed = new RpcClient(port).call(RpcApi.LIST_DEAD, "Queue", "Jobs");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body().path("DeadLetters").isArray()).isTrue();
    }

    @Test
    void scopesRefuseObjectsOutsideThemInEveryParameter() throws Exception {
        RpcClient a = tenantA();
        String inScopeInput = input("s3://courtside/tenant-a/game.mp4");
        String inScopeOutput = output("s3://outputs/tenant-a/h_{index}.mp4");

        assertOutOfScope(a.call(RpcApi.SUBMIT, "InputConfig", input("s3://courtside/tenant-b/game.mp4"),
                "OutputConfig", inScopeOutput), "InputConfig.InputMedia", "s3://courtside/tenant-b/game.mp4");
        // A path-style store URL is the same object as its s3:// form.
        assertOutOfScope(a.call(RpcApi.SUBMIT, "InputConfig", input("http://127.0.0.1:" + S3_PORT + "/courtside/game.mp4"),
                "OutputConfig", inScopeOutput), "InputConfig.InputMedia", "s3://courtside/game.mp4");
        assertOutOfScope(a.call(RpcApi.SUBMIT, "InputConfig", inScopeInput,
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/h_{index}.mp4\",\"Count\":2}"),
                "OutputConfig.MediaURL", "s3://outputs/h_0.mp4");
        // A prefix is a folder: tenant-a/ does not cover tenant-ab/.
        assertOutOfScope(a.call(RpcApi.SUBMIT, "InputConfig", inScopeInput,
                "OutputConfig", output("s3://outputs/tenant-ab/h.mp4")), "OutputConfig.MediaURL",
                "s3://outputs/tenant-ab/h.mp4");
        assertOutOfScope(a.call(RpcApi.SUBMIT, "InputConfig",
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/tenant-a/game.mp4\","
                + "\"SlowMotionLogoRegister\":{\"SlowMotionLogoUrls\":[\"s3://courtside/tenant-a/logo.png\","
                + "\"s3://courtside/tenant-b/logo.png\"]}}",
                "OutputConfig", inScopeOutput), "InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[1]",
                "s3://courtside/tenant-b/logo.png");
        assertOutOfScope(a.call(RpcApi.SUBMIT, "InputConfig",
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/tenant-a/game.mp4\","
                + "\"FaceRegister\":[{\"Name\":\"Player A\",\"FaceUrls\":[\"s3://outputs/faces/a.jpg\"]}]}",
                "OutputConfig", inScopeOutput), "InputConfig.FaceRegister[0].FaceUrls[0]", "s3://outputs/faces/a.jpg");
        // Climbing out of the folder is refused before the scope is even looked at.
        RpcClient.Answer climbing = a.call(RpcApi.SUBMIT, "InputConfig", input("s3://courtside/tenant-a/../tenant-b/g.mp4"),
                "OutputConfig", inScopeOutput);
        assertThat(climbing.status()).isEqualTo(400);

        // Inside its scope the same key is accepted; an unscoped key keeps every allowed bucket.
        assertThat(a.call(RpcApi.SUBMIT, "InputConfig", inScopeInput, "OutputConfig", inScopeOutput).status())
                .isEqualTo(200);
        assertThat(new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET).call(RpcApi.SUBMIT,
                "InputConfig", input("s3://courtside/tenant-b/game.mp4"), "OutputConfig", output("s3://outputs/h.mp4"))
                .status()).isEqualTo(200);
    }

    private static void assertOutOfScope(RpcClient.Answer answer, String parameter, String url) {
        assertThat(answer.status()).as(answer.message()).isEqualTo(403);
        assertThat(answer.code()).isEqualTo("Forbidden.RAM");
        assertThat(answer.message()).contains("\"" + parameter + "\"").contains(url)
                .contains("s3://courtside/tenant-a/, s3://outputs/tenant-a/").contains("courtside.security.key-scopes");
        assertThat(answer.body().has("JobId")).isFalse();
    }

    @Test
    void filesServeAndStoreOnlyWithinTheKeysScope() throws Exception {
        RpcClient a = tenantA();
        RpcClient b = tenantB();
        byte[] content = new byte[50_000];
        new Random(11).nextBytes(content);
        // A scoped key's upload lands in its own folder, where it may then use it.
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(a.filesUri("POST", Map.of("name", "game.mp4")))
                .header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        String mediaUrl = JSON.readTree(uploaded.body()).path("MediaURL").asText();
        assertThat(mediaUrl).matches("s3://courtside/tenant-a/uploads/[0-9a-f]{32}/game\\.mp4");
        assertThat(download(a, mediaUrl).statusCode()).isEqualTo(200);
        assertThat(a.call(RpcApi.SUBMIT, "InputConfig", input(mediaUrl),
                "OutputConfig", output("s3://outputs/tenant-a/upload.mp4")).status()).isEqualTo(200);

        // Another tenant gets neither the bytes nor whether the object exists.
        for (String url : List.of(mediaUrl, "s3://courtside/tenant-a/uploads/none.mp4")) {
            HttpResponse<byte[]> refused = download(b, url);
            assertThat(refused.statusCode()).isEqualTo(403);
            JsonNode body = JSON.readTree(refused.body());
            assertThat(body.path("Code").asText()).isEqualTo("Forbidden.RAM");
            assertThat(body.path("Message").asText()).contains("\"url\"")
                    .contains("s3://courtside/tenant-b/, s3://outputs/tenant-b/");
        }
        // Its own folder it may read (404 when nothing is there), and an unscoped key reads every allowed bucket.
        assertThat(download(b, "s3://courtside/tenant-b/none.mp4").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> unscoped = download(new RpcClient(port), mediaUrl);
        assertThat(unscoped.statusCode()).isEqualTo(200);
        assertThat(unscoped.body()).isEqualTo(content);
    }

    private HttpResponse<byte[]> download(RpcClient caller, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(caller.filesUri("GET", Map.of("url", url))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
