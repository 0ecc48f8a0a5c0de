package io.courtside.demo;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

import io.courtside.media.FFmpegLog;

/**
 * A synthetic "game" video with known ground truth: hard cuts between shots that each have their own
 * colour and texture, a slow camera pan and a moving ball inside each shot, and crowd-noise bursts
 * over a quiet noisy baseline. Used by the demo and by the media tests.
 */
public final class SyntheticGame {

    /** Audio sample rate of the synthetic game: 44.1 kHz on purpose, so renders must resample to 48 kHz. */
    public static final int SAMPLE_RATE = 44_100;
    public static final int AUDIO_CHANNELS = 2;
    /** RMS level of the quiet baseline noise and of a crowd burst, in dBFS. */
    public static final double BASELINE_DBFS = -40;
    public static final double LOUD_DBFS = -6;

    private static final int BLOCK = 16;           // texture block size in pixels
    private static final int TEXTURE_AMPLITUDE = 24; // luma swing of the texture around the base colour
    private static final int BALL = 24;            // ball diameter in pixels
    private static final double RAMP_SECONDS = 0.02; // fade of a burst, so it has no click

    /** Base colours (Y, Cb, Cr, limited range) of the shots, cycled; neighbours differ in luma by >= 40. */
    private static final int[][] LOOKS = {
            {150, 100, 160}, // court wood
            {80, 170, 110},  // blue
            {120, 90, 80},   // green
            {70, 110, 200},  // red
            {190, 128, 128}, // light grey
            {100, 160, 170}, // purple
            {140, 150, 70},  // teal
            {45, 128, 140},  // dark stands
    };

    private SyntheticGame() {
    }

    /** A stretch of crowd noise, in seconds from the start. */
    public record LoudMoment(double start, double duration) {
        public double end() {
            return start + duration;
        }
    }

    /** One shot as written: where it is and its base colour (mean over the frame, give or take the ball). */
    public record ScriptedShot(int index, double start, double end, int y, int cb, int cr) {
    }

    /** What was written: exact frame-time cuts, the shots with their colours, the loud intervals. */
    public record GroundTruth(Path file, int frameCount, double fps, double durationSeconds,
                              List<Double> cutTimes, List<ScriptedShot> shots, List<LoudMoment> loudMoments,
                              boolean hasAudio) {
        /** The shot showing at time t. */
        public ScriptedShot shotAt(double t) {
            for (ScriptedShot shot : shots) {
                if (t >= shot.start() - 1e-9 && t < shot.end() - 1e-9) {
                    return shot;
                }
            }
            return shots.get(shots.size() - 1);
        }
    }

    /**
     * What to write. Shot durations are rounded to whole frames; loud moments should lie inside the video.
     */
    public record Script(int width, int height, double fps, List<Double> shotDurations,
                         List<LoudMoment> loudMoments, boolean withAudio, int panPixelsPerFrame) {

        public Script {
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("width and height must be positive and even: " + width + "x" + height);
            }
            if (fps <= 0 || shotDurations.isEmpty() || panPixelsPerFrame < 0) {
                throw new IllegalArgumentException("need fps > 0, at least one shot and a pan speed >= 0");
            }
            shotDurations = List.copyOf(shotDurations);
            loudMoments = List.copyOf(loudMoments);
        }

        public Script(int width, int height, double fps, List<Double> shotDurations, List<LoudMoment> loudMoments) {
            this(width, height, fps, shotDurations, loudMoments, true, 1);
        }

        /** About 30 s at 640x360, 25 fps: 7 shots of varied length, 3 crowd bursts inside known shots. */
        public static Script basketballDemo() {
            return new Script(640, 360, 25,
                    List.of(3.0, 5.2, 2.4, 6.0, 4.4, 1.6, 7.4),
                    List.of(new LoudMoment(4.0, 2.0),    // inside shot 1 (3.0-8.2)
                            new LoudMoment(14.0, 2.5),   // inside shot 3 (10.6-16.6)
                            new LoudMoment(24.0, 3.0))); // inside shot 6 (22.6-30.0)
        }

        public Script withoutAudio() {
            return new Script(width, height, fps, shotDurations, loudMoments, false, panPixelsPerFrame);
        }

        /** Busier footage: the camera pans this many pixels a frame (default 1). */
        public Script withPan(int pixelsPerFrame) {
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, pixelsPerFrame);
        }

        /** Writes the MP4 (H.264 + AAC unless audio-less) and returns what is in it. */
        public GroundTruth write(Path out) {
            return SyntheticGame.write(this, out);
        }
    }

    private static GroundTruth write(Script script, Path out) {
        FFmpegLog.install();
        int w = script.width();
        int h = script.height();
        double fps = script.fps();

        List<Integer> shotFrames = new ArrayList<>();
        List<Double> cuts = new ArrayList<>();
        List<ScriptedShot> shots = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < script.shotDurations().size(); i++) {
            int frames = Math.max(1, (int) Math.round(script.shotDurations().get(i) * fps));
            if (i > 0) {
                cuts.add(total / fps);
            }
            int[] look = LOOKS[i % LOOKS.length];
            shots.add(new ScriptedShot(i, total / fps, (total + frames) / fps, look[0], look[1], look[2]));
            shotFrames.add(frames);
            total += frames;
        }

        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int channels = script.withAudio() ? AUDIO_CHANNELS : 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), w, h, channels)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libx264");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize((int) Math.round(2 * fps)); // broadcast-like 2 s GOP, so seeks have work to do
            recorder.setVideoBitrate(0);
            recorder.setVideoOption("preset", "veryfast");
            recorder.setVideoOption("crf", "18");
            if (script.withAudio()) {
                recorder.setAudioCodec(AV_CODEC_ID_AAC);
                recorder.setSampleRate(SAMPLE_RATE);
                recorder.setAudioChannels(AUDIO_CHANNELS);
                recorder.setAudioBitrate(128_000);
            }
            recorder.start();

            byte[] yuv = new byte[w * h * 3 / 2];
            ByteBuffer image = ByteBuffer.allocateDirect(yuv.length);
            AudioSynth audio = new AudioSynth(script.loudMoments());
            FloatBuffer samples = ByteBuffer.allocateDirect(
                            Float.BYTES * AUDIO_CHANNELS * ((int) Math.ceil(SAMPLE_RATE / fps) + 1))
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();

            int frame = 0;
            for (int s = 0; s < shotFrames.size(); s++) {
                ShotPainter painter = new ShotPainter(w, h, LOOKS[s % LOOKS.length], 1000 + s,
                        script.panPixelsPerFrame());
                for (int f = 0; f < shotFrames.get(s); f++, frame++) {
                    painter.paint(yuv, f);
                    image.clear();
                    image.put(yuv).flip();
                    recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_YUV420P, image);
                    if (script.withAudio()) {
                        // Sample ranges follow frame times exactly, so audio and video end together.
                        long from = Math.round(frame * SAMPLE_RATE / fps);
                        long to = Math.round((frame + 1) * SAMPLE_RATE / fps);
                        samples.clear();
                        audio.fill(samples, from, to);
                        samples.flip();
                        recorder.recordSamples(SAMPLE_RATE, AUDIO_CHANNELS, samples);
                    }
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("could not write synthetic game " + out + ": " + e.getMessage(), e);
        }
        return new GroundTruth(out, total, fps, total / fps, List.copyOf(cuts), List.copyOf(shots),
                script.loudMoments(), script.withAudio());
    }

    /** Paints the frames of one shot: textured base colour panning 1 px a frame plus a bouncing ball. */
    private static final class ShotPainter {
        private final int w;
        private final int h;
        private final int texW;
        private final byte[] texture; // luma, (w + pan range) x h
        private final byte cb;
        private final byte cr;
        private final int ballX0;
        private final int ballY0;
        private final int vx;
        private final int vy;
        private final int pan;

        ShotPainter(int w, int h, int[] look, long seed, int pan) {
            this.pan = pan;
            this.w = w;
            this.h = h;
            this.texW = w + 256;
            this.texture = new byte[texW * h];
            SplittableRandom random = new SplittableRandom(seed);
            int blocksX = (texW + BLOCK - 1) / BLOCK;
            int blocksY = (h + BLOCK - 1) / BLOCK;
            int[] blocks = new int[blocksX * blocksY];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = random.nextInt(-TEXTURE_AMPLITUDE, TEXTURE_AMPLITUDE + 1);
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < texW; x++) {
                    int v = look[0] + blocks[(y / BLOCK) * blocksX + x / BLOCK];
                    texture[y * texW + x] = (byte) Math.max(16, Math.min(235, v));
                }
            }
            this.cb = (byte) look[1];
            this.cr = (byte) look[2];
            this.ballX0 = random.nextInt(w - BALL);
            this.ballY0 = random.nextInt(h - BALL);
            this.vx = random.nextInt(3, 7);
            this.vy = random.nextInt(2, 5);
        }

        void paint(byte[] yuv, int f) {
            int x0 = bounce(pan * f, texW - w); // pans right then back: never jumps
            for (int y = 0; y < h; y++) {
                System.arraycopy(texture, y * texW + x0, yuv, y * w, w);
            }
            int chroma = w * h / 4;
            java.util.Arrays.fill(yuv, w * h, w * h + chroma, cb);
            java.util.Arrays.fill(yuv, w * h + chroma, w * h + 2 * chroma, cr);
            int bx = bounce(ballX0 + vx * f, w - BALL);
            int by = bounce(ballY0 + vy * f, h - BALL);
            int r = BALL / 2;
            for (int y = 0; y < BALL; y++) {
                for (int x = 0; x < BALL; x++) {
                    int dx = x - r;
                    int dy = y - r;
                    if (dx * dx + dy * dy <= r * r) {
                        yuv[(by + y) * w + bx + x] = (byte) 235;
                    }
                }
            }
        }

        private static int bounce(int p, int max) {
            int period = 2 * max;
            int m = Math.floorMod(p, period);
            return m <= max ? m : period - m;
        }
    }

    /** Quiet white noise everywhere, low-passed "crowd" noise at LOUD_DBFS inside loud moments. */
    private static final class AudioSynth {
        private static final double LOWPASS = 0.6; // one-pole coefficient: darker, crowd-like noise
        private final List<LoudMoment> loud;
        private final SplittableRandom random = new SplittableRandom(42);
        private final double[] state = new double[AUDIO_CHANNELS];
        private final double quietRms = Math.pow(10, BASELINE_DBFS / 20);
        private final double loudRms = Math.pow(10, LOUD_DBFS / 20);
        // Uniform noise in [-1, 1] has RMS 1/sqrt(3); the one-pole filter scales power by (1-a)/(1+a).
        private final double uniformGain = Math.sqrt(3);
        private final double lowpassGain = Math.sqrt((1 + LOWPASS) / (1 - LOWPASS));

        AudioSynth(List<LoudMoment> loud) {
            this.loud = loud;
        }

        void fill(FloatBuffer out, long from, long to) {
            for (long n = from; n < to; n++) {
                double t = n / (double) SAMPLE_RATE;
                double burst = burstLevel(t);
                for (int c = 0; c < AUDIO_CHANNELS; c++) {
                    double white = random.nextDouble(-1, 1) * uniformGain;
                    state[c] = LOWPASS * state[c] + (1 - LOWPASS) * white;
                    double v = quietRms * random.nextDouble(-1, 1) * uniformGain
                            + burst * loudRms * state[c] * lowpassGain;
                    out.put((float) Math.max(-1, Math.min(1, v)));
                }
            }
        }

        private double burstLevel(double t) {
            double level = 0;
            for (LoudMoment m : loud) {
                if (t >= m.start() && t < m.end()) {
                    double edge = Math.min(t - m.start(), m.end() - t);
                    level = Math.max(level, Math.min(1, edge / RAMP_SECONDS));
                }
            }
            return level;
        }
    }
}
