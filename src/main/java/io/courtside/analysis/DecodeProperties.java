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
 * @param skipFrames     which frames the analysis does not decode at first ({@link SkipFrames}); a skipped frame is
 *                       decoded later only where the pass needs it exactly ({@link SkippingFrames}); skipping, the
 *                       decoder is single-threaded, so a long input is analysed in one range per core
 *                       ({@code courtside.analysis.parallel}, unless ranges is set above 1); audio has its own thread
 */
@ConfigurationProperties("courtside.analysis.decode")
public record DecodeProperties(boolean skipLoopFilter, boolean audioThread, SkipFrames skipFrames) {

    /** The frames the analysis pass leaves out of its first decode. */
    public enum SkipFrames {
        /** Every frame decoded, by FFmpeg's frame-threaded decoder. */
        NONE,
        /** Frames no other frame refers to (most B-frames). */
        NON_REFERENCE,
        /**
         * Every B-frame, referenced ones of a B-pyramid too (I and P frames decoded), where that leaves the I and P
         * pictures exact (H.264 with no P-frame referring to a B-frame, checked on each input's first frames);
         * other inputs skip non-reference frames.
         */
        BIDIRECTIONAL;

        /** True when the pass decodes with the skipping decoder. */
        public boolean skipping() {
            return this != NONE;
        }
    }

    /** The defaults, as config/application.yaml (the one place they are written) sets them. */
    public static DecodeProperties defaults() {
        return BundledDefaults.bind("courtside.analysis.decode", DecodeProperties.class);
    }
}
