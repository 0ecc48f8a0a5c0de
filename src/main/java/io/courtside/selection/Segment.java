package io.courtside.selection;

/** A stretch of the source, [start, end) in seconds, that goes into a highlight. */
public record Segment(double start, double end) {
    public double duration() {
        return end - start;
    }
}
