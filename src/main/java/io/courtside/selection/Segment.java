package io.courtside.selection;

/**
 * A stretch of the source, [start, end) in seconds, that goes into a highlight, why it was chosen (shown to
 * users in the job's timeline; null where no one asked) and what happens in it (for its commentary).
 */
public record Segment(double start, double end, String reason, ClipEvents events) {

    public Segment {
        events = events == null ? ClipEvents.NONE : events;
    }

    public Segment(double start, double end) {
        this(start, end, null, ClipEvents.NONE);
    }

    public Segment(double start, double end, String reason) {
        this(start, end, reason, ClipEvents.NONE);
    }

    public double duration() {
        return end - start;
    }
}
