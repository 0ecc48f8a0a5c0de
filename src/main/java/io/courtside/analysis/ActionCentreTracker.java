package io.courtside.analysis;

import java.util.List;

/**
 * Finds where the action is: per frame, the centre of the pixels that changed since the previous small grey
 * frame, weighted by how much they changed. At the end the raw centres are smoothed within each shot (an
 * activity-weighted local linear regression) so a crop that follows them pans smoothly and jumps only at cuts. Frames that change almost everywhere (cuts, flashes, fades) say nothing about where play is and are
 * left out; frames where nothing moves keep the smoothed centre of their neighbours.
 */
final class ActionCentreTracker implements FrameAnalyser {
    /** A pixel counts as moving when its grey level changed by more than this. */
    private static final int NOISE = 12;
    /** A frame where more than this share of the pixels changed is a cut, flash or fade. */
    private static final double GLOBAL_CHANGE = 0.5;
    /** Weight of the picture centre: with no motion at all the track rests in the middle. */
    private static final double PRIOR = 1e-3;

    private final double smoothingSeconds;
    private final FrameSeries rawX;
    private final FrameSeries rawY;
    private final FrameSeries weight;
    private byte[] previous;

    ActionCentreTracker(double smoothingSeconds) {
        this(smoothingSeconds, new FrameSeries(), new FrameSeries(), new FrameSeries());
    }

    /** Raw centres measured elsewhere (the ranges of a split analysis, joined): only {@link #track} is used. */
    ActionCentreTracker(double smoothingSeconds, FrameSeries rawX, FrameSeries rawY, FrameSeries weight) {
        this.smoothingSeconds = smoothingSeconds;
        this.rawX = rawX;
        this.rawY = rawY;
        this.weight = weight;
    }

    /** The raw (unsmoothed) centre and weight of each frame, by frame index: {x, y, weight}. */
    FrameSeries[] raw() {
        return new FrameSeries[] {rawX, rawY, weight};
    }

    @Override
    public void frame(SmallFrame frame) {
        byte[] luma = frame.luma();
        int w = frame.width();
        int h = frame.height();
        if (previous != null && previous.length == luma.length) {
            double sum = 0;
            double sx = 0;
            double sy = 0;
            int changed = 0;
            for (int r = 0; r < h; r++) {
                int row = r * w;
                for (int c = 0; c < w; c++) {
                    int d = Math.abs((luma[row + c] & 0xff) - (previous[row + c] & 0xff)) - NOISE;
                    if (d > 0) {
                        changed++;
                        sum += d;
                        sx += d * (c + 0.5);
                        sy += d * (r + 0.5);
                    }
                }
            }
            boolean global = changed > GLOBAL_CHANGE * luma.length;
            if (sum > 0 && !global) {
                rawX.set(frame.index(), sx / sum / w);
                rawY.set(frame.index(), sy / sum / h);
                weight.set(frame.index(), sum / luma.length);
            } else {
                weight.set(frame.index(), 0);
            }
        } else {
            previous = new byte[luma.length];
        }
        System.arraycopy(luma, 0, previous, 0, luma.length);
    }

    /** The smoothed track: each shot on its own, the first frame of a shot (its cut) left out. */
    ActionTrack track(List<Shot> shots, FrameSeries frameTimes, double fps) {
        int frames = frameTimes.size();
        float[] x = new float[frames];
        float[] y = new float[frames];
        int radius = Math.max(1, (int) Math.round(smoothingSeconds * fps));
        int frame = 0;
        for (Shot shot : shots) {
            int first = frame;
            while (frame < frames && frameTimes.get(frame) < shot.end() - 1e-6) {
                frame++;
            }
            smooth(first, frame, radius, rawX, x);
            smooth(first, frame, radius, rawY, y);
        }
        for (; frame < frames; frame++) { // frames after the last shot's end (rounding): hold the last value
            x[frame] = frame > 0 ? x[frame - 1] : 0.5f;
            y[frame] = frame > 0 ? y[frame - 1] : 0.5f;
        }
        return new ActionTrack(fps, x, y);
    }

    /**
     * Local linear regression of frames [from, to) of {@code raw}: at each frame, a line fitted to the frames
     * within {@code radius} (same shot only), weighted by their activity and a triangular kernel. A steady pan
     * is followed without lag, even at the ends of a shot; jitter averages out. Where too little moves to fit a
     * line, the weighted mean; where nothing moves at all, the centre.
     */
    private void smooth(int from, int to, int radius, FrameSeries raw, float[] out) {
        for (int i = from; i < to; i++) {
            double s0 = PRIOR;
            double s1 = 0;
            double s2 = 0;
            double t0 = PRIOR * 0.5;
            double t1 = 0;
            for (int j = Math.max(from + 1, i - radius); j <= Math.min(to - 1, i + radius); j++) {
                double w = weight.get(j) * (1 - Math.abs(j - i) / (radius + 1.0));
                if (w <= 0) {
                    continue;
                }
                double d = j - i;
                double v = raw.get(j);
                s0 += w;
                s1 += w * d;
                s2 += w * d * d;
                t0 += w * v;
                t1 += w * v * d;
            }
            double det = s0 * s2 - s1 * s1;
            double value = det > 1e-9 * s0 * s0 * radius * radius && s0 > 10 * PRIOR
                    ? (t0 * s2 - t1 * s1) / det : t0 / s0;
            out[i] = (float) Math.max(0, Math.min(1, value));
        }
    }
}
