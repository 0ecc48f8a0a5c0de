package io.courtside.selection;

import io.courtside.analysis.MotionTrack;

/**
 * Where a play starts inside one shot: the last turn from a quiet stretch to a busy picture. Quiet is relative to
 * the busiest window of the stretch looked at (the play itself), so a calm and a busy broadcast read alike.
 */
final class MotionOnset {

    private MotionOnset() {
    }

    /**
     * The start of the first busy window after the last quiet run of at least {@code onsetQuietSeconds} within
     * [from, to); NaN when there is none (busy throughout, still throughout, or no motion measured). Only windows
     * wholly inside [from, to) count.
     */
    static double before(MotionTrack track, double from, double to, ScoreWeights settings) {
        double window = track.windowSeconds();
        int first = Math.max(0, (int) Math.ceil(from / window - 1e-9));
        int last = Math.min(track.windows(), (int) Math.floor(to / window + 1e-9)); // exclusive
        double peak = 0;
        for (int w = first; w < last; w++) {
            peak = Math.max(peak, track.at(w));
        }
        if (last <= first || peak < settings.onsetMinMotion() || peak <= 0) {
            return Double.NaN;
        }
        double quiet = peak * settings.onsetQuietRatio();
        double onset = Double.NaN;
        int quietRun = 0;
        for (int w = first; w < last; w++) {
            if (track.at(w) < quiet) {
                quietRun++;
                continue;
            }
            if (quietRun > 0 && quietRun * window >= settings.onsetQuietSeconds() - 1e-9) {
                onset = w * window;
            }
            quietRun = 0;
        }
        return onset;
    }
}
