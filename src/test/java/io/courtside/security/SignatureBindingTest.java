package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A signed request does exactly what was signed: HTTP headers a client adds cannot supply or override parameters,
 * and a signature works only at the endpoint it was made for (an RPC signature at {@code /}, a {@code /files} link
 * at {@code /files}).
 */
class SignatureBindingTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/bind/none.mp4\"}";
    private static final String OUTPUT = "{\"MediaURL\":\"s3://courtside/overwritten.mp4\"}";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unsignedHeadersCannotTurnASignedListIntoASubmit() throws Exception {
        Map<String, String> signed = new RpcClient(port).sign("GET", Map.of("Action", RpcApi.LIST, "MaxResults", "5"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?"
                        + RpcClient.encode(signed)))
                .header("Action", RpcApi.SUBMIT).header("InputConfig", INPUT).header("OutputConfig", OUTPUT)
                .header("ClientToken", "header-token").GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        // The signed call (a list) ran; nothing was submitted.
        assertThat(body.has("JobId")).as(answer.body()).isFalse();
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(body.path("EditingBatchJobList").isArray()).as(answer.body()).isTrue();
        for (JsonNode job : body.path("EditingBatchJobList")) {
            assertThat(job.toString()).doesNotContain("overwritten.mp4");
        }

        // With no Action among the signed parameters, an unsigned x-acs-action header does not supply one.
        Map<String, String> noAction = new RpcClient(port).sign("GET", Map.of("InputConfig", INPUT,
                "OutputConfig", OUTPUT));
        HttpResponse<String> viaHeader = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?"
                        + RpcClient.encode(noAction))).header("x-acs-action", RpcApi.SUBMIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(viaHeader.body()).has("JobId")).as(viaHeader.body()).isFalse();
        assertThat(JSON.readTree(viaHeader.body()).path("Code").asText()).isEqualTo("MissingParameter");
    }

    @Test
    void aFilesLinkIsRefusedAtTheApiAndAnApiSignatureAtFiles() throws Exception {
        String object = upload();
        URI link = new RpcClient(port).filesUri("GET", Map.of("url", object));
        HttpResponse<byte[]> served = http.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(served.statusCode()).isEqualTo(200);

        // The link's query replayed at / (with the call put in headers, and then in the query) does nothing.
        HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?"
                        + link.getRawQuery()))
                .header("Action", RpcApi.SUBMIT).header("InputConfig", INPUT).header("OutputConfig", OUTPUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replayed.statusCode()).as(replayed.body()).isIn(400, 403);
        assertThat(JSON.readTree(replayed.body()).has("JobId")).isFalse();
        HttpResponse<String> withAction = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/?"
                + link.getRawQuery() + "&Action=" + RpcApi.LIST)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withAction.statusCode()).as(withAction.body()).isIn(400, 403);

        // An RPC signature (made for /) is not accepted at /files, GET or POST.
        HttpResponse<String> rpcAtFiles = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/files?" + RpcClient.encode(RpcSigner.sign("GET", Map.of("url", object), TestKeys.ACCESS_KEY_ID,
                TestKeys.ACCESS_KEY_SECRET)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rpcAtFiles.statusCode()).as(rpcAtFiles.body()).isIn(400, 403);
        HttpResponse<String> rpcUpload = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/files?" + RpcClient.encode(RpcSigner.sign("POST", Map.of("name", "x.mp4"),
                        TestKeys.ACCESS_KEY_ID, TestKeys.ACCESS_KEY_SECRET)))).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("data")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rpcUpload.statusCode()).as(rpcUpload.body()).isIn(400, 403);
    }

    @Test
    void filesLinksAreSinglePurposeAndShortLived() throws Exception {
        String object = upload();
        long now = System.currentTimeMillis() / 1000;
        // Another object under the same signature.
        URI link = FilesLinks.link(URI.create("http://127.0.0.1:" + port), "GET", "url", object,
                TestKeys.ACCESS_KEY_ID, TestKeys.ACCESS_KEY_SECRET, now + 60);
        URI otherObject = URI.create(link.toString().replace("url=", "url=x"));
        assertThat(status(HttpRequest.newBuilder(otherObject).build())).isEqualTo(400);
        // Expired, or valid for longer than courtside.security.files-link-lifetime allows.
        URI expired = FilesLinks.link(URI.create("http://127.0.0.1:" + port), "GET", "url", object,
                TestKeys.ACCESS_KEY_ID, TestKeys.ACCESS_KEY_SECRET, now - 1);
        HttpResponse<String> expiredAnswer = http.send(HttpRequest.newBuilder(expired).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(expiredAnswer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(expiredAnswer.body()).path("Code").asText()).isEqualTo("InvalidTimeStamp.Expired");
        URI tooLong = FilesLinks.link(URI.create("http://127.0.0.1:" + port), "GET", "url", object,
                TestKeys.ACCESS_KEY_ID, TestKeys.ACCESS_KEY_SECRET, now + 3600);
        assertThat(status(HttpRequest.newBuilder(tooLong).build())).isEqualTo(400);
        // A download link is no upload link; an upload link works once.
        assertThat(status(HttpRequest.newBuilder(link).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("data")).build())).isEqualTo(400);
        URI uploadLink = new RpcClient(port).filesUri("POST", Map.of("name", "once.mp4"));
        HttpRequest upload = HttpRequest.newBuilder(uploadLink).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("data")).build();
        assertThat(status(upload)).isEqualTo(200);
        HttpResponse<String> again = http.send(upload, HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(again.body()).path("Code").asText()).isEqualTo("SignatureNonceUsed");
        // A download link may be fetched in ranges while it lasts (video players do).
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(link).header("Range", "bytes=0-9").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(part.statusCode()).isEqualTo(206);
            assertThat(part.body()).hasSize(10);
        }
    }

    private int status(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String upload() throws Exception {
        HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(new RpcClient(port).filesUri("POST",
                        Map.of("name", "bound.mp4"))).header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("0123456789abcdefghij")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        return JSON.readTree(uploaded.body()).path("MediaURL").asText();
    }
}
