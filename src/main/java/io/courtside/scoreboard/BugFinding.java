package io.courtside.scoreboard;

import io.courtside.config.BundledDefaults;

/**
 * How the score bug's finder tells the bug from other overlays ({@code courtside.analysis.score-bug.*}, written
 * in config/application.yaml): strips of other games' scores, a lock that never reads, the bug changing form.
 *
 * @param stripWidth         a box at least this share of the frame's width (0-1) is a strip (a ticker of other
 *                           games), not the bug: its rows that span the frame are cut away to find the bug beside it
 * @param stripWeight        ... and it weighs this much (0-1) against other boxes
 * @param unconfirmedSeconds a lock where nothing was read consistently this long is let go and the search goes on
 * @param refusedSeconds     a box let go is passed over for this long
 * @param minRelookSamples   the bug gone, finder samples (2 a second) before the first look for the form it
 *                           changed into
 */
public record BugFinding(double stripWidth, double stripWeight, double unconfirmedSeconds, double refusedSeconds,
                         int minRelookSamples) {

    /** As config/application.yaml (the one place they are written) sets them, for readers made outside a job. */
    public static BugFinding defaults() {
        return BundledDefaults.bind("courtside.analysis.score-bug", BugFinding.class);
    }

    public BugFinding {
        if (stripWidth <= 0 || stripWidth > 1 || stripWeight < 0 || stripWeight > 1 || unconfirmedSeconds <= 0
                || refusedSeconds < 0 || minRelookSamples < 1) {
            throw new IllegalArgumentException("courtside.analysis.score-bug needs 0 < strip-width <= 1,"
                    + " 0 <= strip-weight <= 1, unconfirmed-seconds > 0, refused-seconds >= 0 and"
                    + " min-relook-samples >= 1");
        }
    }
}
