package io.courtside.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.security.FilesLinks;
import io.courtside.security.RpcSigner;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** A caller of Courtside's public RPC API over HTTP, as any ICE client calls it; used by the CLI and the demo. */
public final class CourtsideClient {

    private static final Set<String> ENDED = Set.of("Finished", "Failed", "Canceled");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service answered with an ICE error. */
    public static final class Refused extends IOException {
        Refused(JsonNode answer) {
            this(answer.path("Code").asText() + ": " + answer.path("Message").asText());
        }

        Refused(String message) {
            super(message);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String endpoint;
    private final String accessKeyId;
    private final String accessKeySecret;

    /**
     * {@code endpoint}: the service's base URL, e.g. http://127.0.0.1:8080. Calls are signed with the AccessKey
     * (ICE's RPC HMAC-SHA1 signature); a null id sends them unsigned, for a service with authentication off.
     */
    public CourtsideClient(String endpoint, String accessKeyId, String accessKeySecret) {
        this.endpoint = endpoint.replaceAll("/+$", "");
        this.accessKeyId = accessKeyId == null || accessKeyId.isBlank() ? null : accessKeyId;
        this.accessKeySecret = accessKeySecret;
    }

    /** One call, form-encoded; the JSON answer, or Refused with ICE's code and message. */
    public JsonNode call(Map<String, String> parameters) throws IOException, InterruptedException {
        String form = RpcSigner.formOf(signed("POST", parameters));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new Refused(answer);
        }
        return answer;
    }

    public JsonNode job(String jobId) throws IOException, InterruptedException {
        return call(Map.of("Action", "GetBatchMediaProducingJob", "JobId", jobId)).path("EditingBatchJob");
    }

    /** Polls the job every half second, showing each state to {@code onPoll}, until it has ended. */
    public JsonNode awaitEnd(String jobId, Consumer<JsonNode> onPoll) throws IOException, InterruptedException {
        while (true) {
            JsonNode job = job(jobId);
            onPoll.accept(job);
            if (ENDED.contains(job.path("Status").asText())) {
                return job;
            }
            Thread.sleep(500);
        }
    }

    public String endpoint() {
        return endpoint;
    }

    /**
     * A signed URL of {@code /files} for one object: {@code url} to download (GET), {@code name} to upload (POST).
     * Signed as a /files link ({@link FilesLinks}), valid for five minutes; an upload link works once.
     */
    public URI filesUri(String method, Map<String, String> parameters) {
        if (accessKeyId == null) {
            return URI.create(endpoint + "/files?" + RpcSigner.formOf(parameters));
        }
        String name = FilesLinks.objectParameter(method);
        if (parameters.size() != 1 || !parameters.containsKey(name)) {
            throw new IllegalArgumentException("A " + method + " /files link names one object: " + name);
        }
        return URI.create(endpoint + "/files?" + RpcSigner.formOf(FilesLinks.sign(method, name, parameters.get(name),
                accessKeyId, accessKeySecret)));
    }

    private Map<String, String> signed(String method, Map<String, String> parameters) {
        return accessKeyId == null ? parameters : RpcSigner.sign(method, parameters, accessKeyId, accessKeySecret);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
