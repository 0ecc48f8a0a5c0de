package io.courtside.selection;

/**
 * How highlights are cut for one sport, from {@code config/sports/<sport>.yaml}.
 *
 * @param maxDuration output length in seconds when the caller gives no MaxDuration
 * @param minClip     shortest clip taken from one shot, seconds
 * @param maxClip     longest clip taken from one shot, seconds
 */
public record SportProfile(String sport, double maxDuration, double minClip, double maxClip) {
}
