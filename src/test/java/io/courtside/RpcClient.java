package io.courtside;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.security.RpcSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Calls the RPC API over real HTTP, as an ICE client would: form body by default, or query string, signed with
 * ICE's RPC signature (HMAC-SHA1) by the test AccessKey unless another key (or none) is given.
 */
public final class RpcClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String accessKeyId;
    private final String accessKeySecret;

    public RpcClient(int port) {
        this(port, CourtsideTestBase.TestKeys.ACCESS_KEY_ID, CourtsideTestBase.TestKeys.ACCESS_KEY_SECRET);
    }

    /** {@code accessKeyId} null: unsigned calls. */
    public RpcClient(int port, String accessKeyId, String accessKeySecret) {
        this.baseUrl = "http://127.0.0.1:" + port + "/";
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** A signed /files link (download or upload target) for the one object in {@code parameters}. */
    public URI filesUri(String method, Map<String, String> parameters) {
        if (accessKeyId == null) {
            return URI.create(baseUrl + "files?" + encode(parameters));
        }
        Map.Entry<String, String> object = parameters.entrySet().iterator().next();
        return URI.create(baseUrl + "files?" + encode(io.courtside.security.FilesLinks.sign(method, object.getKey(),
                object.getValue(), accessKeyId, accessKeySecret)));
    }

    public Map<String, String> sign(String method, Map<String, String> parameters) {
        return accessKeyId == null ? parameters : RpcSigner.sign(method, parameters, accessKeyId, accessKeySecret);
    }

    /** Sends exactly this form body (already signed or deliberately not), with extra headers. */
    public Answer postForm(Map<String, String> form, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    public record Answer(int status, JsonNode body) {
        public String code() {
            return body.path("Code").asText(null);
        }

        public String message() {
            return body.path("Message").asText("");
        }
    }

    public Answer post(Map<String, String> parameters) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(sign("POST", parameters)))).build();
        return send(request);
    }

    public Answer get(Map<String, String> parameters) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "?" + encode(sign("GET", parameters)))).GET().build());
    }

    public Answer call(String action, Object... namesAndValues) throws IOException, InterruptedException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Action", action);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                parameters.put((String) namesAndValues[i], namesAndValues[i + 1].toString());
            }
        }
        return post(parameters);
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not from the API: Tomcat refuses an over-long request line itself, with an HTML page.
            body = JSON.createObjectNode().put("NotJson", response.body());
        }
        return new Answer(response.statusCode(), body);
    }

    public static String encode(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
