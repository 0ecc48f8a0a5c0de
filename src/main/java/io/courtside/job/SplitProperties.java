package io.courtside.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * A long game split across workers, {@code courtside.split.*} (config/application.yaml documents each key): inputs
 * longer than {@code minDuration} are analysed in ranges of {@code rangeLength}, each decoded with {@code margin} of
 * context either side, sent on {@code queue}; the job fails when its ranges are not all in after {@code maxWait}.
 * A range's worker fetches only the bytes of a stored MP4 input its range decodes when {@code fetchRanges} is on.
 * Jobs on inputs longer than {@code renderMinDuration} render their outputs apart, each sent on {@code renderQueue}.
 * Range and output messages that fail on every delivery land in {@code deadLetterQueue}.
 */
@ConfigurationProperties("courtside.split")
public record SplitProperties(Duration minDuration, Duration rangeLength, Duration margin, String queue,
                              Duration maxWait, boolean fetchRanges, Duration renderMinDuration, String renderQueue,
                              String deadLetterQueue) {

    public SplitProperties {
        if (rangeLength == null || rangeLength.toMillis() < 1000) {
            throw new IllegalArgumentException("courtside.split.range-length must be at least 1s");
        }
        if (margin == null || margin.isNegative()) {
            throw new IllegalArgumentException("courtside.split.margin must be 0s or more");
        }
    }
}
