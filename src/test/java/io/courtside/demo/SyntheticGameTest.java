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
}
