package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.courtside.job.JobFailure;
import io.courtside.media.FFmpegLog;

/**
 * Finds the shots and the audio loudness of a source video in one decode pass. FFmpeg scales every
 * frame down to a small grey image (cheap to compare) and hands audio over as interleaved floats.
 */
@Component
@EnableConfigurationProperties(AnalysisProperties.class) // the analyzer brings its own tunables
public class GameAnalyzer {

    private static final Logger log = LoggerFactory.getLogger(GameAnalyzer.class);

    private final AnalysisProperties properties;

    public GameAnalyzer(AnalysisProperties properties) {
        this.properties = properties;
        FFmpegLog.install();
    }

    public GameAnalysis analyze(Path video) {
        long size = sizeOf(video);
        if (size == 0) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " is empty (0 bytes): upload a video file such as MP4 (H.264/AAC).");
        }
        long started = System.nanoTime();
        // "file:" keeps a name containing ':' from being read as a protocol; the whitelist forbids all others.
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber("file:" + video.toAbsolutePath())) {
            grabber.setOption("protocol_whitelist", "file");
            grabber.setImageWidth(properties.frameWidth());
            grabber.setImageHeight(properties.frameHeight());
            grabber.setPixelFormat(AV_PIX_FMT_GRAY8);
            grabber.setImageScalingFlags(SWS_AREA); // averages pixels: noise and texture matter less than content
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            open(grabber, video);
            GameAnalysis analysis = decode(grabber, video);
            double seconds = (System.nanoTime() - started) / 1e9;
            log.info("Analysed {}: {} s of {}x{} video, {} shots, in {} s ({} fps)", video.getFileName(),
                    String.format("%.2f", analysis.media().durationSeconds()), analysis.media().width(),
                    analysis.media().height(), analysis.shots().size(), String.format("%.2f", seconds),
                    Math.round(analysis.media().durationSeconds() * analysis.media().frameRate() / seconds));
            return analysis;
        } catch (FrameGrabber.Exception e) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " could not be decoded (" + e.getMessage() + "): upload an intact video file.", e);
        }
    }

    private static long sizeOf(Path video) {
        try {
            return Files.size(video);
        } catch (IOException e) {
            throw new JobFailure(JobFailure.MATERIAL_NOT_FOUND,
                    "The source file " + video + " could not be read: " + e.getMessage(), e);
        }
    }

    private static void open(FFmpegFrameGrabber grabber, Path video) {
        try {
            grabber.start();
        } catch (FrameGrabber.Exception e) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " is not a media file FFmpeg can read: upload a video file such as MP4 (H.264/AAC).", e);
        }
        if (!grabber.hasVideo()) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " has no video stream (FFmpeg read it as " + grabber.getFormat()
                    + "): upload a video file; audio-only and other files cannot be used.");
        }
    }

    private GameAnalysis decode(FFmpegFrameGrabber grabber, Path video) throws FrameGrabber.Exception {
        AVCodecParameters codec = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar();
        int width = codec.width();
        int height = codec.height();
        double fps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
        if (width <= 0 || height <= 0 || !(fps > 0) || fps > 1000) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " has a video stream without a usable size or frame rate (" + width + "x" + height + " @ "
                    + fps + " fps): upload an intact video file.");
        }
        boolean hasAudio = grabber.hasAudio() && grabber.getSampleRate() > 0 && grabber.getAudioChannels() > 0;

        CutDetector cuts = new CutDetector(properties, fps);
        Loudness loudness = new Loudness(properties.loudnessWindowSeconds(),
                hasAudio ? grabber.getSampleRate() : 0);
        int frames = 0;
        double lastFrameTime = 0;
        Frame frame;
        while ((frame = grabber.grab()) != null) {
            if (frame.image != null) {
                double time = onFrameGrid(frame.timestamp, fps);
                lastFrameTime = Math.max(lastFrameTime, time);
                cuts.accept(frame, time);
                frames++;
            } else if (frame.samples != null && hasAudio) {
                loudness.accept((FloatBuffer) frame.samples[0], frame.audioChannels, frame.timestamp);
            }
        }
        if (frames == 0) {
            throw new JobFailure(JobFailure.CONTENT_BAD, "The source file " + video.getFileName()
                    + " has a video stream but no frame could be decoded: upload an intact video file.");
        }
        double duration = onFrameGrid(Math.round((lastFrameTime + 1 / fps) * 1e6), fps);
        MediaInfo media = new MediaInfo(duration, fps, width, height, hasAudio,
                hasAudio ? grabber.getSampleRate() : 0, hasAudio ? grabber.getAudioChannels() : 0);
        return new GameAnalysis(media, cuts.shots(duration), loudness.track(duration));
    }

    /** Seconds of a timestamp, snapped to k / fps when it is that to within a millisecond (CFR sources). */
    private static double onFrameGrid(long micros, double fps) {
        double seconds = micros / 1e6;
        long k = Math.round(seconds * fps);
        return Math.abs(k / fps - seconds) < 1e-3 ? k / fps : seconds;
    }

    /**
     * Hard-cut detector: mean absolute difference between consecutive small grey frames, compared with
     * an absolute floor and with the median of recent differences (adaptive to how busy the footage is).
     */
    private static final class CutDetector {
        private final AnalysisProperties p;
        private final double[] history;
        private final double[] sorted;
        private final double frameDuration;
        private final List<Double> cutTimes = new ArrayList<>();
        private byte[] previous;
        private byte[] current;
        private int historySize;
        private int historyNext;
        private double lastCut;

        CutDetector(AnalysisProperties p, double fps) {
            this.p = p;
            this.history = new double[p.cutHistoryFrames()];
            this.sorted = new double[p.cutHistoryFrames()];
            this.frameDuration = 1 / fps;
        }

        void accept(Frame frame, double time) {
            int w = frame.imageWidth;
            int h = frame.imageHeight;
            if (current == null || current.length != w * h) {
                current = new byte[w * h];
                previous = null;
            }
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            for (int y = 0; y < h; y++) { // rows may be padded: copy by stride
                pixels.get(y * frame.imageStride, current, y * w, w);
            }
            if (previous != null) {
                double difference = meanAbsoluteDifference(previous, current);
                double median = median();
                boolean cut = difference >= p.cutMinDifference()
                        && difference > p.cutRatio() * median
                        && time - lastCut >= p.minShotSeconds() - frameDuration / 2;
                if (cut) {
                    cutTimes.add(time); // time of the first frame of the new shot
                    lastCut = time;
                }
                remember(difference);
            }
            byte[] swap = previous == null ? new byte[current.length] : previous;
            previous = current;
            current = swap;
        }

        private static double meanAbsoluteDifference(byte[] a, byte[] b) {
            long sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
            }
            return sum / (double) a.length;
        }

        private void remember(double difference) {
            history[historyNext] = difference;
            historyNext = (historyNext + 1) % history.length;
            historySize = Math.min(historySize + 1, history.length);
        }

        private double median() {
            if (historySize == 0) {
                return 0;
            }
            System.arraycopy(history, 0, sorted, 0, historySize);
            Arrays.sort(sorted, 0, historySize);
            return sorted[historySize / 2];
        }

        List<Shot> shots(double duration) {
            List<Shot> shots = new ArrayList<>();
            double start = 0;
            for (double cut : cutTimes) {
                if (cut > start && cut < duration) {
                    shots.add(new Shot(start, cut));
                    start = cut;
                }
            }
            shots.add(new Shot(start, duration));
            return List.copyOf(shots);
        }
    }

    /** Sum of squares per fixed window, placed by sample time, so gaps and priming cannot shift windows. */
    private static final class Loudness {
        private final double windowSeconds;
        private final int sampleRate;
        private final long windowSamples;
        private double[] sumSquares = new double[64];
        private long[] counts = new long[64];

        Loudness(double windowSeconds, int sampleRate) {
            this.windowSeconds = windowSeconds;
            this.sampleRate = sampleRate;
            this.windowSamples = Math.max(1, Math.round(windowSeconds * sampleRate));
        }

        void accept(FloatBuffer samples, int channels, long timestampMicros) {
            if (channels <= 0) {
                return;
            }
            int n = samples.limit() / channels;
            long first = Math.round(timestampMicros * (double) sampleRate / 1e6);
            for (int i = 0; i < n; i++) {
                long position = first + i;
                if (position < 0) {
                    continue;
                }
                int window = (int) (position / windowSamples);
                if (window >= sumSquares.length) {
                    int grown = Math.max(window + 1, sumSquares.length * 2);
                    sumSquares = Arrays.copyOf(sumSquares, grown);
                    counts = Arrays.copyOf(counts, grown);
                }
                double energy = 0;
                for (int c = 0; c < channels; c++) {
                    float v = samples.get(i * channels + c);
                    energy += v * v;
                }
                sumSquares[window] += energy;
                counts[window] += channels;
            }
        }

        LoudnessTrack track(double duration) {
            int windows = Math.max(1, (int) Math.ceil(duration / windowSeconds - 1e-9));
            float[] db = new float[windows];
            for (int i = 0; i < windows; i++) {
                if (i < counts.length && counts[i] > 0 && sumSquares[i] > 0) {
                    double rms = Math.sqrt(sumSquares[i] / counts[i]);
                    db[i] = (float) Math.max(LoudnessTrack.SILENCE_DB, 20 * Math.log10(rms));
                } else {
                    db[i] = LoudnessTrack.SILENCE_DB;
                }
            }
            return new LoudnessTrack(windowSeconds, db);
        }
    }
}
