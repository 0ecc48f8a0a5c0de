package io.courtside.selection;

import java.util.List;

/** What output {@code index} shows: source segments played one after another, in this order. */
public record HighlightPlan(int index, List<Segment> segments) {
    public double duration() {
        return segments.stream().mapToDouble(Segment::duration).sum();
    }
}
