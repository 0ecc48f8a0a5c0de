package io.courtside.demo;

import io.courtside.render.EncoderSettings;

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
 * A synthetic "game" video with known ground truth: hard cuts (or, where scripted, fades through black and
 * cross-dissolves) between shots that each have their own colour and texture, a camera pan and a moving ball
 * inside each shot (static or fast-panning shots where scripted), camera flashes, crowd-noise bursts over a
 * noisy arena baseline whose level is scripted, and a referee's whistle. Used by the demo and by the media tests.
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
    /** A whistle: 0.5 s around 3.15 kHz with a 25 Hz pea-whistle trill, 6 dB above the crowd bursts. */
    public static final double WHISTLE_SECONDS = 0.5;
    private static final double WHISTLE_HZ = 3150;
    private static final double WHISTLE_ABOVE_CROWD_DB = 6;
    /** Pan speeds of the scripted motion classes, in pixels a frame. */
    private static final int LOW_MOTION_PAN = 0;
    private static final int HIGH_MOTION_PAN = 8;
    /** A flash keeps only this share of the picture's distance to white. */
    private static final double FLASH_KEEP = 0.15;

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

    /** How a shot changes into the next. */
    public enum TransitionKind { CUT, FADE, DISSOLVE }

    /** How much a shot moves: LOW is a still camera (only the ball moves), HIGH a fast pan. */
    public enum Motion { LOW, HIGH }

    /**
     * A gradual change from shot {@code afterShot} to the next, {@code seconds} long (whole frames), centred on
     * their nominal boundary. A fade goes to black over the first half and up from black over the second.
     */
    public record ScriptedTransition(int afterShot, TransitionKind kind, double seconds) {
    }

    /** A camera flash: {@code frames} near-white frames from {@code time}; the same shot continues after it. */
    public record Flash(double time, int frames) {
    }

    /** Shot {@code shot} is a slow-motion replay of shot {@code repeatsShot}, framed by the replay logo. */
    public record ReplayScript(int shot, int repeatsShot) {
    }

    /**
     * A face picture (grey, {@code width} x {@code height}, row after row) shown opaque from {@code start} to
     * {@code end} seconds, its top-left corner at ({@code x}, {@code y}) and its height {@code heightShare} of the
     * frame's (all shares of the frame). {@code label} names it in the ground truth.
     */
    public record FaceScript(String label, byte[] grey, int width, int height, double start, double end, double x,
                             double y, double heightShare) {
    }

    /** A replay as written: the replay shot [start, end); the logo flies in and out centred on these times. */
    public record ReplayTruth(double start, double end, int repeatsShot) {
    }

    /** A face as written: shown in every frame from start to end. */
    public record FaceTruth(String label, double start, double end) {
    }

    /** Side of the square replay logo image, pixels. */
    public static final int LOGO_SIZE = 160;
    /** One logo appearance (growing in, then shrinking out) lasts this long, centred on a replay's boundary. */
    public static final double LOGO_SECONDS = 0.8;
    /** At its largest the logo is this share of the frame height, and this opaque. */
    private static final double LOGO_HEIGHT = 0.45;
    private static final double LOGO_ALPHA = 0.75;

    /**
     * The replay logo: a grey ring with a bar across it and an off-centre dot on a dark square, row after row,
     * {@link #LOGO_SIZE} square.
     */
    public static byte[] logo() {
        byte[] logo = new byte[LOGO_SIZE * LOGO_SIZE];
        double c = LOGO_SIZE / 2.0;
        for (int y = 0; y < LOGO_SIZE; y++) {
            for (int x = 0; x < LOGO_SIZE; x++) {
                double dx = x + 0.5 - c;
                double dy = y + 0.5 - c;
                double r = Math.hypot(dx, dy);
                int v = 30;
                if (r > 0.62 * c && r < 0.9 * c) {
                    v = 230;
                }
                if (Math.abs(dy - 0.5 * dx) < 0.12 * c && r < 0.62 * c) {
                    v = 200;
                }
                if (Math.hypot(dx + 0.3 * c, dy + 0.3 * c) < 0.14 * c) {
                    v = 250;
                }
                logo[y * LOGO_SIZE + x] = (byte) v;
            }
        }
        return logo;
    }

    /** Writes {@link #logo()} as a PNG (what a caller registers in SlowMotionLogoRegister). */
    public static void writeLogo(Path png) {
        try (org.bytedeco.opencv.opencv_core.Mat mat = new org.bytedeco.opencv.opencv_core.Mat(LOGO_SIZE, LOGO_SIZE,
                org.bytedeco.opencv.global.opencv_core.CV_8UC1)) {
            mat.data().put(logo());
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!org.bytedeco.opencv.global.opencv_imgcodecs.imwrite(png.toString(), mat)) {
                throw new IllegalStateException("could not write " + png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A boundary as written: {@code time} where the shots meet, [start, end) the frames that change. */
    public record TransitionTruth(double time, TransitionKind kind, double start, double end) {
    }

    /**
     * One shot as written: where it is (nominal boundaries; a gradual transition overlaps its ends), its base colour
     * (mean over the frame, give or take the ball) and how much it moves.
     */
    public record ScriptedShot(int index, double start, double end, int y, int cb, int cr, Motion motion) {
    }

    /**
     * What was written: every shot boundary ({@code cutTimes}: hard cuts and the midpoints of gradual transitions,
     * at exact frame times; {@code transitions} says which kind each is), the shots with their colours and motion,
     * the loud intervals, the first frame time of each flash, the whistle's start (NaN when none), the arena level.
     */
    public record GroundTruth(Path file, int frameCount, double fps, double durationSeconds,
                              List<Double> cutTimes, List<ScriptedShot> shots, List<LoudMoment> loudMoments,
                              boolean hasAudio, List<TransitionTruth> transitions, List<Double> flashTimes,
                              double whistleTime, double baselineDbfs, double crowdDbfs,
                              List<ReplayTruth> replays, List<FaceTruth> faces) {
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
     * {@code shotMotion} is empty (every shot pans {@code panPixelsPerFrame}) or has one entry per shot.
     * {@code whistleAt} is NaN for no whistle. Levels are RMS in dBFS.
     */
    public record Script(int width, int height, double fps, List<Double> shotDurations,
                         List<LoudMoment> loudMoments, boolean withAudio, int panPixelsPerFrame,
                         List<ScriptedTransition> gradualTransitions, List<Flash> flashes, double whistleAt,
                         double baselineDbfs, double crowdDbfs, List<Motion> shotMotion,
                         List<ReplayScript> replays, List<FaceScript> faces) {

        public Script {
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
                throw new IllegalArgumentException("width and height must be positive and even: " + width + "x" + height);
            }
            if (fps <= 0 || shotDurations.isEmpty() || panPixelsPerFrame < 0) {
                throw new IllegalArgumentException("need fps > 0, at least one shot and a pan speed >= 0");
            }
            if (!shotMotion.isEmpty() && shotMotion.size() != shotDurations.size()) {
                throw new IllegalArgumentException("shotMotion needs one entry per shot or none");
            }
            for (ScriptedTransition t : gradualTransitions) {
                if (t.afterShot() < 0 || t.afterShot() >= shotDurations.size() - 1 || t.kind() == TransitionKind.CUT) {
                    throw new IllegalArgumentException("a gradual transition joins shot i and i + 1 by FADE or DISSOLVE: " + t);
                }
            }
            shotDurations = List.copyOf(shotDurations);
            loudMoments = List.copyOf(loudMoments);
            gradualTransitions = List.copyOf(gradualTransitions);
            flashes = List.copyOf(flashes);
            shotMotion = List.copyOf(shotMotion);
            replays = List.copyOf(replays);
            faces = List.copyOf(faces);
            for (ReplayScript r : replays) {
                if (r.shot() <= 0 || r.shot() >= shotDurations.size() - 1 || r.repeatsShot() < 0
                        || r.repeatsShot() >= shotDurations.size()) {
                    throw new IllegalArgumentException("a replay is an inner shot repeating another: " + r);
                }
            }
        }

        public Script(int width, int height, double fps, List<Double> shotDurations, List<LoudMoment> loudMoments,
                      boolean withAudio, int panPixelsPerFrame, List<ScriptedTransition> gradualTransitions,
                      List<Flash> flashes, double whistleAt, double baselineDbfs, double crowdDbfs,
                      List<Motion> shotMotion) {
            this(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame, gradualTransitions,
                    flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, List.of(), List.of());
        }

        /**
         * Shot {@code shot} becomes a slow-motion replay of shot {@code repeatsShot} (its look, at half speed), and
         * the replay logo ({@link #logo()}) flies in over the cut into it and again over the cut out of it.
         */
        public Script withReplay(int shot, int repeatsShot) {
            List<ReplayScript> all = new ArrayList<>(replays);
            all.add(new ReplayScript(shot, repeatsShot));
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame,
                    gradualTransitions, flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, all, faces);
        }

        /** A face picture shown over the game from {@code start} to {@code end} seconds. */
        public Script withFace(FaceScript face) {
            List<FaceScript> all = new ArrayList<>(faces);
            all.add(face);
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame,
                    gradualTransitions, flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, replays, all);
        }

        public Script(int width, int height, double fps, List<Double> shotDurations,
                      List<LoudMoment> loudMoments, boolean withAudio, int panPixelsPerFrame) {
            this(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame, List.of(), List.of(),
                    Double.NaN, BASELINE_DBFS, LOUD_DBFS, List.of());
        }

        public Script(int width, int height, double fps, List<Double> shotDurations, List<LoudMoment> loudMoments) {
            this(width, height, fps, shotDurations, loudMoments, true, 1);
        }

        /** Shot {@code afterShot} fades to black and shot {@code afterShot + 1} up from it, over {@code seconds}. */
        public Script withFade(int afterShot, double seconds) {
            return withGradual(new ScriptedTransition(afterShot, TransitionKind.FADE, seconds));
        }

        /** Shot {@code afterShot} cross-dissolves into the next over {@code seconds}. */
        public Script withDissolve(int afterShot, double seconds) {
            return withGradual(new ScriptedTransition(afterShot, TransitionKind.DISSOLVE, seconds));
        }

        private Script withGradual(ScriptedTransition t) {
            List<ScriptedTransition> all = new ArrayList<>(gradualTransitions);
            all.add(t);
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame, all,
                    flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, replays, faces);
        }

        /** A camera flash of {@code frames} (1-3) near-white frames at {@code time}. */
        public Script withFlash(double time, int frames) {
            List<Flash> all = new ArrayList<>(flashes);
            all.add(new Flash(time, frames));
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame,
                    gradualTransitions, all, whistleAt, baselineDbfs, crowdDbfs, shotMotion, replays, faces);
        }

        /** A referee's whistle (WHISTLE_SECONDS of a trilled tone, louder than the crowd) at {@code time}. */
        public Script withWhistle(double time) {
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame,
                    gradualTransitions, flashes, time, baselineDbfs, crowdDbfs, shotMotion, replays, faces);
        }

        /** The arena's noise level and the crowd bursts' level (RMS dBFS), e.g. -45/-25 quiet, -20/-5 loud. */
        public Script withArena(double baselineDbfs, double crowdDbfs) {
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame,
                    gradualTransitions, flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, replays, faces);
        }

        /** One motion class per shot: LOW shots hold still, HIGH shots pan fast. */
        public Script withMotion(List<Motion> perShot) {
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, panPixelsPerFrame,
                    gradualTransitions, flashes, whistleAt, baselineDbfs, crowdDbfs, perShot, replays, faces);
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
            return new Script(width, height, fps, shotDurations, loudMoments, false, panPixelsPerFrame,
                    gradualTransitions, flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, replays, faces);
        }

        /** Busier footage: the camera pans this many pixels a frame (default 1). */
        public Script withPan(int pixelsPerFrame) {
            return new Script(width, height, fps, shotDurations, loudMoments, withAudio, pixelsPerFrame,
                    gradualTransitions, flashes, whistleAt, baselineDbfs, crowdDbfs, shotMotion, replays, faces);
        }

        int panOf(int shot) {
            if (shotMotion.isEmpty()) {
                return panPixelsPerFrame;
            }
            return shotMotion.get(shot) == Motion.HIGH ? HIGH_MOTION_PAN : LOW_MOTION_PAN;
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

        int shotCount = script.shotDurations().size();
        int[] shotStart = new int[shotCount + 1];
        List<Double> cuts = new ArrayList<>();
        List<ScriptedShot> shots = new ArrayList<>();
        for (int i = 0; i < shotCount; i++) {
            int frames = Math.max(1, (int) Math.round(script.shotDurations().get(i) * fps));
            shotStart[i + 1] = shotStart[i] + frames;
            if (i > 0) {
                cuts.add(shotStart[i] / fps);
            }
            int[] look = LOOKS[i % LOOKS.length];
            Motion motion = script.panOf(i) >= 4 ? Motion.HIGH : Motion.LOW;
            shots.add(new ScriptedShot(i, shotStart[i] / fps, shotStart[i + 1] / fps, look[0], look[1], look[2],
                    motion));
        }
        int total = shotStart[shotCount];

        // Per boundary (between shot i and i + 1): its kind and the frames [from, to) that change.
        TransitionKind[] kinds = new TransitionKind[shotCount];
        int[] from = new int[shotCount];
        int[] to = new int[shotCount];
        List<TransitionTruth> transitions = new ArrayList<>();
        for (int i = 0; i + 1 < shotCount; i++) {
            kinds[i] = TransitionKind.CUT;
            from[i] = shotStart[i + 1];
            to[i] = shotStart[i + 1];
        }
        for (ScriptedTransition t : script.gradualTransitions()) {
            int i = t.afterShot();
            int length = Math.max(2, (int) Math.round(t.seconds() * fps));
            int c = shotStart[i + 1];
            if (c - length / 2 <= shotStart[i] || c - length / 2 + length >= shotStart[i + 2]) {
                throw new IllegalArgumentException("transition " + t + " is longer than the shots it joins");
            }
            kinds[i] = t.kind();
            from[i] = c - length / 2;
            to[i] = from[i] + length;
        }
        for (int i = 0; i + 1 < shotCount; i++) {
            transitions.add(new TransitionTruth(shotStart[i + 1] / fps, kinds[i], from[i] / fps, to[i] / fps));
        }
        boolean[] flash = new boolean[total];
        List<Double> flashTimes = new ArrayList<>();
        for (Flash f : script.flashes()) {
            int first = (int) Math.round(f.time() * fps);
            for (int k = 0; k < f.frames() && first + k < total; k++) {
                flash[first + k] = true;
            }
            flashTimes.add(first / fps);
        }

        List<ReplayTruth> replays = new ArrayList<>();
        List<Double> logoTimes = new ArrayList<>();
        for (ReplayScript r : script.replays()) {
            replays.add(new ReplayTruth(shotStart[r.shot()] / fps, shotStart[r.shot() + 1] / fps, r.repeatsShot()));
            logoTimes.add(shotStart[r.shot()] / fps);
            logoTimes.add(shotStart[r.shot() + 1] / fps);
        }
        List<FaceTruth> faces = script.faces().stream().map(f -> new FaceTruth(f.label(), f.start(), f.end()))
                .toList();
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int channels = script.withAudio() ? AUDIO_CHANNELS : 0;
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), w, h, channels)) {
            EncoderSettings.source("veryfast", 18).withSampleRate(SAMPLE_RATE).applyTo(recorder, fps, script.withAudio());
            recorder.start();

            byte[] yuv = new byte[w * h * 3 / 2];
            byte[] other = new byte[yuv.length];
            ByteBuffer image = ByteBuffer.allocateDirect(yuv.length);
            AudioSynth audio = new AudioSynth(script);
            FloatBuffer samples = ByteBuffer.allocateDirect(
                            Float.BYTES * AUDIO_CHANNELS * ((int) Math.ceil(SAMPLE_RATE / fps) + 1))
                    .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
            ShotPainter[] painters = new ShotPainter[shotCount];
            int[] slowdown = new int[shotCount];
            java.util.Arrays.fill(slowdown, 1);
            for (int s = 0; s < shotCount; s++) {
                painters[s] = new ShotPainter(w, h, LOOKS[s % LOOKS.length], 1000 + s, script.panOf(s));
            }
            for (ReplayScript r : script.replays()) {
                // A closer camera's view of the same play (same colours, coarser texture), at half speed.
                int k = r.repeatsShot();
                painters[r.shot()] = new ShotPainter(w, h, LOOKS[k % LOOKS.length], 2000 + k, script.panOf(k),
                        Math.max(3 * BLOCK, h / 8));
                slowdown[r.shot()] = 2;
            }
            Overlays overlays = new Overlays(script, w, h, logoTimes);

            int shot = 0;
            for (int frame = 0; frame < total; frame++) {
                while (frame >= shotStart[shot + 1]) {
                    shot++;
                }
                painters[shot].paint(yuv, (frame - shotStart[shot]) / slowdown[shot]);
                // A gradual transition overlaps both shots: paint the other one too and mix.
                int boundary = shot + 1 < shotCount && frame >= from[shot] && frame < to[shot] ? shot
                        : shot > 0 && frame >= from[shot - 1] && frame < to[shot - 1] ? shot - 1 : -1;
                if (boundary >= 0 && kinds[boundary] != TransitionKind.CUT) {
                    int a = boundary;
                    int b = boundary + 1;
                    int length = to[boundary] - from[boundary];
                    int i = frame - from[boundary];
                    if (kinds[boundary] == TransitionKind.DISSOLVE) {
                        painters[a].paint(yuv, frame - shotStart[a]);
                        painters[b].paint(other, frame - shotStart[b]);
                        mix(yuv, other, (i + 0.5) / length, w * h);
                    } else {
                        int half = length / 2; // out over [0, half), the last one black; in from black after
                        double gain = i < half ? 1 - (i + 1) / (double) half : (i - half) / (double) (length - half);
                        darken(yuv, gain, w * h);
                    }
                }
                if (flash[frame]) {
                    whiten(yuv, w * h);
                }
                overlays.paint(yuv, frame / fps);
                image.clear();
                image.put(yuv).flip();
                recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_YUV420P, image);
                if (script.withAudio()) {
                    // Sample ranges follow frame times exactly, so audio and video end together.
                    long first = Math.round(frame * SAMPLE_RATE / fps);
                    long last = Math.round((frame + 1) * SAMPLE_RATE / fps);
                    samples.clear();
                    audio.fill(samples, first, last);
                    samples.flip();
                    recorder.recordSamples(SAMPLE_RATE, AUDIO_CHANNELS, samples);
                }
            }
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new IllegalStateException("could not write synthetic game " + out + ": " + e.getMessage(), e);
        }
        double whistle = script.whistleAt();
        return new GroundTruth(out, total, fps, total / fps, List.copyOf(cuts), List.copyOf(shots),
                script.loudMoments(), script.withAudio(), List.copyOf(transitions), List.copyOf(flashTimes),
                script.withAudio() ? whistle : Double.NaN, script.baselineDbfs(), script.crowdDbfs(),
                List.copyOf(replays), faces);
    }

    /** Paints the replay logo's appearances and the scripted faces over a frame. */
    private static final class Overlays {
        private final int w;
        private final int h;
        private final byte[] logo = logo();
        private final List<Double> logoTimes;
        private final List<FaceScript> faces;

        Overlays(Script script, int w, int h, List<Double> logoTimes) {
            this.w = w;
            this.h = h;
            this.logoTimes = logoTimes;
            this.faces = script.faces();
        }

        void paint(byte[] yuv, double t) {
            for (double centre : logoTimes) {
                double phase = (t - centre) / LOGO_SECONDS + 0.5; // 0..1 over the appearance
                if (phase > 0 && phase < 1) {
                    double grow = Math.sin(Math.PI * phase); // in, then out
                    int size = (int) Math.round(LOGO_HEIGHT * h * (0.25 + 0.75 * grow));
                    double alpha = LOGO_ALPHA * Math.min(1, 1.5 * grow);
                    blit(yuv, logo, LOGO_SIZE, LOGO_SIZE, (w - size) / 2, (h - size) / 2, size, size, alpha);
                }
            }
            for (FaceScript f : faces) {
                if (t >= f.start() - 1e-9 && t < f.end() - 1e-9) {
                    int fh = (int) Math.round(f.heightShare() * h);
                    int fw = (int) Math.round(fh * f.width() / (double) f.height());
                    blit(yuv, f.grey(), f.width(), f.height(), (int) Math.round(f.x() * w),
                            (int) Math.round(f.y() * h), fw, fh, 1);
                }
            }
        }

        /** Draws a grey picture scaled (bilinear) to tw x th at (x0, y0), blended by alpha, chroma neutral. */
        private void blit(byte[] yuv, byte[] src, int sw, int sh, int x0, int y0, int tw, int th, double alpha) {
            int cw = w / 2;
            int chroma = w * h / 4;
            for (int y = Math.max(0, y0); y < Math.min(h, y0 + th); y++) {
                double v = ((y - y0) + 0.5) * sh / th - 0.5;
                int v0 = Math.max(0, Math.min(sh - 1, (int) Math.floor(v)));
                int v1 = Math.min(sh - 1, v0 + 1);
                double fv = Math.max(0, Math.min(1, v - v0));
                for (int x = Math.max(0, x0); x < Math.min(w, x0 + tw); x++) {
                    double u = ((x - x0) + 0.5) * sw / tw - 0.5;
                    int u0 = Math.max(0, Math.min(sw - 1, (int) Math.floor(u)));
                    int u1 = Math.min(sw - 1, u0 + 1);
                    double fu = Math.max(0, Math.min(1, u - u0));
                    double value = (1 - fv) * ((1 - fu) * (src[v0 * sw + u0] & 0xff) + fu * (src[v0 * sw + u1] & 0xff))
                            + fv * ((1 - fu) * (src[v1 * sw + u0] & 0xff) + fu * (src[v1 * sw + u1] & 0xff));
                    int i = y * w + x;
                    yuv[i] = (byte) Math.round((1 - alpha) * (yuv[i] & 0xff) + alpha * value);
                    if ((x & 1) == 0 && (y & 1) == 0) {
                        int c = (y / 2) * cw + x / 2;
                        for (int plane = 0; plane < 2; plane++) {
                            int k = w * h + plane * chroma + c;
                            yuv[k] = (byte) Math.round((1 - alpha) * (yuv[k] & 0xff) + alpha * 128);
                        }
                    }
                }
            }
        }
    }

    /** yuv = (1 - alpha) * yuv + alpha * other, every plane. */
    private static void mix(byte[] yuv, byte[] other, double alpha, int lumaSize) {
        for (int i = 0; i < yuv.length; i++) {
            yuv[i] = (byte) Math.round((1 - alpha) * (yuv[i] & 0xff) + alpha * (other[i] & 0xff));
        }
    }

    /** Towards black (limited range: Y 16, neutral chroma) by {@code gain} (1 unchanged, 0 black). */
    private static void darken(byte[] yuv, double gain, int lumaSize) {
        for (int i = 0; i < yuv.length; i++) {
            int neutral = i < lumaSize ? 16 : 128;
            yuv[i] = (byte) Math.round(neutral + ((yuv[i] & 0xff) - neutral) * gain);
        }
    }

    /** A camera flash: most of the way to white. */
    private static void whiten(byte[] yuv, int lumaSize) {
        for (int i = 0; i < yuv.length; i++) {
            int target = i < lumaSize ? 235 : 128;
            yuv[i] = (byte) Math.round(target + ((yuv[i] & 0xff) - target) * FLASH_KEEP);
        }
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
            this(w, h, look, seed, pan, BLOCK);
        }

        /** {@code block}: texture block size, pixels (larger for a closer camera). */
        ShotPainter(int w, int h, int[] look, long seed, int pan, int block) {
            this.pan = pan;
            this.w = w;
            this.h = h;
            this.texW = w + 256;
            this.texture = new byte[texW * h];
            SplittableRandom random = new SplittableRandom(seed);
            int blocksX = (texW + block - 1) / block;
            int blocksY = (h + block - 1) / block;
            int[] blocks = new int[blocksX * blocksY];
            for (int i = 0; i < blocks.length; i++) {
                blocks[i] = random.nextInt(-TEXTURE_AMPLITUDE, TEXTURE_AMPLITUDE + 1);
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < texW; x++) {
                    int v = look[0] + blocks[(y / block) * blocksX + x / block];
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

    /**
     * White noise at the arena's baseline level everywhere, low-passed "crowd" noise at the crowd level inside
     * loud moments, and the whistle (a trilled tone) where scripted.
     */
    private static final class AudioSynth {
        private static final double LOWPASS = 0.6; // one-pole coefficient: darker, crowd-like noise
        private final List<LoudMoment> loud;
        private final SplittableRandom random = new SplittableRandom(42);
        private final double[] state = new double[AUDIO_CHANNELS];
        private final double quietRms;
        private final double loudRms;
        private final double whistleAt;
        private final double whistleAmplitude;
        private double whistlePhase;
        // Uniform noise in [-1, 1] has RMS 1/sqrt(3); the one-pole filter scales power by (1-a)/(1+a).
        private final double uniformGain = Math.sqrt(3);
        private final double lowpassGain = Math.sqrt((1 + LOWPASS) / (1 - LOWPASS));

        AudioSynth(Script script) {
            this.loud = script.loudMoments();
            this.quietRms = Math.pow(10, script.baselineDbfs() / 20);
            this.loudRms = Math.pow(10, script.crowdDbfs() / 20);
            this.whistleAt = script.whistleAt();
            // A sine's peak is sqrt(2) times its RMS.
            this.whistleAmplitude = Math.sqrt(2) * Math.pow(10, (script.crowdDbfs() + WHISTLE_ABOVE_CROWD_DB) / 20);
        }

        void fill(FloatBuffer out, long from, long to) {
            for (long n = from; n < to; n++) {
                double t = n / (double) SAMPLE_RATE;
                double burst = burstLevel(t);
                double whistle = 0;
                if (t >= whistleAt && t < whistleAt + WHISTLE_SECONDS) {
                    double edge = Math.min(t - whistleAt, whistleAt + WHISTLE_SECONDS - t);
                    double hz = WHISTLE_HZ + 150 * Math.sin(2 * Math.PI * 25 * t); // the pea's trill
                    whistlePhase += 2 * Math.PI * hz / SAMPLE_RATE;
                    whistle = whistleAmplitude * Math.min(1, edge / RAMP_SECONDS) * Math.sin(whistlePhase);
                }
                for (int c = 0; c < AUDIO_CHANNELS; c++) {
                    double white = random.nextDouble(-1, 1) * uniformGain;
                    state[c] = LOWPASS * state[c] + (1 - LOWPASS) * white;
                    double v = quietRms * random.nextDouble(-1, 1) * uniformGain
                            + burst * loudRms * state[c] * lowpassGain + whistle;
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
