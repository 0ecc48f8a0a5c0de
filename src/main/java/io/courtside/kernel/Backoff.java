package io.courtside.kernel;

import java.time.Duration;

/** Exponential backoff, the one rule for every retry (object store requests, callbacks): first, then doubled, capped. */
public final class Backoff {

    private Backoff() {
    }

    /** The wait after {@code failedTries} failed tries (1, 2, ...): {@code first} doubled each time, at most {@code max}. */
    public static Duration delay(Duration first, Duration max, int failedTries) {
        int doublings = Math.max(0, Math.min(40, failedTries - 1));
        long millis = first.toMillis();
        long scaled = millis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : millis << doublings;
        return Duration.ofMillis(Math.min(scaled, max.toMillis()));
    }
}
