package io.courtside.notify;

import io.courtside.config.CourtsideProperties;
import io.courtside.job.JobStore;
import io.courtside.security.AddressPolicy;
import io.courtside.security.PinnedHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.util.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * POSTs a callback to the caller's URL, signed as configured. Any 2xx is delivery; anything else throws so the
 * notify route retries. Redirects are not followed; the host is resolved and checked in each attempt's connection,
 * which goes to exactly the checked addresses (no DNS rebinding).
 */
@Component
public class HttpCallbacks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HttpCallbacks.class);

    private final CloseableHttpClient http;
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
        this.http = PinnedHttp.client(addressPolicy,
                host -> AddressPolicy.hostMatches(host, settings.allowedPrivateHosts()),
                settings.timeout(), settings.timeout());
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }

    public void send(Callback callback) throws IOException, InterruptedException {
        URI uri = URI.create(callback.address());
        long timestamp = System.currentTimeMillis() / 1000;
        HttpPost request = new HttpPost(uri);
        request.setEntity(new StringEntity(callback.json(), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        if (notBlank(settings.iceCallbackKey())) {
            request.setHeader("X-ICE-TIMESTAMP", Long.toString(timestamp));
            request.setHeader("X-ICE-SIGNATURE",
                    CallbackSigner.iceSignature(callback.address(), timestamp, settings.iceCallbackKey()));
        }
        if (notBlank(settings.hmacSecret())) {
            request.setHeader("X-Courtside-Signature",
                    CallbackSigner.courtsideSignature(callback.json(), timestamp, settings.hmacSecret()));
        }
        // The host is resolved and checked in the connection (PinnedHttp): a non-public address of a host that is
        // not allow-listed ends the attempt with InvalidUrlException before anything is sent.
        int status;
        try (CloseableHttpResponse response = http.execute(request)) {
            status = response.getStatusLine().getStatusCode();
            EntityUtils.consumeQuietly(response.getEntity());
        } catch (IOException e) {
            attempt(callback, "unreachable", e.toString());
            throw e;
        }
        if (status / 100 != 2) {
            attempt(callback, "refused", "HTTP " + status);
            throw new IOException("Callback to " + uri.getHost() + " answered HTTP " + status);
        }
        attempt(callback, "delivered", "HTTP " + status);
        log.info("Callback delivered to {} (HTTP {})", uri.getHost(), status);
    }

    private void attempt(Callback callback, String outcome, String detail) {
        meters.counter("courtside.callbacks", "outcome", outcome).increment();
        jobs.recordCallbackAttempt(callback.jobId(), "http", outcome, detail);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
