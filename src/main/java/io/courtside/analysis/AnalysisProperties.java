package io.courtside.analysis;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

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
 * @param minShotSeconds        shortest shot accepted; a second cut sooner (a flash) is ignored
 * @param loudnessWindowSeconds length of one audio RMS window
 */
@ConfigurationProperties(prefix = "courtside.analysis")
public record AnalysisProperties(
        @DefaultValue("64") int frameWidth,
        @DefaultValue("36") int frameHeight,
        @DefaultValue("10.0") double cutMinDifference,
        @DefaultValue("3.0") double cutRatio,
        @DefaultValue("25") int cutHistoryFrames,
        @DefaultValue("0.4") double minShotSeconds,
        @DefaultValue("0.5") double loudnessWindowSeconds) {

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
    }

    /** The defaults declared above, bound the way Spring would bind an empty configuration. */
    public static AnalysisProperties defaults() {
        return new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("courtside.analysis", AnalysisProperties.class);
    }
}
