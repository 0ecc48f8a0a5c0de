package io.courtside.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGameTest {

    @TempDir
    Path dir;

    @Test
    void writesTheScriptedSizeRateAndDurationWithAudio() throws Exception {
        SyntheticGame.Script script = SyntheticGame.Script.basketballDemo();
        long t0 = System.nanoTime();
        SyntheticGame.GroundTruth truth = script.write(dir.resolve("game.mp4"));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("synthetic game: %d frames in %.2f s (%.0f fps)%n",
                truth.frameCount(), seconds, truth.frameCount() / seconds);

        assertEquals(6, truth.cutTimes().size());
        assertEquals(30.0, truth.durationSeconds(), 1e-9);

        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(truth.file().toFile())) {
            grabber.start();
            assertEquals(640, grabber.getImageWidth());
            assertEquals(360, grabber.getImageHeight());
            assertEquals(25.0, grabber.getVideoFrameRate(), 1e-6);
            assertEquals("h264", grabber.getVideoCodecName());
            assertTrue(grabber.hasAudio());
            assertEquals("aac", grabber.getAudioCodecName());
            assertEquals(SyntheticGame.SAMPLE_RATE, grabber.getSampleRate());
            assertEquals(2, grabber.getAudioChannels());

            int frames = 0;
            long samples = 0;
            long lastVideo = -1;
            Frame f;
            while ((f = grabber.grab()) != null) {
                if (f.image != null) {
                    frames++;
                    lastVideo = f.timestamp;
                } else if (f.samples != null) {
                    samples += f.samples[0].limit() / (f.samples.length > 1 ? 1 : f.audioChannels);
                }
            }
            assertEquals(truth.frameCount(), frames);
            assertEquals(truth.durationSeconds() - 1 / 25.0, lastVideo / 1e6, 1e-3);
            // Audio as long as the video, give or take one AAC frame.
            assertEquals(truth.durationSeconds(), samples / (double) SyntheticGame.SAMPLE_RATE, 1024.0 / 44_100);
        }
    }

    @Test
    void writesAnAudioLessVariant() throws Exception {
        SyntheticGame.GroundTruth truth = new SyntheticGame.Script(320, 180, 25, java.util.List.of(1.0, 1.0),
                java.util.List.of()).withoutAudio().write(dir.resolve("mute.mp4"));
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(truth.file().toFile())) {
            grabber.start();
            assertFalse(grabber.hasAudio());
            assertEquals(320, grabber.getImageWidth());
            assertEquals(50, grabber.getLengthInVideoFrames());
        }
    }

    @Test
    void writesFadesDissolvesAndFlashesWhereTheGroundTruthSays() throws Exception {
        SyntheticGame.GroundTruth truth = new SyntheticGame.Script(320, 180, 25, java.util.List.of(2.0, 2.0, 2.0, 2.0),
                java.util.List.of())
                .withoutAudio()
                .withFade(0, 1.0)
                .withDissolve(1, 1.0)
                .withFlash(6.8, 2)
                .withMotion(java.util.List.of(SyntheticGame.Motion.LOW, SyntheticGame.Motion.HIGH,
                        SyntheticGame.Motion.LOW, SyntheticGame.Motion.HIGH))
                .write(dir.resolve("gradual.mp4"));
        assertEquals(java.util.List.of(SyntheticGame.TransitionKind.FADE, SyntheticGame.TransitionKind.DISSOLVE,
                SyntheticGame.TransitionKind.CUT), truth.transitions().stream().map(t -> t.kind()).toList());
        assertEquals(truth.cutTimes(), truth.transitions().stream().map(t -> t.time()).toList());
        assertEquals(SyntheticGame.Motion.HIGH, truth.shots().get(1).motion());
        assertEquals(java.util.List.of(6.8), truth.flashTimes());
        assertTrue(Double.isNaN(truth.whistleTime()));

        double[] luma = meanLumaPerFrame(truth);
        // Fade: the two frames either side of the boundary are black (FFmpeg's grey is full range: Y 16 -> 0).
        int fade = (int) Math.round(truth.transitions().get(0).time() * 25);
        assertEquals(0, luma[fade - 1], 3);
        assertEquals(0, luma[fade], 3);
        assertTrue(luma[fade - 12] > 100, "picture before the fade " + luma[fade - 12]);
        // Dissolve: half-way its luma is half-way between the two shots' colours.
        int dissolve = (int) Math.round(truth.transitions().get(1).time() * 25);
        double expected = ((truth.shots().get(1).y() + truth.shots().get(2).y()) / 2.0 - 16) * 255 / 219;
        assertEquals(expected, luma[dissolve], 6);
        // Flash: near white, and the shot is back right after.
        int flash = (int) Math.round(6.8 * 25);
        assertTrue(luma[flash] > 200 && luma[flash + 1] > 200, "flash " + luma[flash]);
        assertEquals(luma[flash - 1], luma[flash + 2], 6);
    }

    private static double[] meanLumaPerFrame(SyntheticGame.GroundTruth truth) throws Exception {
        double[] luma = new double[truth.frameCount()];
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(truth.file().toFile())) {
            grabber.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            Frame f;
            int i = 0;
            while ((f = grabber.grabImage()) != null && i < luma.length) {
                java.nio.ByteBuffer b = (java.nio.ByteBuffer) f.image[0];
                long sum = 0;
                for (int y = 0; y < f.imageHeight; y++) {
                    for (int x = 0; x < f.imageWidth; x++) {
                        sum += b.get(y * f.imageStride + x) & 0xff;
                    }
                }
                luma[i++] = sum / (double) (f.imageWidth * f.imageHeight);
            }
        }
        return luma;
    }
}
