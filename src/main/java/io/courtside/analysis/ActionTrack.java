package io.courtside.analysis;

import java.util.Arrays;

/**
 * Where the action is in each frame of the source, smoothed within each shot: the centre (0-1 of the width and
 * height) of the moving pixels, so a crop window narrower than the source can follow play. Within a shot the
 * track moves smoothly; it jumps only at shot boundaries. 8 bytes a frame.
 *
 * @param fps frame rate of the source (frame {@code i} is at {@code i / fps} s)
 * @param x   smoothed horizontal centre per frame, 0 = left edge, 1 = right edge
 * @param y   smoothed vertical centre per frame, 0 = top, 1 = bottom
 */
public record ActionTrack(double fps, float[] x, float[] y) {

    public ActionTrack {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y need one value per frame");
        }
    }

    /** No measurement (hand-built analyses, sources without motion): the centre of the picture throughout. */
    public static ActionTrack centred(double fps) {
        return new ActionTrack(fps, new float[0], new float[0]);
    }

    /** Horizontal action centre at source time {@code seconds} (0.5 where nothing was measured). */
    public double centreX(double seconds) {
        return at(x, seconds);
    }

    /** Vertical action centre at source time {@code seconds} (0.5 where nothing was measured). */
    public double centreY(double seconds) {
        return at(y, seconds);
    }

    private double at(float[] values, double seconds) {
        if (values.length == 0 || !(fps > 0)) {
            return 0.5;
        }
        int i = (int) Math.round(seconds * fps);
        return values[Math.max(0, Math.min(values.length - 1, i))];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionTrack t && t.fps == fps && Arrays.equals(t.x, x) && Arrays.equals(t.y, y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "ActionTrack[" + x.length + " frames @ " + fps + " fps]";
    }
}
