package io.courtside.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Nonces seen within the replay window, per AccessKey. A signed request is valid while its timestamp is within
 * {@code maxAge} of now, so a nonce is kept for twice that from its arrival: long enough that no replay of it is ever
 * accepted. Only the SHA-256 of a nonce is kept (32 bytes, whatever the client sent), in one Caffeine cache per
 * AccessKey that expires entries after that time and never evicts a live one. Each key may hold at most
 * {@code perKeyQuota} live nonces; a key over its quota is refused ({@link Outcome#FULL}) rather than a nonce
 * forgotten, and that refusal touches no other key. Only keys whose signature held reach this cache, so the number
 * of caches is the number of configured AccessKeys.
 */
public class NonceCache {

    private final Duration keepFor;
    private final int perKeyQuota;
    /** The time the caches see: the latest {@code now} given, so expiry follows the caller's clock. */
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final Map<String, Cache<ByteBuffer, Boolean>> byKey = new ConcurrentHashMap<>();

    public NonceCache(Duration maxAge, int perKeyQuota) {
        this.keepFor = maxAge.multipliedBy(2);
        this.perKeyQuota = perKeyQuota;
    }

    public enum Outcome { FIRST_USE, USED, FULL }

    public Outcome use(String accessKeyId, String nonce, Instant now) {
        long at = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        nanos.accumulateAndGet(at, Math::max);
        Cache<ByteBuffer, Boolean> seen = byKey.computeIfAbsent(accessKeyId, k -> Caffeine.newBuilder()
                .expireAfterWrite(keepFor).ticker(ticker).executor(Runnable::run).build());
        ByteBuffer hash = ByteBuffer.wrap(CallerAuthentication.sha256(nonce.getBytes(StandardCharsets.UTF_8)));
        synchronized (seen) {
            if (seen.getIfPresent(hash) != null) {
                return Outcome.USED;
            }
            if (seen.estimatedSize() >= perKeyQuota) {
                seen.cleanUp(); // drops the expired; what is left is live and must be kept
                if (seen.estimatedSize() >= perKeyQuota) {
                    return Outcome.FULL;
                }
            }
            seen.put(hash, Boolean.TRUE);
            return Outcome.FIRST_USE;
        }
    }

    /** Live nonces kept for {@code accessKeyId}. */
    long size(String accessKeyId) {
        Cache<ByteBuffer, Boolean> seen = byKey.get(accessKeyId);
        if (seen == null) {
            return 0;
        }
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
