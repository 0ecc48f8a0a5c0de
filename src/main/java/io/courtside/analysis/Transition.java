package io.courtside.analysis;

/**
 * A change from one shot to the next. A {@link Kind#CUT} is instantaneous ({@code start == end == boundary}, the
 * time of the first frame of the new shot); a {@link Kind#FADE} (through black) or {@link Kind#DISSOLVE} spans
 * [start, end] and the shots meet at {@code boundary}, the frame nearest its midpoint.
 */
public record Transition(Kind kind, double start, double end, double boundary) {

    public enum Kind { CUT, FADE, DISSOLVE }

    public double duration() {
        return end - start;
    }
}
