package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_ANY;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entries_count;
import static org.bytedeco.ffmpeg.global.avformat.avformat_index_get_entry;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;

import java.nio.file.Path;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.courtside.media.MediaInputs;

/**
 * How many frames of a source's video stream are shown before a presentation time: the one pass's index of the frame
 * shown at that time, which a range of a split analysis gives the first frame it decodes after its seek. The one
 * pass counts frames in the order they are shown, so a frame's index is this count, not its timestamp times the
 * frame rate (timestamps jitter, and skip slots at a looped input's loop points).
 *
 * <p>The rule is the packets' (read, not decoded): every packet of the stream shown before the time counts, up to the
 * first packet that is both decoded and shown at or after it (no later packet can be shown before it). Read from the
 * start ({@link #byWalk}), that is all the I/O of the file up to the time: gigabytes for a late range of a long game,
 * again for each range. An MP4 holds every sample of the track in its sample table, which FFmpeg keeps as the
 * stream's index (decoding times, sizes, offsets) once the file is open: {@link #fromIndex} finds there the first
 * sample decoded at or after the time, and reads only the packets from {@value #REORDER_WINDOW} samples before it;
 * every sample before those is shown before the time (a decoder reorders at most 16 frames: H.264 and HEVC's
 * picture buffer). Sources without a complete index (other containers, fragmented MP4) are walked.
 */
final class FramesBefore {

    private static final Logger log = LoggerFactory.getLogger(FramesBefore.class);

    /** Samples before the first one decoded at or after the time whose packets are read (4x the deepest reorder). */
    static final int REORDER_WINDOW = 64;

    private FramesBefore() {
    }

    /** The frames of {@code video}'s stream {@code stream} shown before {@code pts} (in the stream's time base). */
    static int count(Path video, int stream, long pts) throws FrameGrabber.Exception {
        long started = System.nanoTime();
        int counted = fromIndex(video, stream, pts);
        boolean indexed = counted >= 0;
        if (!indexed) {
            counted = byWalk(video, stream, pts);
        }
        log.debug("{} frames shown before pts {} of {}, counted {} in {} ms", counted, pts, video.getFileName(),
                indexed ? "from the index" : "by reading every packet before it",
                (System.nanoTime() - started) / 1_000_000);
        return counted;
    }

    /**
     * The count from the container's index and the packets of the last {@value #REORDER_WINDOW} samples before the
     * time; -1 when the source has no complete index of the stream (not MP4, fragmented, no sample table) or the
     * seek lands on no sample of the index at or before those.
     */
    static int fromIndex(Path video, int stream, long pts) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber packets = MediaInputs.grabber(video)) {
            packets.start();
            AVFormatContext format = packets.getFormatContext();
            String demuxer = format.iformat() == null || format.iformat().name() == null ? ""
                    : format.iformat().name().getString();
            if (!demuxer.startsWith("mov,") || stream < 0 || stream >= format.nb_streams()) {
                return -1; // only the MP4 demuxer indexes every sample (Matroska's cues hold key frames only)
            }
            AVStream st = format.streams(stream);
            int entries = avformat_index_get_entries_count(st);
            if (entries <= 0 || st.nb_frames() != entries) {
                return -1; // no sample table, or a fragmented file whose index grows as its fragments are read
            }
            // The first sample decoded at or after pts (decoding times only grow in a sample table).
            int first = firstAtOrAfter(st, entries, pts);
            if (first < 0) {
                return -1;
            }
            int from = Math.max(0, first - REORDER_WINDOW);
            // FFmpeg's seek lands on the sample at or before the time less the track's composition shift, a few
            // samples before that one: which sample it is, the first packet's decoding time says.
            if (av_seek_frame(format, stream, avformat_index_get_entry(st, from).timestamp(),
                    AVSEEK_FLAG_ANY | AVSEEK_FLAG_BACKWARD) < 0) {
                return -1;
            }
            int count = -1;
            AVPacket packet;
            while ((packet = packets.grabPacket()) != null) {
                try {
                    if (packet.stream_index() != stream) {
                        continue;
                    }
                    if (count < 0) {
                        int landed = firstAtOrAfter(st, entries, packet.dts());
                        if (landed < 0 || landed > from || landed >= entries
                                || avformat_index_get_entry(st, landed).timestamp() != packet.dts()) {
                            log.debug("The seek to sample {} of {} read a packet at dts {}, no sample at or before it:"
                                    + " walked instead", from, video.getFileName(), packet.dts());
                            return -1;
                        }
                        count = landed; // every sample before it is shown before pts (see above)
                    }
                    if (reached(packet, pts)) {
                        break;
                    }
                    if (shownBefore(packet, pts)) {
                        count++;
                    }
                } finally {
                    av_packet_unref(packet);
                }
            }
            return count;
        }
    }

    /** A packet shown before {@code pts} (its pts, else its dts): a frame the one pass counts before the range. */
    private static boolean shownBefore(AVPacket packet, long pts) {
        return shown(packet) < pts;
    }

    /** The walk is done: this packet is decoded at or after {@code pts} and shown at or after it. */
    private static boolean reached(AVPacket packet, long pts) {
        return packet.dts() != AV_NOPTS_VALUE && packet.dts() >= pts && shown(packet) >= pts;
    }

    private static long shown(AVPacket packet) {
        return packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
    }

    /** The first of the stream's {@code entries} index entries decoded at or after {@code dts}; -1: an entry without. */
    private static int firstAtOrAfter(AVStream st, int entries, long dts) {
        int low = 0;
        int high = entries;
        while (low < high) {
            int mid = (low + high) >>> 1;
            long at = avformat_index_get_entry(st, mid).timestamp();
            if (at == AV_NOPTS_VALUE) {
                return -1;
            }
            if (at < dts) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The count from every packet of the file from its start (read, not decoded): any container. */
    static int byWalk(Path video, int stream, long pts) throws FrameGrabber.Exception {
        int count = 0;
        try (FFmpegFrameGrabber packets = MediaInputs.grabber(video)) {
            packets.start();
            AVPacket packet;
            while ((packet = packets.grabPacket()) != null) {
                try {
                    if (packet.stream_index() != stream) {
                        continue;
                    }
                    if (reached(packet, pts)) {
                        break;
                    }
                    if (shownBefore(packet, pts)) {
                        count++;
                    }
                } finally {
                    av_packet_unref(packet); // the grabber leaves each packet's buffer to its caller
                }
            }
        }
        return count;
    }
}
