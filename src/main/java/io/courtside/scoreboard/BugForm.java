package io.courtside.scoreboard;

/**
 * One form the score bug took and where it sat while it did: a bug that changes form (a wide graphic across the
 * bottom that shrinks into a corner clock) or moves has one per form, in time order.
 *
 * @param from   seconds into the source from which this form was followed (the first form: from the first sample
 *               read, as it may have been on screen before it was found)
 * @param to     seconds into the source when it was last seen (the next form took over, or the source ended);
 *               {@link Double#POSITIVE_INFINITY} when not known
 * @param region where it sat, as fractions of the frame
 */
public record BugForm(double from, double to, ScoreRegion region) {

    public BugForm {
        if (region == null || !(to >= from)) {
            throw new IllegalArgumentException("a bug form needs a region and to >= from: " + from + "-" + to);
        }
    }

    /** How long this form was on screen, in seconds (hidden stretches included). */
    public double seconds() {
        return to - from;
    }
}
