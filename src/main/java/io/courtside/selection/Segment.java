package io.courtside.selection;

/**
 * A stretch of the source, [start, end) in seconds, that goes into a highlight, and why it was chosen
 * (shown to users in the job's timeline; null where no one asked).
 */
public record Segment(double start, double end, String reason) {

    public Segment(double start, double end) {
        this(start, end, null);
    }

    public double duration() {
        return end - start;
    }
}
