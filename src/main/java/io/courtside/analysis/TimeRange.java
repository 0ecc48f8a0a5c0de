package io.courtside.analysis;

/**
 * One stretch [from, to) of a source analysed on its own (a long game split across workers): range {@code index}
 * of {@code count}. The last range runs to the end of the source, whatever {@code to} says.
 */
public record TimeRange(int index, int count, double from, double to) {

    public TimeRange {
        if (index < 0 || index >= count || from < 0 || !(to > from)) {
            throw new IllegalArgumentException("a range needs 0 <= index < count and 0 <= from < to: " + index + "/"
                    + count + " [" + from + ", " + to + ")");
        }
    }

    public boolean last() {
        return index == count - 1;
    }

    /** Whether a frame at {@code time} belongs to this range (the last range owns everything after its start). */
    public boolean owns(double time) {
        return time >= from - 1e-9 && (last() || time < to - 1e-9);
    }

    /**
     * {@code duration} seconds cut into ranges of {@code rangeSeconds} (the last one takes a remainder shorter
     * than half a range, so no range is tiny).
     */
    public static java.util.List<TimeRange> split(double duration, double rangeSeconds) {
        int count = Math.max(1, (int) Math.round(duration / rangeSeconds));
        java.util.List<TimeRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ranges.add(new TimeRange(i, count, i * rangeSeconds, i == count - 1 ? Math.max(duration, (i + 1)
                    * rangeSeconds) : (i + 1) * rangeSeconds));
        }
        return ranges;
    }
}
