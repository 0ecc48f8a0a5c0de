package io.courtside.analysis;

import io.courtside.config.BundledDefaults;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the analysis pass has FFmpeg decode, {@code courtside.analysis.decode.*} (config/application.yaml documents
 * each key and holds the defaults).
 *
 * @param skipLoopFilter the analysis decoder leaves out H.264/HEVC's in-loop deblocking filter: the signals look at
 *                       averaged grey pictures (64x36 to 512x288) and at the score bug's digits, where block edges
 *                       a deblocking filter would soften do not matter, and the filter is a large share of decode time
 * @param audioThread    audio is decoded and measured (loudness, excitement) by its own grabber on its own thread,
 *                       beside the video pass, so it never waits on video frames and the video loop decodes no audio
 * @param skipNonReference the analysis decodes no frame that no other frame refers to (B-frames mostly), and decodes
 *                       a skipped frame later only where the pass needs it exactly ({@link SkippingFrames}); the
 *                       decoder is single-threaded, so the input is analysed in one range per core
 *                       ({@code courtside.analysis.parallel}, unless ranges is set above 1); audio has its own thread
 */
@ConfigurationProperties("courtside.analysis.decode")
public record DecodeProperties(boolean skipLoopFilter, boolean audioThread, boolean skipNonReference) {

    /** The defaults, as config/application.yaml (the one place they are written) sets them. */
    public static DecodeProperties defaults() {
        return BundledDefaults.bind("courtside.analysis.decode", DecodeProperties.class);
    }
}
