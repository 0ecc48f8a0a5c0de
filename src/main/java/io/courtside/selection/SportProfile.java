package io.courtside.selection;

/**
 * How highlights are cut for one sport, from {@code config/sports/<sport>.yaml} (each key is documented there).
 *
 * @param maxDuration        output length in seconds when the caller gives no MaxDuration
 * @param minClip            shortest clip, seconds
 * @param maxClip            longest clip, seconds
 * @param preRoll            seconds shown before a moment's peak
 * @param postRoll           seconds shown after it
 * @param snap               a clip edge this close (seconds) to its shot's edge moves onto it
 * @param minGap             two clips of one output are back to back or at least this far apart, seconds
 * @param excitementWeight   score per dB of crowd excitement above the arena's baseline
 * @param loudnessWeight     score per dB of loudness above the game's median (the crowd counts once: by this or by
 *                           excitement, whichever scores more)
 * @param motionWeight       score per grey level of shot motion
 * @param replayWeight       score of a clip showing a slow-motion replay
 * @param replayedPlayWeight score of the live play a replay repeats (the stretch just before the replay)
 * @param replayedPlaySeconds how long before a replay counts as the play it repeats, seconds
 * @param playerWeight       score of a registered player in the clip (times the recognition confidence)
 * @param fastBreakMotion    shot motion (grey levels) from which a shot is a fast break or rally
 * @param excitementMaxDb    excitement (and loudness) above this many dB adds nothing more to a score
 * @param titleCard          outputs open with a title card naming the teams (from TransferNameRegister)
 * @param transitionSeconds  clips meet with a dip to black this long (0: hard cuts)
 * @param scoring            how scoring plays read from the score bug are weighed and cut
 * @param replayMinSeconds   shortest replay of the sport, logo in to logo out, seconds
 * @param replayMaxSeconds   longest replay: logo appearances further apart are no replay, seconds
 */
public record SportProfile(String sport, double maxDuration, double minClip, double maxClip, double preRoll,
                           double postRoll, double snap, double minGap, double excitementWeight,
                           double loudnessWeight, double motionWeight, double replayWeight,
                           double replayedPlayWeight, double replayedPlaySeconds, double playerWeight,
                           double fastBreakMotion, double excitementMaxDb, boolean titleCard,
                           double transitionSeconds, ScoreWeights scoring, double replayMinSeconds,
                           double replayMaxSeconds) {

    /** Shortest and longest replay of a profile that leaves them out, seconds (basketball's). */
    public static final double DEFAULT_REPLAY_MIN_SECONDS = 2.5;
    public static final double DEFAULT_REPLAY_MAX_SECONDS = 20;

    public SportProfile {
        scoring = scoring == null ? ScoreWeights.DEFAULTS : scoring;
    }

    /** Without replay lengths: the defaults. */
    public SportProfile(String sport, double maxDuration, double minClip, double maxClip, double preRoll,
                        double postRoll, double snap, double minGap, double excitementWeight,
                        double loudnessWeight, double motionWeight, double replayWeight,
                        double replayedPlayWeight, double replayedPlaySeconds, double playerWeight,
                        double fastBreakMotion, double excitementMaxDb, boolean titleCard,
                        double transitionSeconds, ScoreWeights scoring) {
        this(sport, maxDuration, minClip, maxClip, preRoll, postRoll, snap, minGap, excitementWeight, loudnessWeight,
                motionWeight, replayWeight, replayedPlayWeight, replayedPlaySeconds, playerWeight, fastBreakMotion,
                excitementMaxDb, titleCard, transitionSeconds, scoring, DEFAULT_REPLAY_MIN_SECONDS,
                DEFAULT_REPLAY_MAX_SECONDS);
    }

    /** Without scoring settings or replay lengths: the shipped basketball scoring, the default replay lengths. */
    public SportProfile(String sport, double maxDuration, double minClip, double maxClip, double preRoll,
                        double postRoll, double snap, double minGap, double excitementWeight,
                        double loudnessWeight, double motionWeight, double replayWeight,
                        double replayedPlayWeight, double replayedPlaySeconds, double playerWeight,
                        double fastBreakMotion, double excitementMaxDb, boolean titleCard,
                        double transitionSeconds) {
        this(sport, maxDuration, minClip, maxClip, preRoll, postRoll, snap, minGap, excitementWeight, loudnessWeight,
                motionWeight, replayWeight, replayedPlayWeight, replayedPlaySeconds, playerWeight, fastBreakMotion,
                excitementMaxDb, titleCard, transitionSeconds, null);
    }

    /** How long the sport's replays are, for the analysis. */
    public io.courtside.analysis.ReplayBounds replayBounds() {
        return new io.courtside.analysis.ReplayBounds(replayMinSeconds, replayMaxSeconds);
    }

    /** Clip lengths only, every other setting at the shipped basketball profile's value. */
    public SportProfile(String sport, double maxDuration, double minClip, double maxClip) {
        this(sport, maxDuration, minClip, maxClip, 3, 2, 1.5, 1, 1, 0.5, 0.3, 20, 15, 6, 10, 6, 15, false, 0);
    }
}
