package io.courtside.analysis;

import java.time.Duration;

import io.courtside.config.BundledDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How one worker analyses one long input on all of its cores, {@code courtside.analysis.parallel.*}
 * (config/application.yaml documents each key and holds the defaults): the input is cut into {@code ranges} time
 * ranges, each decoded and analysed on its own thread with {@code margin} of context either side, and joined by
 * {@link RangeMerge} into the one-pass timeline.
 *
 * @param ranges      ranges analysed at once; 0 means one per processor the JVM may use, 1 turns it off
 * @param minDuration inputs shorter than this are analysed in one pass (each border costs two margins of decoding)
 * @param margin      decoded before and after each range as context, as courtside.split.margin for workers' ranges
 */
@ConfigurationProperties("courtside.analysis.parallel")
public record ParallelRangeProperties(int ranges, Duration minDuration, Duration margin) {

    public ParallelRangeProperties {
        if (ranges < 0 || minDuration == null || minDuration.isNegative() || margin == null || margin.isNegative()) {
            throw new IllegalArgumentException("courtside.analysis.parallel needs ranges >= 0 (0: one per processor),"
                    + " min-duration >= 0 and margin >= 0");
        }
    }

    /** The defaults, as config/application.yaml (the one place they are written) sets them. */
    public static ParallelRangeProperties defaults() {
        return BundledDefaults.bind("courtside.analysis.parallel", ParallelRangeProperties.class);
    }

    /** How many ranges an input of {@code durationSeconds} is analysed in at once on this machine (1: one pass). */
    public int rangesFor(double durationSeconds) {
        if (!(durationSeconds >= minDuration.toMillis() / 1000.0)) {
            return 1;
        }
        return ranges == 0 ? Runtime.getRuntime().availableProcessors() : ranges;
    }
}
