package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;

/**
 * A range's first frame after its seek gets the count of the frames shown before it. Counted from the MP4's index
 * (the packets of the last few samples read) it is the count of every packet read from the start, on the inputs
 * that make counting hard: x264 with B-frames (packets decoded before they are shown), timestamps jittered by more
 * than half a frame either way near the split game's borders, a slot skipped (from 20 s on every frame a frame
 * later), and loop points (the input copied three times, no re-encoding, as the e2e bench makes its long games).
 * Containers without a complete index (Matroska, fragmented MP4) are counted by reading their packets.
 */
class FramesBeforeTest {

    @TempDir
    Path dir;

    /** A video packet: decoding and presentation time (its decoding time if it has none), in the stream's time base. */
    private record Packet(long dts, long pts) {
    }

    @Test
    void theIndexCountsAsEveryPacketReadFromTheStart() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        Path game = truth.file();
        Path jittered = SplitAnalysisTest.shiftTimestamps(game, dir.resolve("jittered.mp4"), Map.of(8.92, -0.6, 9.0,
                -0.7, 9.12, 0.55, 17.92, 0.7, 18.08, -0.65, 27.04, -0.8, 32.0, 0.6));
        Path skipped = SplitAnalysisTest.shiftTimestamps(game, dir.resolve("skipped.mp4"), 20.0, 1.0);
        Path looped = Remuxes.looped(game, dir.resolve("looped.mp4"), 3);

        int reordered = 0;
        int offGrid = 0;
        Random random = new Random(13);
        for (Path input : List.of(game, jittered, skipped, looped)) {
            List<Packet> packets = videoPackets(input);
            double fps;
            double tick;
            int stream;
            try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(input.toFile())) {
                probe.start();
                fps = probe.getVideoFrameRate();
                stream = probe.getVideoStream();
                AVStream st = probe.getFormatContext().streams(stream);
                tick = st.time_base().num() / (double) st.time_base().den();
            }
            // What makes counting hard is in the input (else the comparison proves little).
            for (int i = 1; i < packets.size(); i++) {
                if (packets.get(i).pts() < packets.get(i - 1).pts()) {
                    reordered++;
                }
            }
            TreeSet<Long> times = new TreeSet<>();
            for (int i = 0; i < packets.size(); i++) {
                long pts = packets.get(i).pts();
                // every key frame's neighbourhood and every 9th frame, one tick either side too, and random times
                if (i % 9 == 0 || i % 250 < 2) {
                    times.add(pts);
                    times.add(pts - 1);
                    times.add(pts + 1);
                }
            }
            long last = packets.stream().mapToLong(Packet::pts).max().orElseThrow();
            for (int i = 0; i < 12; i++) {
                times.add((long) (random.nextDouble() * (last + 1000)));
            }
            for (long pts : times) {
                int count = shownBefore(packets, pts);
                assertThat(FramesBefore.fromIndex(input, stream, pts)).as("%s at pts %d", input.getFileName(), pts)
                        .isEqualTo(count);
                if (count != Math.round(Math.ceil(pts * tick * fps - 1e-6))) {
                    offGrid++; // a count the timestamp does not tell
                }
            }
            // the rule written out above is the packet walk's
            for (int i = 0; i < 4; i++) {
                long pts = times.stream().skip(random.nextInt(times.size())).findFirst().orElseThrow();
                assertThat(FramesBefore.byWalk(input, stream, pts)).isEqualTo(shownBefore(packets, pts));
            }
        }
        assertThat(reordered).as("packets decoded before frames shown earlier (B-frames)").isGreaterThan(100);
        assertThat(offGrid).as("times whose count their timestamp does not give (jitter, skip, loop points)")
                .isGreaterThan(50);
    }

    @Test
    void containersWithoutACompleteIndexAreWalked() throws Exception {
        Path game = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4")).file();
        Path matroska = Remuxes.ffmpeg(dir.resolve("game.mkv"), "-i", game.toString(), "-map", "0", "-c", "copy");
        Path fragmented = Remuxes.ffmpeg(dir.resolve("fragmented.mp4"), "-i", game.toString(), "-map", "0", "-c", "copy",
                "-movflags", "frag_keyframe+empty_moov");
        for (Path input : List.of(matroska, fragmented)) {
            List<Packet> packets = videoPackets(input);
            long pts = packets.get(packets.size() * 2 / 3).pts();
            int stream = videoStream(input);
            assertThat(FramesBefore.fromIndex(input, stream, pts)).as(input.getFileName().toString()).isEqualTo(-1);
            assertThat(FramesBefore.count(input, stream, pts)).isEqualTo(shownBefore(packets, pts))
                    .isGreaterThan(packets.size() / 2);
        }
    }

    /**
     * The time of a late range's count on a long input, read from the start and from the index, alternately:
     * {@code -Dcourtside.frames-before.input=FILE} (an MP4; the e2e bench's 20-minute input, for one) and
     * {@code -Dcourtside.frames-before.at=SECONDS} (default: 30 s before its end).
     */
    @Test
    @EnabledIfSystemProperty(named = "courtside.frames-before.input", matches = ".+")
    void aLateRangeOfALongInputIsCountedWithoutReadingTheFileBeforeIt() throws Exception {
        Path input = Path.of(System.getProperty("courtside.frames-before.input"));
        long pts;
        int stream;
        try (FFmpegFrameGrabber probe = new FFmpegFrameGrabber(input.toFile())) {
            probe.start();
            stream = probe.getVideoStream();
            AVStream st = probe.getFormatContext().streams(stream);
            double duration = probe.getLengthInTime() / 1e6;
            double at = Double.parseDouble(System.getProperty("courtside.frames-before.at",
                    String.valueOf(duration - 30)));
            pts = Math.round(at * st.time_base().den() / (double) st.time_base().num());
        }
        long walkBest = Long.MAX_VALUE;
        long indexBest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            int walked = FramesBefore.byWalk(input, stream, pts);
            long t1 = System.nanoTime();
            int indexed = FramesBefore.fromIndex(input, stream, pts);
            long t2 = System.nanoTime();
            assertThat(indexed).isEqualTo(walked);
            walkBest = Math.min(walkBest, t1 - t0);
            indexBest = Math.min(indexBest, t2 - t1);
            System.out.printf("FRAMES-BEFORE %s pts %d: %d frames; walk %.1f ms, index %.1f ms%n",
                    input.getFileName(), pts, walked, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        System.out.printf("FRAMES-BEFORE %s (%d MB): best walk %.1f ms, best index %.1f ms%n", input.getFileName(),
                Files.size(input) >> 20, walkBest / 1e6, indexBest / 1e6);
    }

    /** The packet walk's rule on the packets in decoding order: shown before {@code pts}, up to the first past it. */
    private static int shownBefore(List<Packet> packets, long pts) {
        int count = 0;
        for (Packet packet : packets) {
            if (packet.dts() != AV_NOPTS_VALUE && packet.dts() >= pts && packet.pts() >= pts) {
                break;
            }
            if (packet.pts() < pts) {
                count++;
            }
        }
        return count;
    }

    private static List<Packet> videoPackets(Path input) throws Exception {
        List<Packet> packets = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.toFile())) {
            grabber.start();
            int stream = grabber.getVideoStream();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == stream) {
                    long shown = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                    packets.add(new Packet(packet.dts(), shown));
                }
                av_packet_unref(packet);
            }
        }
        return packets;
    }

    private static int videoStream(Path input) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.toFile())) {
            grabber.start();
            return grabber.getVideoStream();
        }
    }
}
