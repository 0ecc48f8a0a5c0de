package io.courtside.analysis;

import java.util.List;

/**
 * Finds where the action is: per frame, the centre of the pixels that changed since the previous small grey
 * frame, weighted by how much they changed. At the end the raw centres are smoothed within each shot (a
 * zero-phase, activity-weighted exponential filter) so a crop that follows them pans smoothly and jumps only
 * at cuts. Frames that change almost everywhere (cuts, flashes, fades) say nothing about where play is and are
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
    private final FrameSeries rawX = new FrameSeries();
    private final FrameSeries rawY = new FrameSeries();
    private final FrameSeries weight = new FrameSeries();
    private byte[] previous;

    ActionCentreTracker(double smoothingSeconds) {
        this.smoothingSeconds = smoothingSeconds;
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
        double alpha = 1 - Math.exp(-1 / (Math.max(1e-3, smoothingSeconds) * fps));
        int frame = 0;
        for (Shot shot : shots) {
            int first = frame;
            while (frame < frames && frameTimes.get(frame) < shot.end() - 1e-6) {
                frame++;
            }
            smooth(first, frame, alpha, rawX, x);
            smooth(first, frame, alpha, rawY, y);
        }
        for (; frame < frames; frame++) { // frames after the last shot's end (rounding): hold the last value
            x[frame] = frame > 0 ? x[frame - 1] : 0.5f;
            y[frame] = frame > 0 ? y[frame - 1] : 0.5f;
        }
        return new ActionTrack(fps, x, y);
    }

    /** Forward then backward weighted exponential smoothing of frames [from, to) of {@code raw} into {@code out}. */
    private void smooth(int from, int to, double alpha, FrameSeries raw, float[] out) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        double[] num = new double[n];
        double[] den = new double[n];
        for (int i = 0; i < n; i++) {
            int f = from + i;
            double w = f == from ? 0 : weight.get(f); // a shot's first frame differs from the previous shot
            num[i] = w * raw.get(f) + PRIOR * 0.5;
            den[i] = w + PRIOR;
        }
        double[] fn = new double[n];
        double[] fd = new double[n];
        double an = num[0];
        double ad = den[0];
        for (int i = 0; i < n; i++) {
            an += alpha * (num[i] - an);
            ad += alpha * (den[i] - ad);
            fn[i] = an;
            fd[i] = ad;
        }
        an = fn[n - 1];
        ad = fd[n - 1];
        for (int i = n - 1; i >= 0; i--) {
            an += alpha * (fn[i] - an);
            ad += alpha * (fd[i] - ad);
            out[from + i] = (float) (an / ad);
        }
    }
}
