package io.courtside.commentary;

/**
 * A line of commentary, placed in the OUTPUT timeline: the caption shows over [start, end) and the voice speaks it
 * from {@code start}. A clip holds one line, or two where a score change comes late in it: a line of the clip's
 * own kind from its start, then the line telling the score from the change on.
 *
 * @param clip  index of the clip (segment) in its output
 * @param start seconds from the start of the output
 * @param end   seconds from the start of the output
 * @param text  the line as written (names already transferred)
 * @param at    the source time the line starts at (the score change it tells, so it is never shown before the
 *              score is), or NaN for a line that starts with its clip
 */
public record CommentaryLine(int clip, double start, double end, String text, double at) {

    /** A line that starts with its clip. */
    public CommentaryLine(int clip, double start, double end, String text) {
        this(clip, start, end, text, Double.NaN);
    }

    /** Whether the line starts at a moment inside its clip (a score change) rather than with the clip. */
    public boolean anchored() {
        return !Double.isNaN(at);
    }
}
