package io.courtside.notify;

import io.courtside.config.CourtsideProperties;
import io.courtside.job.JobStore;
import io.courtside.security.AddressPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * POSTs a callback to the caller's URL, signed as configured. Any 2xx is delivery; anything else throws so the
 * notify route retries. Redirects are not followed and the host is checked again before each attempt.
 */
@Component
public class HttpCallbacks {

    private static final Logger log = LoggerFactory.getLogger(HttpCallbacks.class);

    private final HttpClient http;
    private final AddressPolicy addressPolicy;
    private final CourtsideProperties.Callbacks settings;
    private final MeterRegistry meters;
    private final JobStore jobs;

    public HttpCallbacks(AddressPolicy addressPolicy, CourtsideProperties properties,
                         MeterRegistry meters, JobStore jobs) {
        this.addressPolicy = addressPolicy;
        this.meters = meters;
        this.jobs = jobs;
        this.settings = properties.callbacks();
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    public void send(Callback callback) throws IOException, InterruptedException {
        URI uri = URI.create(callback.address());
        if (!AddressPolicy.hostMatches(uri.getHost(), settings.allowedPrivateHosts())) {
            addressPolicy.requirePublic(uri.getHost());
        }
        long timestamp = System.currentTimeMillis() / 1000;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(callback.json(), StandardCharsets.UTF_8));
        if (notBlank(settings.iceCallbackKey())) {
            request.header("X-ICE-TIMESTAMP", Long.toString(timestamp));
            request.header("X-ICE-SIGNATURE",
                    CallbackSigner.iceSignature(callback.address(), timestamp, settings.iceCallbackKey()));
        }
        if (notBlank(settings.hmacSecret())) {
            request.header("X-Courtside-Signature",
                    CallbackSigner.courtsideSignature(callback.json(), timestamp, settings.hmacSecret()));
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            attempt(callback, "unreachable", e.toString());
            throw e;
        }
        if (response.statusCode() / 100 != 2) {
            attempt(callback, "refused", "HTTP " + response.statusCode());
            throw new IOException("Callback to " + uri.getHost() + " answered HTTP " + response.statusCode());
        }
        attempt(callback, "delivered", "HTTP " + response.statusCode());
        log.info("Callback delivered to {} (HTTP {})", uri.getHost(), response.statusCode());
    }

    private void attempt(Callback callback, String outcome, String detail) {
        meters.counter("courtside.callbacks", "outcome", outcome).increment();
        jobs.recordCallbackAttempt(callback.jobId(), "http", outcome, detail);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
