package io.courtside.analysis;

import java.nio.FloatBuffer;
import java.util.Arrays;

/** RMS per fixed window: sum of squares placed by sample time, so gaps and priming cannot shift windows. */
final class LoudnessMeter implements AudioAnalyser {
    private final double windowSeconds;
    private final long windowSamples;
    private double[] sumSquares = new double[64];
    private long[] counts = new long[64];

    LoudnessMeter(double windowSeconds, int sampleRate) {
        this.windowSeconds = windowSeconds;
        this.windowSamples = Math.max(1, Math.round(windowSeconds * sampleRate));
    }

    @Override
    public void samples(FloatBuffer samples, int channels, long first) {
        int n = samples.limit() / channels;
        for (int i = 0; i < n; i++) {
            long position = first + i;
            if (position < 0) {
                continue;
            }
            int window = (int) (position / windowSamples);
            if (window >= sumSquares.length) {
                int grown = Math.max(window + 1, sumSquares.length * 2);
                sumSquares = Arrays.copyOf(sumSquares, grown);
                counts = Arrays.copyOf(counts, grown);
            }
            double energy = 0;
            for (int c = 0; c < channels; c++) {
                float v = samples.get(i * channels + c);
                energy += v * v;
            }
            sumSquares[window] += energy;
            counts[window] += channels;
        }
    }

    LoudnessTrack track(double duration) {
        int windows = Math.max(1, (int) Math.ceil(duration / windowSeconds - 1e-9));
        float[] db = new float[windows];
        for (int i = 0; i < windows; i++) {
            if (i < counts.length && counts[i] > 0 && sumSquares[i] > 0) {
                double rms = Math.sqrt(sumSquares[i] / counts[i]);
                db[i] = (float) Math.max(LoudnessTrack.SILENCE_DB, 20 * Math.log10(rms));
            } else {
                db[i] = LoudnessTrack.SILENCE_DB;
            }
        }
        return new LoudnessTrack(windowSeconds, db);
    }
}
