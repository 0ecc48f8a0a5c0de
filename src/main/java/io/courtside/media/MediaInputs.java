package io.courtside.media;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How FFmpeg may open a source: only the local file ({@code protocol_whitelist=file}, a {@code file:} URL so a
 * name with ':' is not read as a protocol), only through the demuxers of {@code courtside.media.formats} (never
 * HLS, DASH, concat or image-sequence demuxers, which read other files or URLs, so a playlist posing as .mp4
 * cannot make FFmpeg fetch a URL or read another file; the MP4 demuxer's external data references stay off, its
 * default), and only with the decoders of {@code courtside.media.codecs} ({@code codec_whitelist} on the
 * container, for its stream probing, and on the video and audio decoders the grabber opens): FFmpeg's many rarely
 * used decoders, where most of its memory-safety bugs are found, are never reached by a caller's file.
 *
 * <p>The allowed lists are the service's configuration, set once at start-up by {@link MediaProbe} (a Spring
 * bean, created before any job runs); until then, and in tests that build analysers directly, the defaults of
 * config/application.yaml apply.
 */
public final class MediaInputs {

    /** Every demuxer a source may ever be read with; {@code courtside.media.formats} narrows it. */
    public static final List<String> FORMATS = List.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm",
            "mpegts", "flv", "avi");

    /**
     * The service's lists once {@link #configure} ran; until then (tests, tools outside Spring) those of
     * config/application.yaml, the one place their defaults are written ({@link MediaProperties#defaults()}).
     * FFmpeg names decoders, not formats: MP3 is decoded by mp3float, AV1 by libdav1d or libaom-av1.
     */
    private static volatile List<String> formats;
    private static volatile List<String> codecs;

    private MediaInputs() {
    }

    /** The service's lists ({@code courtside.media.formats} and {@code .codecs}); every opener uses them from now. */
    public static void configure(MediaProperties media) {
        formats = List.copyOf(media.formats());
        codecs = List.copyOf(media.codecs());
    }

    private static List<String> formats() {
        if (formats == null) {
            formats = List.copyOf(MediaProperties.defaults().formats());
        }
        return formats;
    }

    private static List<String> codecs() {
        if (codecs == null) {
            codecs = List.copyOf(MediaProperties.defaults().codecs());
        }
        return codecs;
    }

    /** A grabber for {@code file} that may open only it; the caller sets the rest up and starts it. */
    public static FFmpegFrameGrabber grabber(Path file) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url(file));
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", formatWhitelist());
        grabber.setOption("codec_whitelist", codecWhitelist());
        grabber.setVideoOption("codec_whitelist", codecWhitelist());
        grabber.setAudioOption("codec_whitelist", codecWhitelist());
        return grabber;
    }

    static String formatWhitelist() {
        return String.join(",", formats());
    }

    static String codecWhitelist() {
        return String.join(",", codecs());
    }

    static boolean codecAllowed(String decoder) {
        return codecs().contains(decoder);
    }

    static String url(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}
