package io.courtside.analysis;

/**
 * How long a replay of the sport may be, logo "in" to logo "out" (from the sport profile's replay-min-seconds and
 * replay-max-seconds): a pair of logo appearances further apart or closer together is no replay.
 */
public record ReplayBounds(double minSeconds, double maxSeconds) {

    public ReplayBounds {
        if (!(minSeconds >= 0) || !(maxSeconds > minSeconds)) {
            throw new IllegalArgumentException("replay bounds need 0 <= min < max, got " + minSeconds + "-"
                    + maxSeconds + " s: fix replay-min-seconds/replay-max-seconds in the sport profile");
        }
    }
}
