package io.courtside.notify;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps around a callback's HTTP POST, which is a camel-http endpoint in routes/80-notify.camel.yaml on the
 * client {@link CallbackHttp} configures (pinned addresses, no redirects, deadline, answer cap). {@link #request} signs
 * the callback as configured; {@link #answered} takes a 2xx as delivery and throws on anything else; {@link #failed}
 * writes down a try that ended without an answer (or with one over the cap) and throws. Every throw makes the notify
 * route retry; every try is recorded with the job.
 */
@Component
public class HttpCallbacks {

    private static final Logger log = LoggerFactory.getLogger(HttpCallbacks.class);

    private final CallbackProperties settings;
    private final MeterRegistry meters;
    private final CallbackAttempts jobs;

    public HttpCallbacks(CallbackProperties callbackProperties, MeterRegistry meters, CallbackAttempts jobs) {
        this.meters = meters;
        this.jobs = jobs;
        this.settings = callbackProperties;
    }

    /**
     * What the POST carries: the JSON, and the signature headers (null when their key or secret is not set:
     * {@code X-ICE-TIMESTAMP}/{@code X-ICE-SIGNATURE} with {@code ice-callback-key}, {@code X-Courtside-Signature}
     * with {@code hmac-secret}).
     */
    public record CallbackRequest(String url, String json, String iceTimestamp, String iceSignature,
                                  String courtsideSignature) {
    }

    public CallbackRequest request(Callback callback) {
        long timestamp = System.currentTimeMillis() / 1000;
        String iceTimestamp = null;
        String iceSignature = null;
        if (settings.iceCallbackKey() != null) {
            iceTimestamp = Long.toString(timestamp);
            iceSignature = CallbackSigner.iceSignature(callback.address(), timestamp, settings.iceCallbackKey());
        }
        String courtsideSignature = settings.hmacSecret() == null ? null
                : CallbackSigner.courtsideSignature(callback.json(), timestamp, settings.hmacSecret());
        return new CallbackRequest(callback.address(), callback.json(), iceTimestamp, iceSignature, courtsideSignature);
    }

    /** The receiver answered {@code status} (its whole answer, within the cap and the deadline). */
    public void answered(Callback callback, int status) throws IOException {
        String host = URI.create(callback.address()).getHost();
        if (status / 100 != 2) {
            attempt(callback, "refused", "HTTP " + status);
            throw new IOException("Callback to " + host + " answered HTTP " + status);
        }
        attempt(callback, "delivered", "HTTP " + status);
        log.info("Callback delivered to {} (HTTP {})", host, status);
    }

    /** The try ended with {@code failure}: no (complete) answer, or one over the cap. Always throws. */
    public void failed(Callback callback, Exception failure) throws IOException {
        String host = URI.create(callback.address()).getHost();
        CallbackHttp.AnswerTooLarge tooLarge = find(failure, CallbackHttp.AnswerTooLarge.class);
        if (tooLarge != null) {
            attempt(callback, "refused", tooLarge.getMessage());
            throw new IOException("Callback to " + host + " answered " + tooLarge.getMessage(), tooLarge);
        }
        CallbackHttp.DeadlinePassed passed = find(failure, CallbackHttp.DeadlinePassed.class);
        if (passed != null) {
            attempt(callback, "unreachable", passed.getMessage());
            throw new IOException("Callback to " + host + ": " + passed.getMessage(), passed);
        }
        IOException io = find(failure, IOException.class);
        Exception cause = io != null ? io : failure;
        attempt(callback, "unreachable", cause.toString());
        throw io != null ? io : new IOException("Callback to " + host + ": " + failure, failure);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private void attempt(Callback callback, String outcome, String detail) {
        meters.counter("courtside.callbacks", "outcome", outcome).increment();
        jobs.recordCallbackAttempt(callback.jobId(), "http", outcome, detail);
    }
}
