package io.courtside.analysis;

import java.util.Arrays;

/** A per-frame value kept for the whole source: 8 bytes a frame, so two hours at 60 fps are under 4 MB. */
final class FrameSeries {
    private double[] values = new double[1024];
    private int size;

    void set(int index, double value) {
        if (index >= values.length) {
            values = Arrays.copyOf(values, Math.max(index + 1, values.length * 2));
        }
        values[index] = value;
        size = Math.max(size, index + 1);
    }

    double get(int index) {
        return index >= 0 && index < size ? values[index] : 0;
    }

    int size() {
        return size;
    }
}
