package io.courtside.notify;

import io.courtside.kernel.Backoff;
import org.springframework.stereotype.Component;

/**
 * When to try a failed callback again. Retries are broker messages with a delivery delay, not sleeping
 * threads: they survive restarts, and no consumer is held while a receiver is down. The delay doubles from
 * {@code retry-delay} up to {@code retry-max-delay}; after {@code retry-for} the callback goes to the
 * dead-letter queue.
 */
@Component
public class CallbackRetries {

    /** The next try: how long to wait, its number, and when the first try was (epoch ms). */
    public record Retry(long delayMillis, int attempt, long firstAttemptMillis) {
    }

    private final CallbackProperties settings;

    public CallbackRetries(CallbackProperties callbackProperties) {
        this.settings = callbackProperties;
    }

    /** The retry after failed try {@code attempt} (1 for the first), or null when time is up. */
    public Retry next(Integer attempt, Long firstAttemptMillis) {
        int tried = attempt == null ? 1 : attempt;
        long first = firstAttemptMillis == null ? System.currentTimeMillis() : firstAttemptMillis;
        long delay = Backoff.delay(settings.retryDelay(), settings.retryMaxDelay(), tried).toMillis();
        if (System.currentTimeMillis() + delay - first > settings.retryFor().toMillis()) {
            return null;
        }
        return new Retry(delay, tried + 1, first);
    }
}
