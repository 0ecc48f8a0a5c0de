package io.courtside.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import io.courtside.BenchRuns;
import io.courtside.media.SkippingDecoder.Picture;
import io.courtside.media.SkippingDecoder.Skip;

/**
 * The decode cost of the whole video with non-reference frames skipped, against {@code ffmpeg -i IN -an -f null -}
 * (the FFmpeg JavaCV ships, the decoder's own version), the same class decoding every frame, and the grabber the
 * analysis pass decodes with today (raw pictures, no deblocking), interleaved, one warm-up each, then
 * {@code -Dbench.runs} (at least 3) runs each; and what filling in one gap costs. Not a test:
 * <pre>
 *   java -cp ... io.courtside.media.SkippingDecoderBench make OUT.mp4 WIDTH HEIGHT SECONDS BITRATE
 *   java -cp ... io.courtside.media.SkippingDecoderBench run IN.mp4...
 * </pre>
 * {@code make} encodes testsrc2 with temporal noise (so every frame costs bits) by libx264, veryfast, three
 * B-frames in a pyramid (x264's default: the middle B is a reference), a key frame every 2 s, at BITRATE.
 */
public final class SkippingDecoderBench {

    private SkippingDecoderBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("make")) {
            make(Path.of(args[1]), args[2], args[3], args[4], args[5]);
        } else if (args.length >= 2 && args[0].equals("run")) {
            for (int i = 1; i < args.length; i++) {
                run(Path.of(args[i]));
            }
        } else {
            System.err.println("usage: make OUT.mp4 W H SECONDS BITRATE | run IN.mp4...");
            System.exit(2);
        }
    }

    private static void make(Path out, String width, String height, String seconds, String bitrate)
            throws Exception {
        ffmpeg(List.of("-f", "lavfi", "-i", "testsrc2=s=" + width + "x" + height + ":r=25:d=" + seconds
                        + ",noise=alls=6:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-bf", "3",
                "-g", "50", "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", bitrate, "-pix_fmt", "yuv420p",
                "-y", out.toString()));
    }

    private static double ffmpeg(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class), "-hide_banner",
                "-loglevel", "error", "-nostdin"));
        command.addAll(args);
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + output);
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double ffmpegNull(Path in) throws Exception {
        return ffmpeg(List.of("-i", in.toString(), "-an", "-f", "null", "-"));
    }

    /** The whole video through the skipping decoder; seconds, and the frames decoded and skipped. */
    private static double skipping(Path in, Skip skip, long[] counts) throws Exception {
        long started = System.nanoTime();
        try (SkippingDecoder decoder = SkippingDecoder.open(in, skip, true, 0)) {
            while (decoder.next() != null) {
                // decoding is what is timed
            }
            counts[0] = decoder.decodedFrames();
            counts[1] = decoder.skippedFrames();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** The whole video through the grabber as the analysis pass opens it (raw pictures, no deblocking, no audio). */
    private static double grabber(Path in) throws Exception {
        long started = System.nanoTime();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(in)) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.setVideoOption("skip_loop_filter", "all");
            grabber.start();
            while (grabber.grabImage() != null) {
                // decoding is what is timed
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static void run(Path in) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s (%d MB)%n", in.getFileName(), Files.size(in) >> 20);
        long[] counts = new long[2];
        // warm-up: natives loaded, JIT, file in the page cache
        ffmpegNull(in);
        skipping(in, Skip.NON_REFERENCE, counts);
        skipping(in, Skip.NONE, new long[2]);
        grabber(in);
        BenchRuns cli = new BenchRuns("ffmpeg -an -f null");
        BenchRuns full = new BenchRuns("full decode (this class)");
        BenchRuns skipped = new BenchRuns("non-reference skipped");
        BenchRuns today = new BenchRuns("grabber (today's pass)");
        for (int run = 0; run < BenchRuns.count(); run++) {
            cli.add(ffmpegNull(in));
            skipped.add(skipping(in, Skip.NON_REFERENCE, counts));
            full.add(skipping(in, Skip.NONE, new long[2]));
            today.add(grabber(in));
        }
        long frames = counts[0] + counts[1];
        System.out.printf(Locale.ROOT, "%d frames, %d decoded, %d skipped (%.0f %%)%n", frames, counts[0], counts[1],
                100.0 * counts[1] / frames);
        for (BenchRuns runs : List.of(cli, full, skipped, today)) {
            System.out.printf(Locale.ROOT, "%s, %.0f fps at the median%n", runs.summary(), frames / runs.median());
        }
        System.out.println(skipped.ratioTo(cli));
        System.out.println(skipped.ratioTo(full));
        System.out.println(full.ratioTo(cli));
        System.out.println(today.ratioTo(cli));
        fillCost(in, frames);
    }

    /** Every gap filled, each fill timed alone: what one gap costs, and the whole pass with all filled. */
    private static void fillCost(Path in, long frames) throws Exception {
        List<Double> perGap = new ArrayList<>();
        long filled = 0;
        long started = System.nanoTime();
        try (SkippingDecoder decoder = SkippingDecoder.open(in, Skip.NON_REFERENCE, true, 0)) {
            Picture picture;
            while ((picture = decoder.next()) != null) {
                if (picture.skippedBefore().length > 0) {
                    long fillStarted = System.nanoTime();
                    filled += decoder.fillGap((frame, index, pts) -> { });
                    perGap.add((System.nanoTime() - fillStarted) / 1e6);
                }
            }
        }
        double total = (System.nanoTime() - started) / 1e9;
        Collections.sort(perGap);
        System.out.printf(Locale.ROOT, "fill one gap: median %.2f ms, min %.2f ms, max %.2f ms over %d gaps "
                        + "(%.2f frames a gap); every gap filled: %.2f s for the whole file (%.0f fps)%n",
                perGap.get(perGap.size() / 2), perGap.get(0), perGap.get(perGap.size() - 1), perGap.size(),
                (double) filled / perGap.size(), total, frames / total);
    }
}
