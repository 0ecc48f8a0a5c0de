package io.courtside.selection;

import java.util.List;

/**
 * What output {@code index} shows: source segments played one after another, in this order, and what the
 * selector has to report about it (e.g. clips repeated from another output because the input has too few moments).
 */
public record HighlightPlan(int index, List<Segment> segments, List<String> warnings) {

    public HighlightPlan {
        segments = List.copyOf(segments);
        warnings = List.copyOf(warnings);
    }

    public HighlightPlan(int index, List<Segment> segments) {
        this(index, segments, List.of());
    }

    public double duration() {
        return segments.stream().mapToDouble(Segment::duration).sum();
    }
}
