package io.courtside.selection;

/**
 * How highlights are cut for one sport, from {@code config/sports/<sport>.yaml}.
 *
 * @param maxDuration       output length in seconds when the caller gives no MaxDuration
 * @param minClip           shortest clip taken from one shot, seconds
 * @param maxClip           longest clip taken from one shot, seconds
 * @param titleCard         outputs open with a title card naming the teams (from TransferNameRegister)
 * @param transitionSeconds clips meet with a dip to black this long (0: hard cuts)
 */
public record SportProfile(String sport, double maxDuration, double minClip, double maxClip, boolean titleCard,
                           double transitionSeconds) {

    public SportProfile(String sport, double maxDuration, double minClip, double maxClip) {
        this(sport, maxDuration, minClip, maxClip, false, 0);
    }
}
