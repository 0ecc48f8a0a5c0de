package io.courtside.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** Motion intensity: mean absolute difference of consecutive small grey frames, averaged per shot at the end. */
final class MotionMeter implements FrameAnalyser {
    private final FrameSeries difference;
    private byte[] previous;

    MotionMeter() {
        this(new FrameSeries());
    }

    /** Per-frame differences measured elsewhere (the ranges of a split analysis, joined). */
    MotionMeter(FrameSeries difference) {
        this.difference = difference;
    }

    /** The difference of each frame to the one before (0 for the first), by frame index. */
    FrameSeries differences() {
        return difference;
    }

    @Override
    public void frame(SmallFrame frame) {
        byte[] luma = frame.luma();
        if (previous != null && previous.length == luma.length) {
            difference.set(frame.index(), Pixels.meanAbsoluteDifference(previous, luma));
        } else {
            previous = new byte[luma.length];
        }
        System.arraycopy(luma, 0, previous, 0, luma.length);
    }

    /**
     * Mean motion per shot. A frame counts when it and its predecessor belong to the shot and neither is
     * {@code excluded} (cut, transition, flash frames), so shot changes are not read as motion.
     */
    List<Double> perShot(List<Shot> shots, FrameSeries frameTimes, IntPredicate excluded) {
        List<Double> motion = new ArrayList<>();
        int frame = 0;
        int frames = frameTimes.size();
        for (Shot shot : shots) {
            double sum = 0;
            int n = 0;
            while (frame < frames && frameTimes.get(frame) < shot.end() - 1e-6) {
                boolean inside = frame > 0 && frameTimes.get(frame - 1) >= shot.start() - 1e-6;
                if (inside && !excluded.test(frame) && !excluded.test(frame - 1)) {
                    sum += difference.get(frame);
                    n++;
                }
                frame++;
            }
            motion.add(n == 0 ? 0.0 : sum / n);
        }
        return motion;
    }

    /**
     * Mean motion per {@code window} seconds of the source ({@code duration} long), the frames counted as
     * {@link #perShot} counts them: a frame in a cut, transition or flash, or right after one, is left out.
     */
    MotionTrack perWindow(double window, double duration, FrameSeries frameTimes, IntPredicate excluded) {
        int windows = Math.max(1, (int) Math.ceil(duration / window - 1e-9));
        double[] sums = new double[windows];
        int[] counts = new int[windows];
        int frames = frameTimes.size();
        for (int frame = 1; frame < frames; frame++) {
            if (excluded.test(frame) || excluded.test(frame - 1)) {
                continue;
            }
            int w = Math.min(windows - 1, Math.max(0, (int) Math.floor(frameTimes.get(frame) / window + 1e-9)));
            sums[w] += difference.get(frame);
            counts[w]++;
        }
        float[] values = new float[windows];
        for (int w = 0; w < windows; w++) {
            values[w] = counts[w] == 0 ? 0f : (float) (sums[w] / counts[w]);
        }
        return new MotionTrack(window, values);
    }
}
