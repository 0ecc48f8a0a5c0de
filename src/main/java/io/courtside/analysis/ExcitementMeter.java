package io.courtside.analysis;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * Audio excitement. Per decoded audio packet (~23 ms) a 2-tap linear predictor is fitted to the mono mix and
 * only its residual energy is counted: crowd roar and voices are noise-like and stay, a whistle or buzzer tone
 * is predictable and mostly vanishes. Window levels are then opened (min then max over the sustain time) so
 * anything shorter cannot stand out, and set against a low percentile of the surrounding windows, the arena's
 * own baseline.
 */
final class ExcitementMeter implements AudioAnalyser {
    private final double windowSeconds;
    private final long windowSamples;
    private final int sustainWindows;
    private final int baselineHalfWindows;
    private final double baselinePercentile;
    private double[] residual = new double[64];
    private long[] counts = new long[64];
    private float[] mono = new float[4096];

    ExcitementMeter(AnalysisProperties p, int sampleRate) {
        this.windowSeconds = p.loudnessWindowSeconds();
        this.windowSamples = Math.max(1, Math.round(windowSeconds * sampleRate));
        this.sustainWindows = Math.max(1, (int) Math.round(p.excitementSustainSeconds() / windowSeconds));
        this.baselineHalfWindows = Math.max(1, (int) Math.round(p.excitementBaselineSeconds() / windowSeconds / 2));
        this.baselinePercentile = p.excitementBaselinePercentile();
    }

    @Override
    public void samples(FloatBuffer samples, int channels, long first) {
        int n = samples.limit() / channels;
        if (n < 3) {
            return;
        }
        if (mono.length < n) {
            mono = new float[n];
        }
        double r0 = 0;
        double r1 = 0;
        double r2 = 0;
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples.get(i * channels + c);
            }
            float v = sum / channels;
            mono[i] = v;
            r0 += v * v;
            if (i >= 1) {
                r1 += v * mono[i - 1];
            }
            if (i >= 2) {
                r2 += v * mono[i - 2];
            }
        }
        // Normal equations of x[i] ~ a1 x[i-1] + a2 x[i-2]; a ridge term keeps silence and near-DC stable.
        double det = r0 * r0 - r1 * r1 + 1e-12;
        double a1 = (r1 * r0 - r1 * r2) / det;
        double a2 = (r0 * r2 - r1 * r1) / det;
        for (int i = 2; i < n; i++) {
            long position = first + i;
            if (position < 0) {
                continue;
            }
            double e = mono[i] - a1 * mono[i - 1] - a2 * mono[i - 2];
            int window = (int) (position / windowSamples);
            if (window >= residual.length) {
                int grown = Math.max(window + 1, residual.length * 2);
                residual = Arrays.copyOf(residual, grown);
                counts = Arrays.copyOf(counts, grown);
            }
            residual[window] += e * e;
            counts[window]++;
        }
    }

    ExcitementTrack track(double duration) {
        int windows = Math.max(1, (int) Math.ceil(duration / windowSeconds - 1e-9));
        float[] level = new float[windows];
        for (int i = 0; i < windows; i++) {
            level[i] = i < counts.length && counts[i] > 0 && residual[i] > 0
                    ? (float) Math.max(LoudnessTrack.SILENCE_DB, 10 * Math.log10(residual[i] / counts[i]))
                    : LoudnessTrack.SILENCE_DB;
        }
        float[] sustained = open(level, sustainWindows);
        float[] baseline = new float[windows];
        float[] above = new float[windows];
        float[] scratch = new float[2 * baselineHalfWindows + 1];
        for (int i = 0; i < windows; i++) {
            int from = Math.max(0, i - baselineHalfWindows);
            int to = Math.min(windows, i + baselineHalfWindows + 1);
            System.arraycopy(level, from, scratch, 0, to - from);
            Arrays.sort(scratch, 0, to - from);
            baseline[i] = scratch[(int) Math.floor(baselinePercentile * (to - from - 1))];
            above[i] = Math.max(0f, sustained[i] - baseline[i]);
        }
        return new ExcitementTrack(windowSeconds, above, baseline);
    }

    /** Morphological opening: keeps a value only where it holds for {@code n} consecutive windows. */
    private static float[] open(float[] x, int n) {
        int len = x.length;
        float[] eroded = new float[len];
        for (int j = 0; j < len; j++) {
            float min = Float.MAX_VALUE;
            for (int k = j; k < Math.min(len, j + n); k++) {
                min = Math.min(min, x[k]);
            }
            eroded[j] = min;
        }
        float[] opened = new float[len];
        for (int i = 0; i < len; i++) {
            float max = -Float.MAX_VALUE;
            for (int j = Math.max(0, i - n + 1); j <= i; j++) {
                max = Math.max(max, eroded[j]);
            }
            opened[i] = max;
        }
        return opened;
    }
}
