package io.courtside.monitoring;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Date;
import org.springframework.stereotype.Component;

/** Records how fast media was decoded (analysis) or encoded (rendering), in frames per second. */
@Component
public class MediaThroughput {

    private final MeterRegistry meters;

    public MediaThroughput(MeterRegistry meters) {
        this.meters = meters;
    }

    /** {@code kind}: decode or encode; {@code mediaSeconds} of video at {@code frameRate} took since {@code started}. */
    public void record(String kind, double mediaSeconds, double frameRate, Date started) {
        double elapsed = (System.currentTimeMillis() - started.getTime()) / 1000.0;
        if (elapsed > 0 && mediaSeconds > 0 && frameRate > 0) {
            DistributionSummary.builder("courtside.media.fps").description("Frames per second of decoding and encoding")
                    .tag("kind", kind).register(meters).record(mediaSeconds * frameRate / elapsed);
        }
    }
}
