package io.courtside.storage;

import io.courtside.kernel.Backoff;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long the app keeps at an object store that stops answering ({@code courtside.storage.retries.*}): each
 * request (and each upload part) is tried up to {@code maxAttempts} times, waiting {@code delay}, then twice as
 * long each time, at most {@code maxDelay}; a download that breaks off resumes where it stopped, as often.
 *
 * @param maxAttempts tries of one request, the first included
 * @param delay       wait before the first retry
 * @param maxDelay    longest wait between two tries
 */
@ConfigurationProperties(prefix = "courtside.storage.retries")
public record StorageRetries(
        int maxAttempts,
        Duration delay,
        Duration maxDelay) {

    public StorageRetries {
        if (maxAttempts < 1 || delay.isNegative() || maxDelay.compareTo(delay) < 0) {
            throw new IllegalArgumentException("courtside.storage.retries: max-attempts >= 1 and 0 <= delay <= max-delay");
        }
    }

    /** The wait before try {@code attempt + 1}, after {@code attempt} failed tries (1, 2, ...). */
    public Duration delayAfter(int attempt) {
        return Backoff.delay(delay, maxDelay, attempt);
    }
}
