package io.courtside.render;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.courtside.commentary.Commentary;
import io.courtside.commentary.VoiceTrack;
import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.HighlightPlan;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/** Small video-only test sources with known pictures, and a reader of one output frame's luma. */
final class TestSources {

    static final double FPS = 25;

    private TestSources() {
    }

    /** A picture per frame: luma (w*h) written into {@code yuv}; chroma stays neutral. */
    interface Painter {
        void paint(byte[] luma, int frame);
    }

    static Path write(Path out, int w, int h, int frames, Painter painter) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), w, h, 0)) {
            EncoderSettings.source("ultrafast", 12).applyTo(recorder, FPS, false); // GOP 50
            recorder.start();
            byte[] yuv = new byte[w * h * 3 / 2];
            ByteBuffer image = ByteBuffer.allocateDirect(yuv.length);
            byte[] luma = new byte[w * h];
            for (int f = 0; f < frames; f++) {
                painter.paint(luma, f);
                System.arraycopy(luma, 0, yuv, 0, luma.length);
                java.util.Arrays.fill(yuv, luma.length, yuv.length, (byte) 128);
                image.clear();
                image.put(yuv).flip();
                recorder.recordImage(w, h, Frame.DEPTH_UBYTE, 1, w, AV_PIX_FMT_YUV420P, image);
            }
            recorder.stop();
        }
        return out;
    }

    /** Flat grey. */
    static Path flat(Path out, int w, int h, double seconds, int grey) throws Exception {
        return write(out, w, h, (int) Math.round(seconds * FPS), (luma, f) -> java.util.Arrays.fill(luma, (byte) grey));
    }

    static void square(byte[] luma, int w, int h, int background, int x, int y, int size) {
        java.util.Arrays.fill(luma, (byte) background);
        for (int r = Math.max(0, y); r < Math.min(h, y + size); r++) {
            for (int c = Math.max(0, x); c < Math.min(w, x + size); c++) {
                luma[r * w + c] = (byte) 235;
            }
        }
    }

    /** Luma of output frame {@code index} (tightly packed, width x height). */
    static byte[] luma(Path file, int index) throws Exception {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.setPixelFormat(AV_PIX_FMT_GRAY8);
            g.start();
            Frame f;
            int n = 0;
            while ((f = g.grabImage()) != null) {
                if (n++ == index) {
                    int w = f.imageWidth;
                    int h = f.imageHeight;
                    byte[] out = new byte[w * h];
                    ByteBuffer b = ((ByteBuffer) f.image[0]).duplicate();
                    for (int y = 0; y < h; y++) {
                        b.get(y * f.imageStride, out, y * w, w);
                    }
                    return out;
                }
            }
        }
        throw new AssertionError("no frame " + index + " in " + file);
    }

    /**
     * Renders {@code commentary} over {@code plan} (640x360) and marks where frame 12 is white: the caption's
     * glyphs (the grey test pictures are 128, the caption box darker). Comparing two masks tells glyphs from
     * missing-glyph boxes and one string from another.
     */
    static boolean[] captionMask(HighlightRenderer renderer, Path source, HighlightPlan plan, Commentary commentary,
                                 Path out) throws Exception {
        renderer.render(source, plan, new RenderSpec(640, 360, FitMode.CROP, "veryfast", 18), null, commentary,
                VoiceTrack.NONE, out, StageProgress.NONE);
        byte[] luma = luma(out, 12);
        boolean[] mask = new boolean[luma.length];
        for (int i = 0; i < luma.length; i++) {
            mask[i] = (luma[i] & 0xff) > 180;
        }
        return mask;
    }

    /** How many pixels a mask marks. */
    static int count(boolean[] mask) {
        int n = 0;
        for (boolean v : mask) {
            n += v ? 1 : 0;
        }
        return n;
    }

    /** How many pixels two masks disagree on. */
    static int differ(boolean[] a, boolean[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }
}
