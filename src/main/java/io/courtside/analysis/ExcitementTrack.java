package io.courtside.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How excited the audio is, one value per window ({@code windowSeconds} long, window i starts at
 * i * windowSeconds): sustained broadband energy in dB above the local baseline of the arena ({@code baselineDb},
 * a low percentile of the surrounding half minute), so a loud and a quiet arena read alike. Levels are of the
 * noise-like part of the mono mix (what a short linear predictor cannot predict), a few dB under plain RMS. Tonal sounds
 * (whistles) and bursts shorter than the sustain time do not count. No audio gives all zeros.
 */
public record ExcitementTrack(double windowSeconds, float[] dbAboveBaseline, float[] baselineDb) {

    /** A stretch where excitement stays at or above a threshold; {@code peakDb} is its highest value. */
    public record Peak(double start, double end, double peakDb) {
    }

    /** The track of a silent or audio-less source. */
    public static ExcitementTrack silent(double windowSeconds, int windows) {
        float[] baseline = new float[windows];
        java.util.Arrays.fill(baseline, LoudnessTrack.SILENCE_DB);
        return new ExcitementTrack(windowSeconds, new float[windows], baseline);
    }

    /** Highest excitement over [from, to); 0 when the range holds no window. */
    public double maxDb(double from, double to) {
        int first = Math.max(0, (int) Math.floor(from / windowSeconds));
        int last = Math.min(dbAboveBaseline.length, (int) Math.ceil(to / windowSeconds));
        double max = 0;
        for (int i = first; i < last; i++) {
            max = Math.max(max, dbAboveBaseline[i]);
        }
        return max;
    }

    /** The stretches at or above {@code minDb}, most excited first. */
    public List<Peak> peaks(double minDb) {
        List<Peak> peaks = new ArrayList<>();
        int i = 0;
        while (i < dbAboveBaseline.length) {
            if (dbAboveBaseline[i] < minDb) {
                i++;
                continue;
            }
            int start = i;
            float max = 0;
            while (i < dbAboveBaseline.length && dbAboveBaseline[i] >= minDb) {
                max = Math.max(max, dbAboveBaseline[i]);
                i++;
            }
            peaks.add(new Peak(start * windowSeconds, i * windowSeconds, max));
        }
        peaks.sort(Comparator.comparingDouble(Peak::peakDb).reversed());
        return List.copyOf(peaks);
    }
}
