package io.courtside.analysis;

/**
 * A slow-motion replay: the stretch between a registered replay logo's "in" appearance and its "out" appearance,
 * kept only when plausible (length within the sport's bounds, the two appearances alike, the stretch slowed down
 * or from a view the live play before it did not show).
 *
 * @param start      the middle of the logo's "in" appearance (where the replay footage starts under the logo)
 * @param end        the middle of the "out" appearance
 * @param confidence the weaker of the two appearances' confidences, times 0.8 when the stretch is not slowed down
 *                   and 0.85 when the replayed live play was not found; under logo-min-confidence it is no replay
 * @param playStart  start of the live play the replay repeats (its content matched before the replay), or NaN
 *                   when no earlier moment matched
 * @param playEnd    end of that live play, or NaN
 * @param slowdown   the replay's motion per frame over the live stretch's before it (below 1: slowed down)
 */
public record Replay(double start, double end, double confidence, double playStart, double playEnd,
                     double slowdown) {

    /** A replay whose live play was not looked for. */
    public Replay(double start, double end, double confidence) {
        this(start, end, confidence, Double.NaN, Double.NaN, Double.NaN);
    }

    public double duration() {
        return end - start;
    }

    /** Whether the replayed live play was found. */
    public boolean playFound() {
        return !Double.isNaN(playStart);
    }
}
