package io.courtside.render;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.bytedeco.javacv.FFmpegFrameRecorder;

/**
 * How an MP4 is encoded: H.264 (libx264, yuv420p) at the source frame rate with a keyframe every
 * {@code gopSeconds}, quality from CRF (no bitrate target), and AAC audio. A plain value: a plan holds one, and
 * {@link #applyTo} sets it on a recorder (the only part that touches JavaCV). The highlights use
 * {@link #highlight}; test and demo sources use {@link #source} so they are encoded the same way everywhere.
 *
 * <p>Highlights are {@code reproducible}: the same frames give the same bytes whichever worker renders them and
 * whatever it rendered before. x264's AVX-512 code is left out ({@code asm=AVX2}: every other extension x264 detects)
 * where it would run (a CPU with AVX-512) at widths that are not a multiple of {@value #AVX512_SAFE_WIDTH} px, where
 * it is suspected of reading memory it has not written: output 1 of a job once differed by up to 0.58 grey levels
 * between two workers (OutputsApartTest). Costs 0-7 % more CPU on a 1080x1920 veryfast encode.
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
 * @param reproducible the same bytes on every run: no AVX-512 where it would make a difference (see above)
 */
public record EncoderSettings(String x264Preset, int crf, String profile, String x264Params, double gopSeconds,
                              boolean fastStart, int sampleRate, int channels, int audioBitrate,
                              boolean reproducible) {

    public static final String FORMAT = "mp4";
    public static final String VIDEO_CODEC = "libx264";
    /** Widths that are a multiple of this are encoded the same with or without AVX-512. */
    static final int AVX512_SAFE_WIDTH = 128;
    /** x264's {@code asm} value for "everything up to AVX2": what it detects on an AVX-512 CPU, minus AVX-512. */
    static final String WITHOUT_AVX512 = "AVX2";
    /** The CPU flags (Linux /proc/cpuinfo) x264 needs before it uses AVX-512 (F, CD, BW, DQ, VL) and AVX2. */
    private static final List<String> X264_AVX512_FLAGS = List.of("avx2", "avx512f", "avx512cd", "avx512bw",
            "avx512dq", "avx512vl");
    private static final boolean AVX512 = cpuHas(Path.of("/proc/cpuinfo"), X264_AVX512_FLAGS);

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
        return new EncoderSettings(x264Preset, crf, "high", "8x8dct=1", 2.0, true, 48_000, 2, 128_000, true);
    }

    /**
     * A broadcast-like source (synthetic games, test media): libx264's own profile, a 2 s GOP so seeks have work
     * to do, no faststart, AAC 48 kHz stereo at 128 kb/s.
     */
    public static EncoderSettings source(String x264Preset, int crf) {
        return new EncoderSettings(x264Preset, crf, null, null, 2.0, false, 48_000, 2, 128_000, false);
    }

    /** The same with audio at {@code rate} Hz (the synthetic game's is 44.1 kHz). */
    public EncoderSettings withSampleRate(int rate) {
        return new EncoderSettings(x264Preset, crf, profile, x264Params, gopSeconds, fastStart, rate, channels,
                audioBitrate, reproducible);
    }

    /** Frames between keyframes at {@code fps} (at least 1). */
    public int gopFrames(double fps) {
        return (int) Math.max(1, Math.round(gopSeconds * fps));
    }

    /** The libx264 options for a picture {@code width} px wide on this machine, in the order they are set. */
    public Map<String, String> videoOptions(int width) {
        return videoOptions(width, AVX512);
    }

    /** The libx264 options for a picture {@code width} px wide on a CPU with or without {@code avx512}. */
    Map<String, String> videoOptions(int width, boolean avx512) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("preset", x264Preset);
        options.put("crf", Integer.toString(crf));
        if (profile != null) {
            options.put("profile", profile);
        }
        String params = x264Params;
        if (reproducible && avx512 && width % AVX512_SAFE_WIDTH != 0) {
            params = (params == null ? "" : params + ":") + "asm=" + WITHOUT_AVX512;
        }
        if (params != null) {
            options.put("x264-params", params);
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
        videoOptions(recorder.getImageWidth()).forEach(recorder::setVideoOption);
        if (audio) {
            recorder.setAudioCodec(AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(channels);
            recorder.setAudioBitrate(audioBitrate);
        }
    }

    /** Whether the CPU flags listed in {@code cpuinfo} include all of {@code flags}; false when it cannot be read. */
    static boolean cpuHas(Path cpuinfo, List<String> flags) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
                    .map(present -> present.containsAll(flags)).orElse(false);
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }
}
