package io.courtside.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /files streams a file into the store and GET /files gives the same bytes back; bad calls say why. */
class FilesEndpointTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void roundTripAndRefusals() throws Exception {
        byte[] content = new byte[300_000];
        new Random(3).nextBytes(content);
        HttpResponse<String> uploaded = upload("clip.mp4", "video/mp4", content);
        assertThat(uploaded.statusCode()).isEqualTo(200);
        String mediaUrl = JSON.readTree(uploaded.body()).path("MediaURL").asText();
        assertThat(mediaUrl).matches("s3://courtside/uploads/[0-9a-f]{32}/clip\\.mp4");

        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(files("GET", "url", mediaUrl)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(content);

        assertRefused(upload("clip.mp4", "application/x-www-form-urlencoded", content), 400, "--data-binary");
        assertRefused(upload("../escape.mp4", "video/mp4", content), 400, "\"name\"");
        assertRefused(http.send(HttpRequest.newBuilder(files("GET", "url", "https://example.com/x.mp4")).build(),
                HttpResponse.BodyHandlers.ofString()), 400, "object store");
        assertRefused(http.send(HttpRequest.newBuilder(files("GET", "url", "s3://courtside/uploads/none.mp4")).build(),
                HttpResponse.BodyHandlers.ofString()), 404, "No object");
    }

    private HttpResponse<String> upload(String name, String type, byte[] content) throws Exception {
        return http.send(HttpRequest.newBuilder(files("POST", "name", name)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String messagePart) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("RequestId").asText()).isNotBlank();
        assertThat(body.path("Message").asText()).contains(messagePart);
    }

    /** A /files URL signed with the test AccessKey. */
    private URI files(String method, String name, String value) {
        return new RpcClient(port).filesUri(method, java.util.Map.of(name, value));
    }
}
