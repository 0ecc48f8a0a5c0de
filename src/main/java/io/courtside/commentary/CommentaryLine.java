package io.courtside.commentary;

/**
 * One clip's line of commentary, placed in the OUTPUT timeline: the caption shows over [start, end) and the
 * voice speaks it from {@code start}.
 *
 * @param clip  index of the clip (segment) in its output
 * @param start seconds from the start of the output
 * @param end   seconds from the start of the output
 * @param text  the line as written (names already transferred)
 */
public record CommentaryLine(int clip, double start, double end, String text) {
}
