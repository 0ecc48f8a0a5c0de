package io.courtside.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A highlight output is the same file whichever worker encodes it and whatever that worker encoded before: the
 * same frames, encoded with {@link EncoderSettings#highlight}, give the same bytes on a fresh thread, after another
 * output of other content and size, and again, at widths that are not a multiple of 128 px (where x264's AVX-512
 * code is left out) and at one that is.
 */
class EncoderReproducibilityTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"320, 180, 11", "200, 356, 23", "384, 216, 37"})
    void theSameFramesGiveTheSameBytesWhateverWasEncodedBefore(int width, int height, long seed) throws Exception {
        List<String> digests = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            digests.add(worker.submit(() -> encode(width, height, seed, "first")).get());
            // Other content at another size in the same worker, then the same output again, then on another thread.
            worker.submit(() -> encode(width + 96, height + 64, seed + 1000, "other")).get();
            digests.add(worker.submit(() -> encode(width, height, seed, "second")).get());
        } finally {
            worker.shutdown();
        }
        digests.add(encode(width, height, seed, "third"));
        assertThat(digests).as("SHA-256 of the encodes, %dx%d", width, height).containsOnly(digests.get(0));
    }

    @Test
    void highlightsAreMarkedReproducibleAndSourcesAreNot() {
        assertThat(EncoderSettings.highlight("veryfast", 23).reproducible()).isTrue();
        assertThat(EncoderSettings.source("veryfast", 18).withSampleRate(44_100).reproducible()).isFalse();
        assertThat(EncoderSettings.highlight("veryfast", 23).withSampleRate(44_100).reproducible()).isTrue();
    }

    /** 50 frames of drifting stripes, a moving block and noise (seeded), encoded as a highlight; its SHA-256. */
    private String encode(int width, int height, long seed, String name) throws Exception {
        Path out = dir.resolve(name + "-" + width + "x" + height + "-" + seed + ".mp4");
        SplittableRandom random = new SplittableRandom(seed);
        int stripe = 6 + random.nextInt(10);
        int[] colour = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, 0)) {
            EncoderSettings.highlight("veryfast", 23).applyTo(recorder, 25, false);
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer pixels = (ByteBuffer) frame.image[0];
            for (int f = 0; f < 50; f++) {
                int bx = (int) (width / 2 + width / 3.0 * Math.sin(f / 7.0));
                int by = (int) (height / 2 + height / 4.0 * Math.cos(f / 5.0));
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        boolean block = Math.abs(x - bx) < width / 10 && Math.abs(y - by) < height / 8;
                        int base = ((x + 2 * f) / stripe + y / stripe) % 2 == 0 ? 50 : 170;
                        for (int c = 0; c < 3; c++) {
                            int v = block ? colour[c] : base + (c - 1) * 20 + random.nextInt(25) - 12;
                            pixels.put(y * frame.imageStride + x * 3 + c, (byte) Math.max(0, Math.min(255, v)));
                        }
                    }
                }
                recorder.record(frame, avutil.AV_PIX_FMT_BGR24);
            }
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out)));
    }
}
