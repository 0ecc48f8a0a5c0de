package io.courtside.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Nonces seen within the replay window. A signed request is valid while its timestamp is within {@code maxAge} of
 * now, so a nonce is kept for twice that from its arrival: long enough that no replay of it is ever accepted.
 * When the cache is full of live nonces it refuses new ones rather than forget one (a forgotten nonce could be
 * replayed).
 */
public class NonceCache {

    private record Seen(String nonce, Instant until) {
    }

    private final Duration keepFor;
    private final int capacity;
    private final Set<String> nonces = new HashSet<>();
    private final Deque<Seen> byAge = new ArrayDeque<>();

    public NonceCache(Duration maxAge, int capacity) {
        this.keepFor = maxAge.multipliedBy(2);
        this.capacity = capacity;
    }

    public enum Outcome { FIRST_USE, USED, FULL }

    public synchronized Outcome use(String nonce, Instant now) {
        while (!byAge.isEmpty() && byAge.peekFirst().until().isBefore(now)) {
            nonces.remove(byAge.removeFirst().nonce());
        }
        if (nonces.contains(nonce)) {
            return Outcome.USED;
        }
        if (nonces.size() >= capacity) {
            return Outcome.FULL;
        }
        nonces.add(nonce);
        byAge.addLast(new Seen(nonce, now.plus(keepFor)));
        return Outcome.FIRST_USE;
    }
}
