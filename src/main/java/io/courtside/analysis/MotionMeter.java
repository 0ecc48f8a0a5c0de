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
}
