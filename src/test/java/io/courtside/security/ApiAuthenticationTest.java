package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.tea.TeaRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Only callers holding a configured AccessKey get in, with either of ICE's signatures, and a signed request cannot
 * be altered, replayed or kept for later. The verified AccessKeyId is the caller; nothing a caller sends can claim
 * another identity.
 */
class ApiAuthenticationTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/auth/none.mp4\"}";
    private static final String OUTPUT = "{\"MediaURL\":\"s3://outputs/auth/h.mp4\"}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unsignedCallsAndUnknownKeysAreRefused() throws Exception {
        RpcClient.Answer unsigned = new RpcClient(port, null, null).call(RpcApi.LIST);
        assertThat(unsigned.status()).isEqualTo(403);
        assertThat(unsigned.code()).isEqualTo("Forbidden");
        assertThat(unsigned.body().path("RequestId").asText()).isNotBlank();

        RpcClient.Answer unknown = new RpcClient(port, "no-such-key", "x").call(RpcApi.LIST);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("InvalidAccessKeyId.NotFound");

        RpcClient.Answer wrongSecret = new RpcClient(port, TestKeys.ACCESS_KEY_ID, "not-the-secret").call(RpcApi.LIST);
        assertThat(wrongSecret.status()).isEqualTo(400);
        assertThat(wrongSecret.code()).isEqualTo("SignatureDoesNotMatch");

        // GET (query) and POST (form) signatures both hold.
        assertThat(new RpcClient(port).get(Map.of("Action", RpcApi.LIST)).status()).isEqualTo(200);
        assertThat(new RpcClient(port).call(RpcApi.LIST).status()).isEqualTo(200);
    }

    @Test
    void signedRequestsCannotBeChangedReplayedOrKept() throws Exception {
        RpcClient rpc = new RpcClient(port);
        Map<String, String> signed = rpc.sign("POST", Map.of("Action", RpcApi.LIST, "MaxResults", "5"));
        assertThat(rpc.postForm(signed).status()).isEqualTo(200);

        RpcClient.Answer replay = rpc.postForm(signed);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(replay.code()).isEqualTo("SignatureNonceUsed");

        Map<String, String> tampered = new LinkedHashMap<>(rpc.sign("POST", Map.of("Action", RpcApi.LIST,
                "MaxResults", "5")));
        tampered.put("MaxResults", "50");
        assertThat(rpc.postForm(tampered).code()).isEqualTo("SignatureDoesNotMatch");

        Map<String, String> old = new LinkedHashMap<>(Map.of("Action", RpcApi.LIST, "AccessKeyId", TestKeys.ACCESS_KEY_ID,
                "SignatureMethod", "HMAC-SHA1", "SignatureVersion", "1.0", "SignatureNonce", UUID.randomUUID().toString(),
                "Timestamp", Instant.now().minus(20, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toString()));
        old.put("Signature", RpcSigner.signature("POST", old, TestKeys.ACCESS_KEY_SECRET));
        RpcClient.Answer expired = rpc.postForm(old);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.code()).isEqualTo("InvalidTimeStamp.Expired");

        Map<String, String> noNonce = new LinkedHashMap<>(rpc.sign("POST", Map.of("Action", RpcApi.LIST)));
        noNonce.remove("SignatureNonce");
        assertThat(rpc.postForm(noNonce).code()).isEqualTo("MissingParameter");
    }

    @Test
    void acs3SignaturesAsTheOpenApiSdkComputesThem() throws Exception {
        String body = "Action=" + RpcApi.LIST + "&MaxResults=3";
        Map<String, String> headers = acs3Headers(body, UUID.randomUUID().toString(), TestKeys.ACCESS_KEY_SECRET);
        assertThat(sendAcs3(headers, body).path("EditingBatchJobList").isArray()).isTrue();

        JsonNode replayed = sendAcs3(headers, body);
        assertThat(replayed.path("Code").asText()).isEqualTo("SignatureNonceUsed");

        Map<String, String> fresh = acs3Headers(body, UUID.randomUUID().toString(), TestKeys.ACCESS_KEY_SECRET);
        assertThat(sendAcs3(fresh, body.replace("MaxResults=3", "MaxResults=4")).path("Code").asText())
                .isEqualTo("SignatureDoesNotMatch");

        Map<String, String> wrongKey = acs3Headers(body, UUID.randomUUID().toString(), "wrong");
        assertThat(sendAcs3(wrongKey, body).path("Code").asText()).isEqualTo("SignatureDoesNotMatch");

        // host must be signed, and content-type whenever a body is sent (else another body type could be claimed).
        for (String unsigned : new String[] {"host", "content-type"}) {
            Map<String, String> partial = acs3Headers(body, UUID.randomUUID().toString(), TestKeys.ACCESS_KEY_SECRET,
                    unsigned);
            // Sent either way, only not signed.
            JsonNode refused = unsigned.equals("content-type")
                    ? sendAcs3(partial, body, "content-type", "application/x-www-form-urlencoded")
                    : sendAcs3(partial, body);
            assertThat(refused.path("Code").asText()).as(unsigned).isEqualTo("IncompleteSignature");
            assertThat(refused.path("Message").asText()).contains(unsigned);
        }
    }

    @Test
    void theCallerIsTheVerifiedAccessKeyAndCannotBeClaimed() throws Exception {
        String token = "auth-" + System.nanoTime();
        RpcClient mine = new RpcClient(port);
        RpcClient other = new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET);
        String first = mine.call(RpcApi.SUBMIT, "ClientToken", token, "InputConfig", INPUT, "OutputConfig", OUTPUT)
                .body().path("JobId").asText();
        String again = mine.call(RpcApi.SUBMIT, "ClientToken", token, "InputConfig", INPUT, "OutputConfig", OUTPUT)
                .body().path("JobId").asText();
        String others = other.call(RpcApi.SUBMIT, "ClientToken", token, "InputConfig", INPUT, "OutputConfig", OUTPUT)
                .body().path("JobId").asText();
        assertThat(first).matches("[0-9a-f]{32}").isEqualTo(again);
        assertThat(others).matches("[0-9a-f]{32}").isNotEqualTo(first);

        // Another key's caller header is ignored: the job is the signer's own (same ClientToken, same JobId).
        RpcClient.Answer claimed = other.postForm(other.sign("POST", Map.of("Action", RpcApi.SUBMIT, "ClientToken", token,
                "InputConfig", INPUT, "OutputConfig", OUTPUT)), ApiGate.CALLER_HEADER, TestKeys.ACCESS_KEY_ID);
        assertThat(claimed.body().path("JobId").asText()).isEqualTo(others);
        RpcClient.Answer asParameter = other.call(RpcApi.SUBMIT, ApiGate.CALLER_HEADER, TestKeys.ACCESS_KEY_ID,
                "ClientToken", token, "InputConfig", INPUT, "OutputConfig", OUTPUT);
        assertThat(asParameter.code()).isEqualTo("InvalidParameter");
        // An AccessKeyId parameter that is not the signer's fails the signature check.
        Map<String, String> forged = new LinkedHashMap<>(other.sign("POST", Map.of("Action", RpcApi.LIST)));
        forged.put("AccessKeyId", TestKeys.ACCESS_KEY_ID);
        assertThat(other.postForm(forged).code()).isEqualTo("SignatureDoesNotMatch");
    }

    @Test
    void filesNeedSignaturesAndTheConsolePagesDoNot() throws Exception {
        HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/files?url=s3%3A%2F%2Fcourtside%2Fx.mp4")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(403);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/files?name=x.mp4")).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("data")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(upload.body()).path("Code").asText()).isEqualTo("Forbidden");
        HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/console/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        // The exemption is for the console's pages as Tomcat maps them, not for a path that only starts like them.
        for (String sneaky : new String[] {"/console/../files?url=s3%3A%2F%2Fcourtside%2Fx.mp4",
                "/console/..;/files?url=s3%3A%2F%2Fcourtside%2Fx.mp4", "/console/%2e%2e/files?url=x"}) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + sneaky)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(sneaky).isIn(400, 403, 404);
            assertThat(answer.body()).as(sneaky).doesNotContain("NoSuchKey").doesNotContain("No object");
        }
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/anything")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(403);
    }

    /** The headers tea-openapi sends, signed by its own openapiutil, as the ICE SDK calls RPC actions. */
    private Map<String, String> acs3Headers(String body, String nonce, String secret, String... leftUnsigned)
            throws Exception {
        TeaRequest request = new TeaRequest();
        request.method = "POST";
        request.pathname = "/";
        request.query = new java.util.HashMap<>();
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.UTF_8)));
        request.headers = new java.util.HashMap<>(Map.of(
                "host", "127.0.0.1:" + port,
                "x-acs-version", "2020-11-09",
                "x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                "x-acs-signature-nonce", nonce,
                "x-acs-content-sha256", hash,
                "content-type", "application/x-www-form-urlencoded"));
        for (String name : leftUnsigned) {
            request.headers.remove(name);
        }
        request.headers.put("Authorization", com.aliyun.openapiutil.Client.getAuthorization(request, "ACS3-HMAC-SHA256",
                hash, TestKeys.ACCESS_KEY_ID, secret));
        return request.headers;
    }

    private JsonNode sendAcs3(Map<String, String> headers, String body, String... extraHeaders) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (extraHeaders.length > 0) {
            request.headers(extraHeaders);
        }
        headers.forEach((name, value) -> {
            if (!name.equals("host")) {
                request.header(name, value);
            }
        });
        return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
