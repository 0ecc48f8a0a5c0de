package io.courtside.media;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.courtside.kernel.JobFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Reads a source's container header and stream parameters (no decoding beyond what FFmpeg needs to find
 * them) and refuses it, before the decode pass, when it is not a video in an allowed container or is over the
 * configured limits. FFmpeg may open only the local file, through an allowed demuxer: a playlist or concat
 * list named .mp4 is refused here without opening anything it names.
 */
@Component
@EnableConfigurationProperties(MediaProperties.class)
public class MediaProbe {

    private final MediaProperties limits;

    public MediaProbe(MediaProperties limits) {
        this.limits = limits;
        FFmpegLog.install();
        // The analyser and the renderer open sources through MediaInputs: same formats and decoders as this probe.
        MediaInputs.configure(limits);
    }

    public ProbedMedia probe(Path source) {
        String name = source.getFileName().toString();
        try {
            if (Files.size(source) == 0) {
                throw bad(name + " is empty (0 bytes): upload a video file such as MP4 (H.264/AAC).");
            }
        } catch (IOException e) {
            throw new JobFailure(JobFailure.MATERIAL_NOT_FOUND, "The source file " + name + " could not be read: "
                    + e.getMessage(), e);
        }
        AVFormatContext context = avformat_alloc_context();
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        av_dict_set(options, "format_whitelist", String.join(",", limits.formats()), 0);
        av_dict_set(options, "codec_whitelist", String.join(",", limits.codecs()), 0);
        int error = avformat_open_input(context, MediaInputs.url(source), null, options);
        av_dict_free(options);
        if (error < 0) { // FFmpeg freed the context
            throw bad(name + " is not a video in an accepted container (" + String.join(", ", limits.formats())
                    + "; FFmpeg: " + message(error) + "): upload a video file such as MP4 (H.264/AAC). "
                    + "Playlists (HLS, DASH) and concat lists are not accepted.");
        }
        try {
            error = avformat_find_stream_info(context, (PointerPointer<?>) null);
            if (error < 0) {
                throw bad(name + " has no readable streams (FFmpeg: " + message(error)
                        + "): upload an intact video file.");
            }
            return check(name, context);
        } finally {
            avformat_close_input(context);
        }
    }

    private ProbedMedia check(String name, AVFormatContext context) {
        String format = context.iformat().name().getString();
        int streams = context.nb_streams();
        if (streams > limits.maxStreams()) {
            throw bad(name + " has " + streams + " streams; at most " + limits.maxStreams()
                    + " are accepted (courtside.media.max-streams).");
        }
        AVStream video = null;
        for (int i = 0; i < streams; i++) {
            checkDecoder(name, i, context.streams(i));
        }
        for (int i = 0; i < streams; i++) {
            AVStream stream = context.streams(i);
            if (stream.codecpar().codec_type() == AVMEDIA_TYPE_VIDEO
                    && (stream.disposition() & 0x400) == 0) { // AV_DISPOSITION_ATTACHED_PIC: cover art
                video = stream;
                break;
            }
        }
        if (video == null) {
            throw bad(name + " has no video stream (FFmpeg read it as " + format
                    + "): upload a video file; audio-only and other files cannot be used.");
        }
        int width = video.codecpar().width();
        int height = video.codecpar().height();
        if (width <= 0 || height <= 0) {
            throw bad(name + " has a video stream without a picture size: upload an intact video file.");
        }
        if (width > limits.maxWidth() || height > limits.maxHeight()) {
            throw bad(name + " is " + width + "x" + height + "; at most " + limits.maxWidth() + "x"
                    + limits.maxHeight() + " is accepted (courtside.media.max-width/max-height).");
        }
        double fps = rate(video.avg_frame_rate());
        if (fps <= 0) {
            fps = rate(video.r_frame_rate());
        }
        if (fps > limits.maxFrameRate()) {
            throw bad(name + " has " + String.format(Locale.ROOT, "%.1f", fps) + " frames per second; at most "
                    + limits.maxFrameRate() + " are accepted (courtside.media.max-frame-rate).");
        }
        double duration = context.duration() == AV_NOPTS_VALUE || context.duration() < 0 ? 0 : context.duration() / 1e6;
        if (duration > limits.maxDuration().toMillis() / 1000.0) {
            throw bad(name + " lasts " + Math.round(duration) + " s; at most " + limits.maxDuration().toSeconds()
                    + " s are accepted (courtside.media.max-duration): cut the source first.");
        }
        return new ProbedMedia(format, duration, width, height, fps, streams);
    }

    /** A video or audio stream must be decodable by one of courtside.media.codecs; other streams are never decoded. */
    private void checkDecoder(String name, int index, AVStream stream) {
        int type = stream.codecpar().codec_type();
        if (type != AVMEDIA_TYPE_VIDEO && type != AVMEDIA_TYPE_AUDIO) {
            return;
        }
        AVCodec decoder = avcodec_find_decoder(stream.codecpar().codec_id());
        String codec = avcodec_get_name(stream.codecpar().codec_id()).getString();
        String decoderName = decoder == null ? codec : decoder.name().getString();
        if (!limits.codecs().contains(decoderName)) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + name + " has an "
                    + (type == AVMEDIA_TYPE_VIDEO ? "video" : "audio") + " stream (#" + index + ") in " + codec
                    + " (decoder " + decoderName + "), which is not accepted (courtside.media.codecs: "
                    + String.join(",", limits.codecs()) + "): encode the video as H.264 or HEVC with AAC audio.");
        }
    }

    private static double rate(AVRational r) {
        return r == null || r.den() <= 0 || r.num() <= 0 ? 0 : r.num() / (double) r.den();
    }

    private static JobFailure bad(String message) {
        return new JobFailure(JobFailure.CONTENT_BAD, "The source file " + message);
    }

    private static String message(int error) {
        byte[] buffer = new byte[256];
        av_strerror(error, buffer, buffer.length);
        String text = new String(buffer, java.nio.charset.StandardCharsets.UTF_8);
        int end = text.indexOf(0);
        return end < 0 ? text : text.substring(0, end);
    }
}
