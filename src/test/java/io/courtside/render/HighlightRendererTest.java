package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.LoudMoment;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

class HighlightRendererTest {

    @TempDir
    static Path dir;

    static SyntheticGame.GroundTruth game;
    final HighlightRenderer renderer = new HighlightRenderer();

    @BeforeAll
    static void writeGame() {
        game = SyntheticGame.Script.basketballDemo().write(dir.resolve("game.mp4"));
    }

    /** Starts exactly on the 8.2 s cut, crosses a crowd burst (4.0-6.0 s), crosses the 22.6 s cut. */
    static final HighlightPlan PLAN = new HighlightPlan(1, List.of(
            new Segment(8.2, 10.2), new Segment(3.6, 5.6), new Segment(22.0, 24.0)));

    @Test
    void rendersVerticalCropFrom16by9() throws Exception {
        Path out = dir.resolve("vertical.mp4");
        long t0 = System.nanoTime();
        RenderedOutput rendered = renderer.render(game.file(), PLAN, unnormalised(new RenderSpec(1080, 1920, FitMode.CROP, "veryfast", 23)), out, StageProgress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("render 1080x1920 CROP: %.1f s of output in %.2f s = %.0f fps%n",
                rendered.durationSeconds(), seconds, rendered.durationSeconds() * 25 / seconds);

        assertEquals(new RenderedOutput(out, 6.0, 1080, 1920), rendered);
        Probe probe = Probe.of(out, 128, 224);
        probe.assertEncoding(1080, 1920, PLAN.duration(), 25);
        assertTrue(moovBeforeMdat(out), "faststart: moov must precede mdat");
        assertFramesShowTheirSourceShots(probe, PLAN, 0, 1);
        assertAudioFollowsTheSegments(probe);
    }

    @Test
    void rendersPaddedFromAnAwkwardWidthSource() throws Exception {
        // 424 is not a multiple of 32: JavaCV pads the decoded rows, which the renderer must undo.
        SyntheticGame.GroundTruth small = new SyntheticGame.Script(424, 240, 25, List.of(2.0, 2.0, 2.0),
                List.of(new LoudMoment(2.5, 1.0))).write(dir.resolve("awkward.mp4"));
        HighlightPlan plan = new HighlightPlan(2, List.of(new Segment(4.0, 5.5), new Segment(1.0, 3.0)));
        Path out = dir.resolve("padded.mp4");
        long t0 = System.nanoTime();
        RenderedOutput rendered = renderer.render(small.file(), plan, new RenderSpec(320, 240, FitMode.PAD, "veryfast", 23), out, StageProgress.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("render 320x240 PAD: %.1f s of output in %.2f s = %.0f fps%n",
                rendered.durationSeconds(), seconds, rendered.durationSeconds() * 25 / seconds);

        Probe probe = Probe.of(out, 320, 240);
        probe.assertEncoding(320, 240, plan.duration(), 25);
        assertTrue(moovBeforeMdat(out));
        // 424x240 fits as 320x182 (rounded to even): bars of 29 rows above and below are black.
        for (int[] yuv : probe.barMeans) {
            assertEquals(16, yuv[0], 3, "black bar luma");
            assertEquals(128, yuv[1], 3);
            assertEquals(128, yuv[2], 3);
        }
        for (int i = 0; i < probe.centreMeans.size(); i++) {
            double sourceTime = sourceTime(plan, i, 25);
            SyntheticGame.ScriptedShot shot = small.shotAt(sourceTime);
            assertColour(shot, probe.centreMeans.get(i), "frame " + i + " (source " + sourceTime + " s)");
        }
    }

    @Test
    void sourceWithoutAudioGetsASilentTrack() throws Exception {
        SyntheticGame.GroundTruth mute = new SyntheticGame.Script(320, 180, 25, List.of(1.0, 1.0, 1.0),
                List.of()).withoutAudio().write(dir.resolve("mute.mp4"));
        // The last segment ends 2 frames after the source does: its last picture is held.
        HighlightPlan plan = new HighlightPlan(3, List.of(new Segment(0.5, 1.5), new Segment(2.0, 3.08)));
        Path out = dir.resolve("from-mute.mp4");
        renderer.render(mute.file(), plan, new RenderSpec(0, 0, FitMode.CROP, "ultrafast", 28), out, StageProgress.NONE);
        Probe probe = Probe.of(out, 320, 180);
        probe.assertEncoding(320, 180, plan.duration(), 25);
        assertTrue(probe.maxAbsSample < 1e-4, "silence, got peak " + probe.maxAbsSample);
    }

    @Test
    void failureIsARenderErrorAndLeavesNoFile() throws Exception {
        Path out = dir.resolve("never.mp4");
        HighlightPlan beyond = new HighlightPlan(4, List.of(new Segment(40, 42)));
        JobFailure failure = assertThrows(JobFailure.class, () ->
                renderer.render(game.file(), beyond, new RenderSpec(320, 240, FitMode.PAD, "veryfast", 23), out, StageProgress.NONE));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertFalse(Files.exists(out));

        Path garbage = Files.write(dir.resolve("garbage.mp4"), new byte[4096]);
        failure = assertThrows(JobFailure.class, () ->
                renderer.render(garbage, PLAN, new RenderSpec(320, 240, FitMode.PAD, "veryfast", 23), out, StageProgress.NONE));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertFalse(Files.exists(out));

        failure = assertThrows(JobFailure.class, () ->
                renderer.render(game.file(), PLAN, new RenderSpec(320, 240, FitMode.PAD, "no-such-preset", 23), out, StageProgress.NONE));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertFalse(Files.exists(out));
    }

    @Test
    void resolvesZeroSizesFromTheSource() {
        assertEquals(new HighlightRenderer.Fit(640, 360, 640, 360, 640, 360, "scale=640:360,setsar=1"),
                HighlightRenderer.Fit.of(new RenderSpec(0, 0, FitMode.CROP, "veryfast", 23), 640, 360, 1));
        assertEquals(1280, HighlightRenderer.Fit.of(new RenderSpec(0, 720, FitMode.CROP, "veryfast", 23), 640, 360, 1).width());
        assertEquals(270, HighlightRenderer.Fit.of(new RenderSpec(480, 0, FitMode.PAD, "veryfast", 23), 640, 360, 1).height());
        HighlightRenderer.Fit vertical = HighlightRenderer.Fit.of(new RenderSpec(1080, 1920, FitMode.CROP, "veryfast", 23),
                640, 360, 1);
        assertEquals(new HighlightRenderer.Fit(1080, 1920, 202, 360, 640, 360, "scale=1080:1920,setsar=1"), vertical);
        // The crop window follows the action but never leaves the frame; its left edge stays even (chroma).
        assertEquals(220, vertical.cropX(0.5));
        assertEquals(0, vertical.cropX(0.0));
        assertEquals(438, vertical.cropX(1.0));
        assertEquals(0, vertical.cropY(0.9));
        assertEquals("scale=320:180,pad=320:240:0:30:black,setsar=1",
                HighlightRenderer.Fit.of(new RenderSpec(320, 240, FitMode.PAD, "veryfast", 23), 640, 360, 1).filter());
    }

    /** The mix as cut, without loudness normalisation: the source's levels can be checked in the output. */
    static RenderSpec unnormalised(RenderSpec spec) {
        return new RenderSpec(spec.width(), spec.height(), spec.fit(), spec.x264Preset(), spec.crf(), spec.look(),
                new RenderSpec.Mix(spec.mix().duckDb(), spec.mix().loudnessLufs(), spec.mix().truePeakDb(), false));
    }

    /** Every output frame shows the colour of the shot its source time falls in: frame-exact seeks. */
    private static void assertFramesShowTheirSourceShots(Probe probe, HighlightPlan plan, int from, int step) {
        for (int i = from; i < probe.centreMeans.size(); i += step) {
            double sourceTime = sourceTime(plan, i, 25);
            assertColour(game.shotAt(sourceTime), probe.centreMeans.get(i), "frame " + i + " (source " + sourceTime + " s)");
        }
    }

    private static void assertAudioFollowsTheSegments(Probe probe) {
        // Output 0-2 s: source 8.2-10.2 (quiet). 2-4 s: source 3.6-5.6, burst from 4.0 = output 2.4 s.
        assertTrue(probe.rmsDb(0.1, 1.9) < -30, "quiet first segment: " + probe.rmsDb(0.1, 1.9));
        assertTrue(probe.rmsDb(2.05, 2.35) < -30, "quiet before the burst: " + probe.rmsDb(2.05, 2.35));
        assertTrue(probe.rmsDb(2.45, 3.95) > -10, "burst: " + probe.rmsDb(2.45, 3.95));
        assertTrue(probe.rmsDb(4.05, 5.95) < -30, "quiet last segment: " + probe.rmsDb(4.05, 5.95));
        // A/V sync: the burst must start where its video is (2.4 s), to within 20 ms.
        System.out.printf("burst onset in output: %.2f s (video says 2.40 s)%n", probe.onset(2.0, -20));
        assertEquals(2.4, probe.onset(2.0, -20), 0.02, "burst onset");
    }

    private static double sourceTime(HighlightPlan plan, int outputFrame, double fps) {
        double t = outputFrame / fps;
        for (Segment s : plan.segments()) {
            if (t < s.duration() - 1e-9) {
                return s.start() + t;
            }
            t -= s.duration();
        }
        throw new AssertionError("frame " + outputFrame + " is past the plan");
    }

    private static void assertColour(SyntheticGame.ScriptedShot shot, int[] yuv, String where) {
        String message = where + ": expected shot " + shot.index() + " (" + shot.y() + "," + shot.cb() + ","
                + shot.cr() + "), got (" + yuv[0] + "," + yuv[1] + "," + yuv[2] + ")";
        assertEquals(shot.y(), yuv[0], 8, message);
        assertEquals(shot.cb(), yuv[1], 6, message);
        assertEquals(shot.cr(), yuv[2], 6, message);
    }

    /** Top-level MP4 boxes in order: is moov ahead of mdat? */
    static boolean moovBeforeMdat(Path file) throws IOException {
        List<String> boxes = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            long remaining = Files.size(file);
            while (remaining >= 8) {
                long size = in.readInt() & 0xffffffffL;
                byte[] type = new byte[4];
                in.readFully(type);
                long header = 8;
                if (size == 1) {
                    size = in.readLong();
                    header = 16;
                } else if (size == 0) {
                    size = remaining;
                }
                boxes.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
                in.skipNBytes(size - header);
                remaining -= size;
            }
        }
        assertTrue(boxes.contains("moov") && boxes.contains("mdat"), boxes.toString());
        return boxes.indexOf("moov") < boxes.indexOf("mdat");
    }

    /** What a full decode of an output shows: stream facts, per-frame colours, audio samples. */
    static final class Probe {
        int width;
        int height;
        String videoCodec;
        int profile;
        int pixelFormat;
        double frameRate;
        String audioCodec;
        int sampleRate;
        int channels;
        int frames;
        long samples;
        double maxAbsSample;
        final List<int[]> centreMeans = new ArrayList<>();
        final List<int[]> barMeans = new ArrayList<>();
        final List<Double> windowPower = new ArrayList<>(); // mean square per 10 ms

        /** Decodes at probeW x probeH (a multiple of 64 wide keeps JavaCV's YUV planes unpadded). */
        static Probe of(Path file, int probeW, int probeH) throws Exception {
            Probe p = new Probe();
            try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
                g.setImageWidth(probeW);
                g.setImageHeight(probeH);
                g.setPixelFormat(AV_PIX_FMT_YUV420P);
                g.setSampleFormat(AV_SAMPLE_FMT_FLT);
                g.start();
                AVCodecParameters v = g.getFormatContext().streams(g.getVideoStream()).codecpar();
                p.width = v.width();
                p.height = v.height();
                p.pixelFormat = v.format();
                p.profile = v.profile();
                p.videoCodec = g.getVideoCodecName();
                p.frameRate = g.getVideoFrameRate();
                p.audioCodec = g.getAudioCodecName();
                p.sampleRate = g.getSampleRate();
                p.channels = g.getAudioChannels();
                double sumSquares = 0;
                long windowCount = 0;
                long window = p.sampleRate / WINDOWS_PER_SECOND;
                Frame f;
                while ((f = g.grab()) != null) {
                    if (f.image != null) {
                        p.frames++;
                        p.measure(f);
                    } else if (f.samples != null) {
                        FloatBuffer s = (FloatBuffer) f.samples[0];
                        int n = s.limit() / f.audioChannels;
                        for (int i = 0; i < n; i++) {
                            for (int c = 0; c < f.audioChannels; c++) {
                                float x = s.get(i * f.audioChannels + c);
                                sumSquares += x * x;
                                p.maxAbsSample = Math.max(p.maxAbsSample, Math.abs(x));
                            }
                            if (++windowCount == window) {
                                p.windowPower.add(sumSquares / (window * f.audioChannels));
                                sumSquares = 0;
                                windowCount = 0;
                            }
                        }
                        p.samples += n;
                    }
                }
            }
            return p;
        }

        private void measure(Frame f) {
            int w = f.imageWidth;
            int h = f.imageHeight;
            assertEquals(w, f.imageStride, "probe width must keep the planes unpadded");
            ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
            b.limit(b.capacity());
            // Centre: the middle half in both directions. Bars: top and bottom eighth (PAD case).
            centreMeans.add(mean(b, w, h, w / 4, h / 4, 3 * w / 4, 3 * h / 4));
            if (h >= 8) {
                barMeans.add(mean(b, w, h, 0, 0, w, h / 10));
            }
        }

        private static int[] mean(ByteBuffer b, int w, int h, int x0, int y0, int x1, int y1) {
            long y = 0;
            long u = 0;
            long v = 0;
            for (int r = y0; r < y1; r++) {
                for (int c = x0; c < x1; c++) {
                    y += b.get(r * w + c) & 0xff;
                }
            }
            int cw = w / 2;
            for (int r = y0 / 2; r < y1 / 2; r++) {
                for (int c = x0 / 2; c < x1 / 2; c++) {
                    u += b.get(w * h + r * cw + c) & 0xff;
                    v += b.get(w * h + cw * (h / 2) + r * cw + c) & 0xff;
                }
            }
            long n = (long) (x1 - x0) * (y1 - y0);
            long nc = (long) (x1 / 2 - x0 / 2) * (y1 / 2 - y0 / 2);
            return new int[] {(int) Math.round(y / (double) n), (int) Math.round(u / (double) nc),
                    (int) Math.round(v / (double) nc)};
        }

        static final int WINDOWS_PER_SECOND = 100;

        /** Start of the first 10 ms window after {@code from} that is louder than {@code db}. */
        double onset(double from, double db) {
            for (int i = (int) Math.ceil(from * WINDOWS_PER_SECOND); i < windowPower.size(); i++) {
                if (10 * Math.log10(windowPower.get(i)) > db) {
                    return i / (double) WINDOWS_PER_SECOND;
                }
            }
            return Double.NaN;
        }

        double rmsDb(double from, double to) {
            double power = 0;
            int n = 0;
            int last = Math.min(windowPower.size(), (int) Math.floor(to * WINDOWS_PER_SECOND));
            for (int i = (int) Math.ceil(from * WINDOWS_PER_SECOND); i < last; i++) {
                power += windowPower.get(i);
                n++;
            }
            return n == 0 ? -90 : 10 * Math.log10(power / n);
        }

        void assertEncoding(int w, int h, double duration, double fps) {
            assertEquals(w, width);
            assertEquals(h, height);
            assertEquals("h264", videoCodec);
            assertEquals(100, profile, "H.264 High profile");
            assertEquals(AV_PIX_FMT_YUV420P, pixelFormat);
            assertEquals(fps, frameRate, 1e-6);
            assertEquals("aac", audioCodec);
            assertEquals(48_000, sampleRate);
            assertEquals(2, channels);
            double videoSeconds = frames / fps;
            double audioSeconds = samples / 48_000.0;
            assertEquals(duration, videoSeconds, 1 / fps + 1e-9, "video duration");
            assertEquals(videoSeconds, audioSeconds, 0.03, "audio duration vs video duration");
        }
    }
}
