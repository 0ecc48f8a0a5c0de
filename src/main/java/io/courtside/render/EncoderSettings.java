package io.courtside.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * How an MP4 is encoded: H.264 (libx264, yuv420p) at the source frame rate with a keyframe every
 * {@code gopSeconds}, quality from CRF (no bitrate target), and AAC audio. A plain value: a plan holds one, and
 * {@link #applyTo} sets it on a recorder (the only part that touches JavaCV). The highlights use
 * {@link #highlight}; test and demo sources use {@link #source} so they are encoded the same way everywhere.
 *
 * @param x264Preset   libx264 preset (ultrafast ... veryslow)
 * @param crf          constant rate factor, 0-51 (lower: better)
 * @param profile      H.264 profile to ask for ("high"), or null for libx264's choice
 * @param x264Params   extra libx264 parameters ("8x8dct=1"), or null
 * @param gopSeconds   distance between keyframes, seconds
 * @param fastStart    moov before mdat, so players can start before the whole file arrives
 * @param sampleRate   audio sample rate, Hz
 * @param channels     audio channels
 * @param audioBitrate AAC bitrate, bits/s
 */
public record EncoderSettings(String x264Preset, int crf, String profile, String x264Params, double gopSeconds,
                              boolean fastStart, int sampleRate, int channels, int audioBitrate) {

    public static final String FORMAT = "mp4";
    public static final String VIDEO_CODEC = "libx264";

    public EncoderSettings {
        if (crf < 0 || crf > 51) {
            throw new IllegalArgumentException("CRF " + crf + " is outside 0-51.");
        }
        if (!(gopSeconds > 0) || sampleRate <= 0 || channels <= 0 || audioBitrate <= 0) {
            throw new IllegalArgumentException("GOP, sample rate, channels and audio bitrate must be positive");
        }
    }

    /**
     * A highlight output: H.264 High (x264's profile is only a ceiling; 8x8 transforms make it High even with
     * "ultrafast"/"superfast"), 2 s GOP, moov first, AAC 48 kHz stereo at 128 kb/s.
     */
    public static EncoderSettings highlight(String x264Preset, int crf) {
        return new EncoderSettings(x264Preset, crf, "high", "8x8dct=1", 2.0, true, 48_000, 2, 128_000);
    }

    /**
     * A broadcast-like source (synthetic games, test media): libx264's own profile, a 2 s GOP so seeks have work
     * to do, no faststart, AAC 48 kHz stereo at 128 kb/s.
     */
    public static EncoderSettings source(String x264Preset, int crf) {
        return new EncoderSettings(x264Preset, crf, null, null, 2.0, false, 48_000, 2, 128_000);
    }

    /** The same with audio at {@code rate} Hz (the synthetic game's is 44.1 kHz). */
    public EncoderSettings withSampleRate(int rate) {
        return new EncoderSettings(x264Preset, crf, profile, x264Params, gopSeconds, fastStart, rate, channels,
                audioBitrate);
    }

    /** Frames between keyframes at {@code fps} (at least 1). */
    public int gopFrames(double fps) {
        return (int) Math.max(1, Math.round(gopSeconds * fps));
    }

    /** The libx264 options, in the order they are set. */
    public Map<String, String> videoOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("preset", x264Preset);
        options.put("crf", Integer.toString(crf));
        if (profile != null) {
            options.put("profile", profile);
        }
        if (x264Params != null) {
            options.put("x264-params", x264Params);
        }
        return options;
    }

    /**
     * Sets these settings on a recorder that was created but not started. Audio is configured only when
     * {@code audio} (the recorder was created with audio channels).
     */
    public void applyTo(FFmpegFrameRecorder recorder, double fps, boolean audio) {
        recorder.setFormat(FORMAT);
        if (fastStart) {
            recorder.setOption("movflags", "+faststart");
        }
        recorder.setVideoCodecName(VIDEO_CODEC);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(gopFrames(fps));
        recorder.setVideoBitrate(0); // quality from CRF, not JavaCV's default bitrate
        videoOptions().forEach(recorder::setVideoOption);
        if (audio) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(channels);
            recorder.setAudioBitrate(audioBitrate);
        }
    }
}
