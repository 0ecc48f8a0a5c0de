package io.courtside.selection;

/**
 * How a sport weighs its scoring plays ({@code scoring:} in {@code config/sports/<sport>.yaml}, each key documented
 * there). Only used where the score bug was read; without a score timeline selection ignores it.
 *
 * @param play          score of any clip anchored on a score change (above the loudest non-scoring moment, so with
 *                      a short MaxDuration scoring plays come first)
 * @param perPoint      score per point scored
 * @param leadChange    the scoring team takes the lead from the other
 * @param tie           the score is tied by the play
 * @param run           the play extends (or makes) a run of at least {@code runPoints} unanswered points
 * @param closeLate     the game is close ({@code closeMargin} or less after the play) and late (last
 *                      {@code lateFraction} of the source, or a period named in {@code latePeriods})
 * @param bigPlay       the play scored at least {@code bigPlayPoints} at once (a 3-pointer)
 * @param runPoints     unanswered points that make a run
 * @param closeMargin   a lead this small or smaller is a close game
 * @param lateFraction  the last part of the source (0-1) that is late in the game
 * @param bigPlayPoints points of one play that make it one of the biggest
 * @param afterChange   a scoring clip ends this long after the score change, seconds (kept within 1-3)
 * @param latePeriods   periods as the bug shows them that count as late ("4TH", "Q4", "OT")
 * @param onsetQuietRatio   inside one shot a scoring clip starts where the picture turns busy: a window moving
 *                          less than this share (0-1) of the busiest window before the change is quiet
 * @param onsetQuietSeconds ... after at least this many seconds of quiet windows (shorter lulls are the play)
 * @param onsetMinMotion    ... when the busiest window moves at least this much (grey levels): below it the
 *                          picture is still and its changes are noise
 * @param game          a games-and-points bug (tennis, table tennis) shows a game won
 * @param set           ... a set won
 */
public record ScoreWeights(double play, double perPoint, double leadChange, double tie, double run,
                           double closeLate, double bigPlay, int runPoints, int closeMargin, double lateFraction,
                           int bigPlayPoints, double afterChange, java.util.List<String> latePeriods,
                           double onsetQuietRatio, double onsetQuietSeconds, double onsetMinMotion, double game,
                           double set) {

    /** The shipped basketball values. */
    public static final ScoreWeights DEFAULTS = new ScoreWeights(40, 1, 12, 10, 8, 10, 6, 8, 5, 0.25, 3, 2,
            java.util.List.of("4TH", "Q4", "4", "OT"), 0.35, 2, 1.5, 10, 20);

    public ScoreWeights {
        latePeriods = latePeriods == null ? java.util.List.of() : java.util.List.copyOf(latePeriods);
        afterChange = Math.max(1, Math.min(3, afterChange));
        if (onsetQuietRatio < 0 || onsetQuietRatio >= 1 || onsetQuietSeconds < 0 || onsetMinMotion < 0) {
            throw new IllegalArgumentException("onset-quiet-ratio must be 0-1 (below 1), onset-quiet-seconds and"
                    + " onset-min-motion >= 0");
        }
    }

    /** The period as read counts as late in the game. */
    public boolean latePeriod(String period) {
        if (period == null) {
            return false;
        }
        String p = period.trim().toUpperCase(java.util.Locale.ROOT);
        return latePeriods.stream().anyMatch(l -> l.equalsIgnoreCase(p)) || p.startsWith("OT");
    }
}
