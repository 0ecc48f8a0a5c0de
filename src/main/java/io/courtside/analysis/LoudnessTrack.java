package io.courtside.analysis;

/**
 * Audio loudness of the source, one RMS value in dBFS per fixed window
 * ({@code windowSeconds} long, window i starts at i * windowSeconds). Silence or no audio is -90 dB.
 */
public record LoudnessTrack(double windowSeconds, float[] rmsDb) {

    public static final float SILENCE_DB = -90f;

    /** Mean power (not mean dB) over [from, to), returned in dB; SILENCE_DB when the range holds no window. */
    public double meanDb(double from, double to) {
        int first = Math.max(0, (int) Math.floor(from / windowSeconds));
        int last = Math.min(rmsDb.length, (int) Math.ceil(to / windowSeconds));
        if (last <= first) {
            return SILENCE_DB;
        }
        double power = 0;
        for (int i = first; i < last; i++) {
            power += Math.pow(10, rmsDb[i] / 10.0);
        }
        return Math.max(SILENCE_DB, 10 * Math.log10(power / (last - first)));
    }
}
