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
import org.springframework.beans.factory.annotation.Autowired;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import org.springframework.boot.test.web.server.LocalServerPort;

/** POST /files streams a file into the store and GET /files gives the same bytes back; bad calls say why. */
class FilesEndpointTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    S3Client s3;

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

    @Test
    void storedObjectsNeverRunAsPagesOnTheConsolesOrigin() throws Exception {
        s3.putObject(b -> b.bucket("courtside").key("pages/evil.html").contentType("text/html"),
                RequestBody.fromString("<script>fetch('/?Action=ListBatchMediaProducingJobs')</script>"));
        s3.putObject(b -> b.bucket("courtside").key("pages/evil.svg").contentType("image/svg+xml"),
                RequestBody.fromString("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"));
        s3.putObject(b -> b.bucket("courtside").key("pages/clip.mp4").contentType("video/mp4"),
                RequestBody.fromBytes(new byte[64]));
        for (String active : new String[] {"s3://courtside/pages/evil.html", "s3://courtside/pages/evil.svg"}) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(files("GET", "url", active)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Disposition")).as(active).hasValue("attachment");
            assertThat(page.headers().firstValue("Content-Type")).as(active).hasValue("application/octet-stream");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("sandbox");
        }
        HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(files("GET", "url",
                "s3://courtside/pages/clip.mp4")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(video.headers().firstValue("Content-Disposition")).hasValue("inline");
        assertThat(video.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("sandbox");

        HttpResponse<String> console = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/console/index.html")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(console.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(console.headers().firstValue("X-Frame-Options")).hasValue("DENY");
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
