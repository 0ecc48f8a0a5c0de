package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The service never runs open by accident, and the replay and rate bookkeeping hold at their edges. */
class AccessKeysTest {

    private static ApiSecurityProperties properties(boolean authentication, String keys) {
        return new ApiSecurityProperties(authentication, keys, Duration.ofMinutes(15), 3, 128,
                Duration.ofMinutes(5), DataSize.ofKilobytes(256),
                64, 32768, 20, 40);
    }

    @Test
    void authenticationOffOnlyOnLoopback() {
        assertThat(new AccessKeys(properties(false, ""), "127.0.0.1").enabled()).isFalse();
        assertThat(new AccessKeys(properties(false, ""), "::1").enabled()).isFalse();
        assertThatThrownBy(() -> new AccessKeys(properties(false, ""), "0.0.0.0"))
                .hasMessageContaining("only while the API listens on loopback");
        assertThatThrownBy(() -> new AccessKeys(properties(false, ""), ""))
                .hasMessageContaining("only while the API listens on loopback");
    }

    @Test
    void withoutConfiguredKeysOneIsGenerated() {
        AccessKeys generated = new AccessKeys(properties(true, ""), "0.0.0.0");
        assertThat(generated.enabled()).isTrue();
        var key = generated.first().orElseThrow();
        assertThat(key.getKey()).startsWith("courtside-");
        assertThat(key.getValue()).hasSize(40);
        assertThat(new AccessKeys(properties(true, ""), "0.0.0.0").first().orElseThrow().getValue())
                .isNotEqualTo(key.getValue());

        AccessKeys configured = new AccessKeys(properties(true, "a:one, b:two"), "0.0.0.0");
        assertThat(configured.secretOf("b")).contains("two");
        assertThat(configured.secretOf("c")).isEmpty();
        assertThatThrownBy(() -> new AccessKeys(properties(true, "a-without-secret"), "127.0.0.1"))
                .hasMessageContaining("id:secret");
    }

    @Test
    void noncesAreKeptForTwiceTheWindowAndNeverForgottenEarly() {
        NonceCache cache = new NonceCache(Duration.ofMinutes(15), 2);
        Instant now = Instant.parse("2026-11-24T08:00:00Z");
        assertThat(cache.use("k", "a", now)).isEqualTo(NonceCache.Outcome.FIRST_USE);
        assertThat(cache.use("k", "a", now.plusSeconds(29 * 60))).isEqualTo(NonceCache.Outcome.USED);
        assertThat(cache.use("k", "b", now)).isEqualTo(NonceCache.Outcome.FIRST_USE);
        assertThat(cache.use("k", "c", now.plusSeconds(60))).as("full of live nonces").isEqualTo(NonceCache.Outcome.FULL);
        assertThat(cache.use("k", "a", now.plusSeconds(60))).as("still remembered").isEqualTo(NonceCache.Outcome.USED);
        assertThat(cache.use("k", "c", now.plusSeconds(31 * 60))).isEqualTo(NonceCache.Outcome.FIRST_USE);
    }

    @Test
    void oneKeyFillingItsNonceQuotaDoesNotLockOutAnother() {
        NonceCache cache = new NonceCache(Duration.ofMinutes(15), 1000);
        Instant now = Instant.parse("2026-11-24T08:00:00Z");
        String huge = "n".repeat(32 * 1024);
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.use("greedy", huge + i, now)).isEqualTo(NonceCache.Outcome.FIRST_USE);
        }
        assertThat(cache.use("greedy", "one-more", now)).isEqualTo(NonceCache.Outcome.FULL);
        assertThat(cache.use("greedy", huge + 7, now)).as("a kept nonce stays spent").isEqualTo(NonceCache.Outcome.USED);
        // The other key has its own quota: all of it.
        for (int i = 0; i < 1000; i++) {
            assertThat(cache.use("polite", "nonce-" + i, now)).isEqualTo(NonceCache.Outcome.FIRST_USE);
        }
        assertThat(cache.use("polite", "nonce-1000", now)).isEqualTo(NonceCache.Outcome.FULL);
        assertThat(cache.size("greedy")).isEqualTo(1000);
    }

    @Test
    void rateLimiterRefillsOverTime() {
        RateLimiter limiter = new RateLimiter(2, 3);
        long t = 0;
        assertThat(limiter.tryAcquire("k", t)).isTrue();
        assertThat(limiter.tryAcquire("k", t)).isTrue();
        assertThat(limiter.tryAcquire("k", t)).isTrue();
        assertThat(limiter.tryAcquire("k", t)).isFalse();
        assertThat(limiter.tryAcquire("other", t)).isTrue();
        assertThat(limiter.tryAcquire("k", t + 500_000_000L)).isTrue();
        assertThat(limiter.tryAcquire("k", t + 500_000_000L)).isFalse();
    }
}
