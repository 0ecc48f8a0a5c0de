package io.courtside.notify;

import io.courtside.config.CourtsideProperties;
import io.courtside.job.JobStore;
import io.courtside.egress.AddressPolicy;
import io.courtside.egress.PinnedHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * POSTs a callback to the caller's URL, signed as configured. A 2xx whose whole answer (at most
 * {@code max-answer-bytes}, read and discarded) arrives within {@code deadline} is delivery; anything else throws so
 * the notify route retries. The deadline covers the whole try, connect to last byte: a timer aborts the request when
 * it passes, so a receiver that trickles its answer a byte at a time (each read within {@code timeout}) is cut off
 * too. Redirects are not followed; the host is resolved and checked in each attempt's connection, which goes to
 * exactly the checked addresses (no DNS rebinding).
 */
@Component
public class HttpCallbacks implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(HttpCallbacks.class);

    private final CloseableHttpClient http;
    private final CourtsideProperties.Callbacks settings;
    private final MeterRegistry meters;
    private final JobStore jobs;
    private final Duration deadline;
    private final long maxAnswerBytes;
    private final ScheduledThreadPoolExecutor deadlines;

    public HttpCallbacks(AddressPolicy addressPolicy, CourtsideProperties properties,
                         MeterRegistry meters, JobStore jobs) {
        this.meters = meters;
        this.jobs = jobs;
        this.settings = properties.callbacks();
        this.deadline = settings.deadline() == null ? Duration.ofSeconds(10) : settings.deadline();
        this.maxAnswerBytes = settings.maxAnswerBytes() == null ? 64 * 1024 : settings.maxAnswerBytes().toBytes();
        Duration perStep = settings.timeout().compareTo(deadline) < 0 ? settings.timeout() : deadline;
        this.http = PinnedHttp.client(addressPolicy,
                host -> AddressPolicy.hostMatches(host, settings.allowedPrivateHosts()),
                perStep, perStep);
        this.deadlines = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "callback-deadlines");
            t.setDaemon(true);
            return t;
        });
        this.deadlines.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        http.close();
    }

    public void send(Callback callback) throws IOException {
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
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> timer = deadlines.schedule(() -> {
            expired.set(true);
            request.abort(); // closes the connection: a blocked connect or read ends with an IOException
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        // The host is resolved and checked in the connection (PinnedHttp): a non-public address of a host that is
        // not allow-listed ends the attempt with InvalidUrlException before anything is sent.
        int status;
        long answerBytes;
        try (CloseableHttpResponse response = http.execute(request)) {
            status = response.getStatusLine().getStatusCode();
            answerBytes = drain(response.getEntity(), request);
        } catch (IOException e) {
            if (expired.get()) {
                String detail = "no complete answer within " + deadline.toMillis() + " ms (courtside.callbacks.deadline)";
                attempt(callback, "unreachable", detail);
                throw new IOException("Callback to " + uri.getHost() + ": " + detail, e);
            }
            attempt(callback, "unreachable", e.toString());
            throw e;
        } finally {
            timer.cancel(false);
        }
        if (status / 100 != 2) {
            attempt(callback, "refused", "HTTP " + status);
            throw new IOException("Callback to " + uri.getHost() + " answered HTTP " + status);
        }
        if (answerBytes > maxAnswerBytes) {
            String detail = "HTTP " + status + " with an answer over " + maxAnswerBytes
                    + " bytes (courtside.callbacks.max-answer-bytes)";
            attempt(callback, "refused", detail);
            throw new IOException("Callback to " + uri.getHost() + " answered " + detail);
        }
        attempt(callback, "delivered", "HTTP " + status);
        log.info("Callback delivered to {} (HTTP {})", uri.getHost(), status);
    }

    /**
     * Reads the answer to its end and discards it, stopping (and aborting the connection, so closing the response
     * does not read on) after one byte over the cap. Returns the bytes read.
     */
    private long drain(HttpEntity entity, HttpPost request) throws IOException {
        if (entity == null) {
            return 0;
        }
        InputStream in = entity.getContent();
        byte[] buffer = new byte[8192];
        long read = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, maxAnswerBytes + 1 - read))) != -1) {
            read += n;
            if (read > maxAnswerBytes) {
                request.abort();
                break;
            }
        }
        return read;
    }

    private void attempt(Callback callback, String outcome, String detail) {
        meters.counter("courtside.callbacks", "outcome", outcome).increment();
        jobs.recordCallbackAttempt(callback.jobId(), "http", outcome, detail);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
