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
 * The decode cost of the whole video with non-reference frames skipped and with every B-frame skipped, against
 * {@code ffmpeg -i IN -an -f null -} and {@code ffmpeg -skip_frame bidir -i IN -an -f null -} (the FFmpeg JavaCV
 * ships, the decoder's own version), the same class decoding every frame, and the grabber the analysis pass decodes
 * with today (raw pictures, no deblocking), interleaved, one warm-up each, then {@code -Dbench.runs} (at least 3)
 * runs each, wall and CPU seconds (the process's, FFmpeg's threads included; ffmpeg's as a reaped child); and what
 * filling in one gap costs in each skipping mode. Not a test:
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

    /** Wall and CPU seconds of one run. */
    private record Cost(double wall, double cpu) {
    }

    /** CPU seconds of this process (every thread, native ones too). */
    private static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** CPU seconds of this process's reaped children (Linux: cutime + cstime of /proc/self/stat). */
    private static double childrenCpu() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0; // fields 16, 17; USER_HZ 100
    }

    private static Cost timedInProcess(java.util.concurrent.Callable<?> work) throws Exception {
        double cpu = processCpu();
        long started = System.nanoTime();
        work.call();
        return new Cost((System.nanoTime() - started) / 1e9, processCpu() - cpu);
    }

    private static Cost ffmpegNull(Path in, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(options));
        args.addAll(List.of("-i", in.toString(), "-an", "-f", "null", "-"));
        double cpu = childrenCpu();
        double wall = ffmpeg(args);
        return new Cost(wall, childrenCpu() - cpu);
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

    /** The whole video through the skipping decoder; the frames decoded and skipped in {@code counts}. */
    private static Cost skipping(Path in, Skip skip, long[] counts) throws Exception {
        return timedInProcess(() -> {
            try (SkippingDecoder decoder = SkippingDecoder.open(in, skip, true, 0)) {
                while (decoder.next() != null) {
                    // decoding is what is timed
                }
                counts[0] = decoder.decodedFrames();
                counts[1] = decoder.skippedFrames();
            }
            return null;
        });
    }

    /** The whole video through the grabber as the analysis pass opens it (raw pictures, no deblocking, no audio). */
    private static Cost grabber(Path in) throws Exception {
        return timedInProcess(() -> grabbed(in));
    }

    private static Void grabbed(Path in) throws Exception {
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(in)) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.setSampleFormat(AV_SAMPLE_FMT_FLT);
            grabber.setVideoOption("skip_loop_filter", "all");
            grabber.start();
            while (grabber.grabImage() != null) {
                // decoding is what is timed
            }
        }
        return null;
    }

    /** One side's wall and CPU runs. */
    private record Side(BenchRuns wall, BenchRuns cpu) {
        Side(String name) {
            this(new BenchRuns(name), new BenchRuns(name + " CPU"));
        }

        void add(Cost cost) {
            wall.add(cost.wall());
            cpu.add(cost.cpu());
        }
    }

    private static void run(Path in) throws Exception {
        System.out.printf(Locale.ROOT, "%n== %s (%d MB)%n", in.getFileName(), Files.size(in) >> 20);
        long[] nonReferenceCounts = new long[2];
        long[] bidirectionalCounts = new long[2];
        // warm-up: natives loaded, JIT, file in the page cache
        ffmpegNull(in);
        ffmpegNull(in, "-skip_frame", "bidir");
        skipping(in, Skip.NON_REFERENCE, nonReferenceCounts);
        skipping(in, Skip.BIDIRECTIONAL, bidirectionalCounts);
        skipping(in, Skip.NONE, new long[2]);
        grabber(in);
        Side cli = new Side("ffmpeg -an -f null");
        Side cliBidirectional = new Side("ffmpeg -skip_frame bidir");
        Side full = new Side("full decode (this class)");
        Side nonReference = new Side("non-reference skipped");
        Side bidirectional = new Side("B-frames skipped");
        Side today = new Side("grabber (today's pass)");
        for (int run = 0; run < BenchRuns.count(); run++) {
            cli.add(ffmpegNull(in));
            bidirectional.add(skipping(in, Skip.BIDIRECTIONAL, bidirectionalCounts));
            cliBidirectional.add(ffmpegNull(in, "-skip_frame", "bidir"));
            nonReference.add(skipping(in, Skip.NON_REFERENCE, nonReferenceCounts));
            full.add(skipping(in, Skip.NONE, new long[2]));
            today.add(grabber(in));
        }
        long frames = nonReferenceCounts[0] + nonReferenceCounts[1];
        System.out.printf(Locale.ROOT, "%d frames; non-reference skipped: %d decoded, %d skipped (%.0f %%); "
                        + "B-frames skipped: %d decoded, %d skipped (%.0f %%)%n", frames, nonReferenceCounts[0],
                nonReferenceCounts[1], 100.0 * nonReferenceCounts[1] / frames, bidirectionalCounts[0],
                bidirectionalCounts[1], 100.0 * bidirectionalCounts[1] / frames);
        for (Side side : List.of(cli, cliBidirectional, full, nonReference, bidirectional, today)) {
            System.out.printf(Locale.ROOT, "%s, %.0f fps at the median%n", side.wall().summary(),
                    frames / side.wall().median());
            System.out.println("  " + side.cpu().summary());
        }
        for (Side side : List.of(bidirectional, cliBidirectional, nonReference, full, today)) {
            System.out.println(side.wall().ratioTo(cli.wall()));
            System.out.println("  " + side.cpu().ratioTo(cli.cpu()));
        }
        System.out.println(bidirectional.wall().ratioTo(cliBidirectional.wall()));
        System.out.println("  " + bidirectional.cpu().ratioTo(cliBidirectional.cpu()));
        System.out.println(bidirectional.wall().ratioTo(full.wall()));
        System.out.println(nonReference.wall().ratioTo(full.wall()));
        fillCost(in, frames, Skip.NON_REFERENCE);
        fillCost(in, frames, Skip.BIDIRECTIONAL);
        long started = System.nanoTime();
        boolean exact = SkippingDecoder.bidirectionalExact(in, 100);
        System.out.printf(Locale.ROOT, "bidirectionalExact over the first 100 frames: %s in %.2f s%n", exact,
                (System.nanoTime() - started) / 1e9);
    }

    /** Every gap filled, each fill timed alone: what one gap costs, and the whole pass with all filled. */
    private static void fillCost(Path in, long frames, Skip skip) throws Exception {
        List<Double> perGap = new ArrayList<>();
        long filled = 0;
        long started = System.nanoTime();
        try (SkippingDecoder decoder = SkippingDecoder.open(in, skip, true, 0)) {
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
        System.out.printf(Locale.ROOT, "%s, fill one gap: median %.2f ms, min %.2f ms, max %.2f ms over %d gaps "
                        + "(%.2f frames a gap); every gap filled: %.2f s for the whole file (%.0f fps)%n",
                skip, perGap.get(perGap.size() / 2), perGap.get(0), perGap.get(perGap.size() - 1), perGap.size(),
                (double) filled / perGap.size(), total, frames / total);
    }
}
