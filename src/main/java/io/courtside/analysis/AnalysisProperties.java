package io.courtside.analysis;

import io.courtside.config.BundledDefaults;
import io.courtside.scoreboard.BugFinding;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Tunables of the one-pass source analysis ({@code courtside.analysis.*}).
 *
 * @param frameWidth            width of the greyscale frames FFmpeg scales to for cut detection
 * @param frameHeight           height of those frames
 * @param cutMinDifference      a cut needs at least this mean absolute difference (0-255 grey levels)
 *                              between consecutive small frames
 * @param cutRatio              ... and at least this many times the median difference of recent frames,
 *                              so busy footage (pans, crowds) does not read as cuts
 * @param cutHistoryFrames      how many recent frame differences that median is taken over
 * @param minShotSeconds        shortest shot accepted; a second boundary sooner is ignored
 * @param loudnessWindowSeconds length of one audio RMS window (and of one excitement window)
 * @param flashMaxFrames        longest camera flash in frames: a spike after which the picture returns to the
 *                              frame before within this many frames is a flash, not a cut
 * @param gradualMinSeconds     shortest fade or dissolve looked for
 * @param gradualMaxSeconds     longest fade or dissolve looked for (the detector keeps this many small frames)
 * @param gradualMinDifference  the two ends of a gradual transition differ by at least this (0-255 grey levels)
 * @param gradualLinearity      frames inside a dissolve may differ from the blend of its ends by at most this
 *                              share of the ends' difference
 * @param gradualMinHistogramChange  ... and their grey-level histograms differ by at least this (0 same, 1 disjoint),
 *                              so a slow pan (sub-pixel shifts blend almost linearly) is not read as a dissolve
 * @param excitementSustainSeconds   audio energy must hold this long to count as excitement (whistles, buzzers
 *                                   and bangs are shorter)
 * @param excitementBaselineSeconds  the arena's baseline is taken over this much audio around each window
 * @param excitementBaselinePercentile  ... as this percentile (0-1) of its window levels
 * @param actionSmoothingSeconds     the action-centre track is smoothed within a shot over this much time
 *                                   either side of each frame (longer: calmer reframing pans)
 * @param logoFrameStep         replay logos are searched in every n-th frame
 * @param logoMinHeight         smallest on-screen logo size searched (its larger side: the width of a wide banner),
 *                              share of the frame height
 * @param logoMaxHeight         largest on-screen logo size searched (its larger side), share of the frame height
 * @param logoMinScore          normalised correlation (0-1) a logo match needs
 * @param logoMaxGapSeconds     hits closer than this belong to one logo appearance
 * @param logoMaxAppearanceSeconds  a longer appearance is a permanent overlay, not a replay transition
 * @param logoMinHits           an appearance needs verified matches in at least this many consecutive sampled frames
 * @param logoMinConfidence     an appearance with a lower confidence (0-1) is not reported nor paired into a replay
 * @param logoMasks             whether a logo's transparent parts (PNG/WebP alpha) are left out of the match, so the
 *                              video showing through them does not count against it (false: matched as a rectangle)
 * @param replayMinSeconds      shortest replay (logo in to logo out)
 * @param replayMaxSeconds      longest replay; a logo further from the previous one starts a new replay
 * @param facesPerSecond        frames a second searched for registered players' faces (when any are registered)
 * @param faceMinHeight         smallest face looked for, share of the frame height
 * @param faceMaxDistance       LBPH distance above which a face is nobody's (lower names fewer, surer players)
 * @param maxImageBytes         largest registered logo or face photo, in bytes
 * @param maxImagePixels        most pixels (width x height, read from the image's header before decoding) a
 *                              registered logo or face photo may declare
 * @param scoreBug              how the score bug's finder tells the bug from other overlays (strips of other games'
 *                              scores, a lock that never reads)
 */
@ConfigurationProperties(prefix = "courtside.analysis")
public record AnalysisProperties(
        int frameWidth,
        int frameHeight,
        double cutMinDifference,
        double cutRatio,
        int cutHistoryFrames,
        double minShotSeconds,
        double loudnessWindowSeconds,
        int flashMaxFrames,
        double gradualMinSeconds,
        double gradualMaxSeconds,
        double gradualMinDifference,
        double gradualLinearity,
        double gradualMinHistogramChange,
        double excitementSustainSeconds,
        double excitementBaselineSeconds,
        double excitementBaselinePercentile,
        double actionSmoothingSeconds,
        int logoFrameStep,
        double logoMinHeight,
        double logoMaxHeight,
        double logoMinScore,
        double logoMaxGapSeconds,
        double logoMaxAppearanceSeconds,
        int logoMinHits,
        double logoMinConfidence,
        boolean logoMasks,
        double replayMinSeconds,
        double replayMaxSeconds,
        double facesPerSecond,
        double faceMinHeight,
        double faceMaxDistance,
        org.springframework.util.unit.DataSize maxImageBytes,
        long maxImagePixels,
        @NestedConfigurationProperty BugFinding scoreBug) {

    public AnalysisProperties {
        if (frameWidth < 8 || frameHeight < 8) {
            throw new IllegalArgumentException("courtside.analysis.frame-width/-height must be >= 8");
        }
        if (cutMinDifference <= 0 || cutRatio <= 1 || cutHistoryFrames < 3) {
            throw new IllegalArgumentException(
                    "courtside.analysis needs cut-min-difference > 0, cut-ratio > 1, cut-history-frames >= 3");
        }
        if (minShotSeconds < 0 || loudnessWindowSeconds <= 0) {
            throw new IllegalArgumentException(
                    "courtside.analysis needs min-shot-seconds >= 0 and loudness-window-seconds > 0");
        }
        if (flashMaxFrames < 1 || gradualMinSeconds <= 0 || gradualMaxSeconds < gradualMinSeconds
                || gradualMinDifference <= 0 || gradualLinearity <= 0 || gradualLinearity >= 1) {
            throw new IllegalArgumentException("courtside.analysis needs flash-max-frames >= 1, 0 < gradual-min-seconds"
                    + " <= gradual-max-seconds, gradual-min-difference > 0 and 0 < gradual-linearity < 1");
        }
        if (excitementSustainSeconds <= 0 || excitementBaselineSeconds <= 0
                || excitementBaselinePercentile < 0 || excitementBaselinePercentile > 1) {
            throw new IllegalArgumentException("courtside.analysis needs excitement-sustain-seconds > 0,"
                    + " excitement-baseline-seconds > 0 and 0 <= excitement-baseline-percentile <= 1");
        }
        if (logoFrameStep < 1 || logoMinHeight <= 0 || logoMaxHeight > 1 || logoMinHeight > logoMaxHeight
                || logoMinScore <= 0 || logoMinScore >= 1 || logoMinHits < 1 || logoMinConfidence < 0
                || logoMinConfidence >= 1 || replayMinSeconds < 0 || replayMaxSeconds <= replayMinSeconds) {
            throw new IllegalArgumentException("courtside.analysis needs logo-frame-step >= 1, 0 < logo-min-height"
                    + " <= logo-max-height <= 1, 0 < logo-min-score < 1, logo-min-hits >= 1, 0 <= logo-min-confidence < 1 and 0 <= replay-min-seconds < replay-max-seconds");
        }
        if (facesPerSecond <= 0 || faceMinHeight <= 0 || faceMinHeight >= 1 || faceMaxDistance <= 0) {
            throw new IllegalArgumentException("courtside.analysis needs faces-per-second > 0, 0 < face-min-height < 1"
                    + " and face-max-distance > 0");
        }
        if (scoreBug == null) {
            throw new IllegalArgumentException("courtside.analysis.score-bug is missing (config/application.yaml has it)");
        }
        if (maxImageBytes.toBytes() <= 0 || maxImagePixels <= 0) {
            throw new IllegalArgumentException("courtside.analysis needs max-image-bytes > 0 and max-image-pixels > 0");
        }
    }

    /** The defaults, as config/application.yaml (the one place they are written) sets them. */
    public static AnalysisProperties defaults() {
        return BundledDefaults.bind("courtside.analysis", AnalysisProperties.class);
    }
}
