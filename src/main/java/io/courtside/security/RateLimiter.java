package io.courtside.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per caller (Bucket4j): {@code perSecond} calls a second on average, bursts of up to {@code burst}.
 * Tokens refill greedily (continuously), so a caller over its limit gets its next call as soon as one token's worth
 * of time has passed. The time is the caller's ({@code nowNanos}), so tests need not sleep.
 */
public class RateLimiter {

    /** The time of the call being decided, for the bucket that decides it (Bucket4j reads time from a meter). */
    private static final ThreadLocal<Long> NOW = new ThreadLocal<>();
    private static final TimeMeter CALLERS_CLOCK = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            Long now = NOW.get();
            return now == null ? System.nanoTime() : now;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private final double perSecond;
    private final int burst;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
    }

    /** True when {@code caller} may make one more call now; a limit of 0 or less means no limit. */
    public boolean tryAcquire(String caller, long nowNanos) {
        if (perSecond <= 0) {
            return true;
        }
        NOW.set(nowNanos);
        try {
            return buckets.computeIfAbsent(caller, c -> newBucket()).tryConsume(1);
        } finally {
            NOW.remove();
        }
    }

    private Bucket newBucket() {
        // burst tokens every burst/perSecond seconds is perSecond a second, also for fractional rates (0.5/s).
        Duration period = Duration.ofNanos(Math.max(1, Math.round(burst * 1e9 / perSecond)));
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(burst, period))
                .withCustomTimePrecision(CALLERS_CLOCK)
                .build();
    }
}
