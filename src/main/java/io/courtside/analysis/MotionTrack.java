package io.courtside.analysis;

/**
 * Motion of the source over time: the mean frame difference (grey levels, 0-255, as {@link GameAnalysis#motion()}
 * measures it) of the frames in each fixed window ({@code windowSeconds} long, window i starts at
 * i * windowSeconds). Cuts, transitions and flashes are left out; a window holding none of the other frames is 0.
 * It lets selection see where a play starts inside one long shot (the picture going from still to busy).
 */
public record MotionTrack(double windowSeconds, float[] values) {

    public MotionTrack {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("a motion window must be longer than 0 s");
        }
        values = values.clone();
    }

    /** No motion measured (hand-built analyses): selection finds no onset in it. */
    public static MotionTrack none(double windowSeconds) {
        return new MotionTrack(windowSeconds, new float[0]);
    }

    /** The motion of window {@code i}. */
    public float at(int i) {
        return values[i];
    }

    /** How many windows. */
    public int windows() {
        return values.length;
    }
}
