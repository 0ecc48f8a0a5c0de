package io.courtside.media;

import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * How FFmpeg may open a source: only the local file ({@code protocol_whitelist=file}, a {@code file:} URL so a
 * name with ':' is not read as a protocol) and only through demuxers that read nothing but that file. HLS, DASH,
 * concat and image-sequence demuxers are never allowed, whatever the file's content or name, so a playlist
 * posing as .mp4 cannot make FFmpeg fetch a URL or read another file; the MP4 demuxer's external data
 * references stay off (its default).
 */
public final class MediaInputs {

    /** Every demuxer a source may ever be read with; {@code courtside.media.formats} narrows it. */
    public static final List<String> FORMATS = List.of("mov", "mp4", "m4a", "3gp", "3g2", "mj2", "matroska", "webm",
            "mpegts", "flv", "avi");

    private MediaInputs() {
    }

    /** A grabber for {@code file} that may open only it; the caller sets the rest up and starts it. */
    public static FFmpegFrameGrabber grabber(Path file) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(url(file));
        grabber.setOption("protocol_whitelist", "file");
        grabber.setOption("format_whitelist", String.join(",", FORMATS));
        return grabber;
    }

    static String url(Path file) {
        return "file:" + file.toAbsolutePath();
    }
}
