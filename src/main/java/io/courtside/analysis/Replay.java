package io.courtside.analysis;

/**
 * A slow-motion replay: the stretch between a registered replay logo's "in" appearance and its "out" appearance.
 *
 * @param start      the middle of the logo's "in" appearance (where the replay footage starts under the logo)
 * @param end        the middle of the "out" appearance
 * @param confidence the weaker of the two appearances' best template-match scores (0-1, normalised correlation)
 */
public record Replay(double start, double end, double confidence) {

    public double duration() {
        return end - start;
    }
}
