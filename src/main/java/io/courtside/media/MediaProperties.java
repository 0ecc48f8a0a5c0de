package io.courtside.media;

import io.courtside.config.BundledDefaults;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits on the media a job may decode ({@code courtside.media.*}); the probe refuses anything outside them
 * before any frame is decoded.
 *
 * @param formats           FFmpeg demuxers a source may be read with (never playlists or concat lists, which
 *                          would open other files or the network); a subset of {@link MediaInputs#FORMATS}
 * @param maxDuration       longest source accepted
 * @param maxWidth          widest video accepted, in pixels
 * @param maxHeight         tallest video accepted, in pixels
 * @param maxStreams        most streams (video, audio, data, subtitles) a container may hold
 * @param maxFrameRate      highest video frame rate accepted, in frames per second
 * @param decodeTimeFactor  analysis and each render may take at most this many times the media's duration...
 * @param decodeTimeGrace   ... plus this, before the job fails as stuck
 * @param stallTimeout      a job thread inside one native media call this long without progress is stuck
 *                          there: the worker halts so the job is redelivered ({@link NativeStallWatchdog})
 * @param codecs            FFmpeg decoders (by FFmpeg's decoder name) a source's video and audio may be decoded
 *                          with; a source with a stream in another codec is refused by the probe, and no opener
 *                          lets FFmpeg use another decoder ({@code codec_whitelist})
 */
@ConfigurationProperties(prefix = "courtside.media")
public record MediaProperties(
        List<String> formats,
        Duration maxDuration,
        int maxWidth,
        int maxHeight,
        int maxStreams,
        double maxFrameRate,
        double decodeTimeFactor,
        Duration decodeTimeGrace,
        Duration stallTimeout,
        List<String> codecs) {

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public MediaProperties {
        for (String format : formats) {
            if (!MediaInputs.FORMATS.contains(format)) {
                throw new IllegalArgumentException("courtside.media.formats: " + format + " is not one of "
                        + MediaInputs.FORMATS + " (demuxers that open no other file or URL)");
            }
        }
        if (codecs == null || codecs.isEmpty()) {
            throw new IllegalArgumentException("courtside.media.codecs is empty: list the FFmpeg decoders sources may"
                    + " use, e.g. h264,aac");
        }
        for (String codec : codecs) {
            if (!codec.matches("[a-z0-9_-]+")) {
                throw new IllegalArgumentException("courtside.media.codecs: '" + codec + "' is not an FFmpeg decoder"
                        + " name (letters, digits, '_' and '-' only), e.g. h264");
            }
        }
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("courtside.media.stall-timeout must be > 0");
        }
        if (decodeTimeFactor <= 0 || decodeTimeGrace.isNegative()) {
            throw new IllegalArgumentException("courtside.media.decode-time-factor must be > 0 and decode-time-grace >= 0");
        }
    }

    /** The settings before {@code codecs} existed: the default decoders. */
    public MediaProperties(List<String> formats, Duration maxDuration, int maxWidth, int maxHeight, int maxStreams,
                           double maxFrameRate, double decodeTimeFactor, Duration decodeTimeGrace, Duration stallTimeout) {
        this(formats, maxDuration, maxWidth, maxHeight, maxStreams, maxFrameRate, decodeTimeFactor, decodeTimeGrace,
                stallTimeout, defaults().codecs());
    }

    /** The defaults, as config/application.yaml (the one place they are written) sets them. */
    public static MediaProperties defaults() {
        return BundledDefaults.bind("courtside.media", MediaProperties.class);
    }
}
