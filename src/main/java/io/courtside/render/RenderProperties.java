package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Encoding and dressing of outputs, {@code courtside.render.*} (config/application.yaml documents each key). The
 * look and mix fields may be absent (older configurations): their defaults are RenderSpec.Look/Mix.DEFAULT.
 */
@ConfigurationProperties("courtside.render")
public record RenderProperties(FitMode fit, String x264Preset, int crf, Double captionSize, Double titleSeconds,
                               Double duckDb, Double loudnessLufs, Double truePeakDb, Boolean normaliseLoudness) {

    public RenderSpec.Look look(double transitionSeconds) {
        var d = RenderSpec.Look.DEFAULT;
        return new RenderSpec.Look(captionSize == null ? d.captionSize() : captionSize,
                titleSeconds == null ? d.titleSeconds() : titleSeconds, transitionSeconds);
    }

    public RenderSpec.Mix mix() {
        var d = RenderSpec.Mix.DEFAULT;
        return new RenderSpec.Mix(duckDb == null ? d.duckDb() : duckDb,
                loudnessLufs == null ? d.loudnessLufs() : loudnessLufs,
                truePeakDb == null ? d.truePeakDb() : truePeakDb,
                normaliseLoudness == null ? d.normalise() : normaliseLoudness);
    }
}
