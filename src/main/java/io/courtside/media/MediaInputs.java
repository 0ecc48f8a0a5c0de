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

    /** The demuxers of config/application.yaml's {@code courtside.media.formats}. */
    public static final List<String> DEFAULT_FORMATS = List.of("mov", "mp4", "m4a", "3gp", "matroska", "webm",
            "mpegts", "flv", "avi");

    /**
     * The decoders of config/application.yaml's {@code courtside.media.codecs}: what game footage is encoded with.
     * FFmpeg names decoders, not formats: MP3 is decoded by mp3float, AV1 by libdav1d or libaom-av1.
     */
    public static final List<String> DEFAULT_CODECS = List.of("h264", "hevc", "mpeg4", "vp8", "vp9", "av1",
            "libdav1d", "libaom-av1", "mpeg2video", "mjpeg", "aac", "mp3float", "mp3", "opus", "vorbis", "ac3", "eac3",
            "pcm_s16le", "pcm_s16be", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_u8");

    private static volatile List<String> formats = DEFAULT_FORMATS;
    private static volatile List<String> codecs = DEFAULT_CODECS;

    private MediaInputs() {
    }

    /** The service's lists ({@code courtside.media.formats} and {@code .codecs}); every opener uses them from now. */
    public static void configure(MediaProperties media) {
        formats = List.copyOf(media.formats());
        codecs = List.copyOf(media.codecs());
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
        return String.join(",", formats);
    }

    static String codecWhitelist() {
        return String.join(",", codecs);
    }

    static boolean codecAllowed(String decoder) {
        return codecs.contains(decoder);
    }

    static String url(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}
