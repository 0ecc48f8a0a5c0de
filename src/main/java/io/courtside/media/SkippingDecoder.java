package io.courtside.media;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_BIDIR;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_DEFAULT;
import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_NONREF;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_DISCARD;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_default_get_buffer2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_ref;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_unref;
import static org.bytedeco.ffmpeg.global.avutil.av_image_get_linesize;
import static org.bytedeco.ffmpeg.global.avutil.av_pix_fmt_desc_get;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongPredicate;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.avutil.AVPixFmtDescriptor;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes a file's video with FFmpeg's non-reference frames skipped ({@code skip_frame=noref}; or every B-frame,
 * {@link Skip#BIDIRECTIONAL}) and hands the decoded pictures over in display order, each with its exact frame index
 * (its rank among all the stream's frames, skipped ones counted) and pts, and the indexes of the frames skipped since
 * the picture before it (its gap). Until {@link #next()} is called again, {@link #fillGap} decodes exactly the frames
 * of that gap from their kept packets: the pictures a full decode gives at those indexes, bit for bit, without going
 * back to a key frame.
 *
 * <p>Why that is exact: FFmpeg's H.264 and HEVC decoders drop a skipped non-reference frame before it touches the
 * decoder's state (its slice header is read, nothing is stored), so the state after it is the state before it, and
 * decoding its packet later gives the same picture as long as no reference frame was decoded in between. So the
 * skipped packets since the last reference are kept, and before the next packet is sent every kept packet is either
 * in the gap handed over (the caller decides now) or, when its gap cannot be closed yet (a reference it lies before
 * in display order is not decoded yet, which common encoders never do), decoded at once and kept as a picture.
 *
 * <p>Why the pictures are taken as they are decoded, not from {@code avcodec_receive_frame}: the decoder hands a
 * picture out only after its reorder delay, several references later, when the kept packets could no longer be
 * decoded exactly. The buffer the decoder allocates for each picture ({@code get_buffer2}) is referenced, and its
 * picture is complete once the packet's {@code avcodec_send_packet} and the draining after it return: decoding runs
 * on the calling thread (slice threads only; frame threads would finish pictures later). The display order comes
 * from the packets' pts, read ahead of the decoder ({@link #LOOKAHEAD_PACKETS} packets: demuxing costs little).
 *
 * <p>One per thread, in try-with-resources; opens only a local file, through the demuxers and decoders
 * {@link MediaInputs} allows. A frame handed over stays valid until the next call of {@link #next()} or
 * {@link #close()}.
 */
public final class SkippingDecoder implements AutoCloseable {

    /** How far the demuxer reads ahead of the decoder: more than any stream's frame reordering (16 at most). */
    static final int LOOKAHEAD_PACKETS = 32;

    /** FFmpeg's FF_THREAD_SLICE: slices decoded in parallel inside one call, pictures complete when it returns. */
    private static final int SLICE_THREADS = 2;

    /** What the decoder is asked to skip. */
    public enum Skip {
        /** Nothing: a full decode, the reference to compare with. */
        NONE,
        /** Frames no other frame refers to, kept for {@link #fillGap}. */
        NON_REFERENCE,
        /**
         * Every B-frame ({@code skip_frame=bidir}), the referenced ones of a B-pyramid too, and every non-reference
         * frame, kept for {@link #fillGap}; H.264 only. FFmpeg drops a B-frame's slices before they touch the
         * decoder's state (h264_slice.c, h264_slice_header_parse), as it drops non-reference frames; a referenced B
         * left out becomes, at the next P-frame, a frame_num gap that the decoder fills with a copy of the reference
         * before it (h264_field_start), in the same place of the reference list as the B would have had. So the I
         * and P pictures are a full decode's only when no P-frame refers to a B-frame: x264's {@code b-pyramid=strict}
         * or {@code none}, or one reference frame; not its default ({@code normal} with 2 references or more).
         * {@link #bidirectionalExact} checks a stream's first frames. A gap filled is exact: its referenced B is
         * decoded first, from its kept packet, before the P-frame after it enters the decoder.
         */
        BIDIRECTIONAL
    }

    /** A decoded picture handed over: valid until the next {@link #next()}; {@code skippedBefore} is its gap. */
    public record Picture(AVFrame frame, long index, long pts, long[] skippedBefore) {
    }

    /** Receives the filled-in pictures of a gap, in display order; the frame is valid during the call only. */
    @FunctionalInterface
    public interface FilledPicture {
        void accept(AVFrame frame, long index, long pts);
    }

    /** One packet of the stream once sent: its picture when decoded, its packet when skipped. */
    private static final class Sent {
        final long pts;
        final long order;       // decode order, to fill a gap in the order its packets came
        final boolean hidden;   // the container says: decode, do not show (AV_PKT_FLAG_DISCARD)
        boolean skipped;        // the skipping pass did not decode it (its gap's frame)
        long index;
        AVFrame picture;        // decoded, or filled before its gap could be handed over
        AVPacket packet;        // skipped and kept

        Sent(long pts, long order, boolean hidden) {
            this.pts = pts;
            this.order = order;
            this.hidden = hidden;
        }

        void release() {
            if (picture != null) {
                av_frame_free(picture);
                picture = null;
            }
            if (packet != null) {
                av_packet_free(packet);
                packet = null;
            }
        }
    }

    private final Path file;
    private final Skip skip;
    private AVFormatContext format;
    private AVCodecContext decoder;
    private final int streamIndex;
    private final int codecId;
    private final AVRational timeBase;
    private final PeekedPictures peeked = new PeekedPictures();
    private final NalReferences references;
    private final AVFrame output = av_frame_alloc();
    private final Deque<AVPacket> ahead = new ArrayDeque<>();
    private final TreeSet<Sent> sent = new TreeSet<>(Comparator.<Sent>comparingLong(s -> s.pts)
            .thenComparingLong(s -> s.order)); // in display order: what was sent and not yet handed over
    private final List<Sent> gap = new ArrayList<>();        // skipped frames of the picture handed over last
    private final List<Sent> passed = new ArrayList<>();     // skipped since the last picture, not yet handed over
    private Sent current;
    private long nextIndex;
    private long sentCount;
    private boolean endOfFile;
    private boolean flushed;
    private long decodedFrames;
    private long skippedFrames;
    private long filledFrames;

    private SkippingDecoder(Path file, Skip skip, boolean skipLoopFilter, int threads) throws IOException {
        this.file = file;
        this.skip = skip;
        AVFormatContext opened = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "protocol_whitelist", "file", 0);
        av_dict_set(options, "format_whitelist", MediaInputs.formatWhitelist(), 0);
        av_dict_set(options, "codec_whitelist", MediaInputs.codecWhitelist(), 0);
        int result = avformat_open_input(opened, MediaInputs.url(file), null, options);
        av_dict_free(options);
        check(result, "open");
        format = opened;
        check(avformat_find_stream_info(format, (PointerPointer<?>) null), "read the streams of");
        streamIndex = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, (PointerPointer<?>) null, 0);
        check(streamIndex, "find a video stream in");
        AVStream stream = format.streams(streamIndex);
        timeBase = stream.time_base();
        AVCodecParameters parameters = stream.codecpar();
        codecId = parameters.codec_id();
        AVCodec codec = avcodec_find_decoder(parameters.codec_id());
        if (codec == null || !MediaInputs.codecAllowed(codec.name().getString())) {
            throw new IOException("No allowed decoder for the video of " + file.getFileName());
        }
        references = NalReferences.of(parameters);
        if (skip == Skip.BIDIRECTIONAL && parameters.codec_id() != AV_CODEC_ID_H264) {
            throw new IOException("The video of " + file.getFileName() + " is " + codec.name().getString()
                    + ": B-frames are skipped only in H.264 (with x265's B-pyramid, FFmpeg's HEVC decoder drops"
                    + " the P-frames referring to a skipped B-frame)");
        }
        decoder = avcodec_alloc_context3(codec);
        check(avcodec_parameters_to_context(decoder, parameters), "read the video parameters of");
        decoder.pkt_timebase(timeBase);
        decoder.thread_type(SLICE_THREADS);
        decoder.thread_count(threads);
        decoder.skip_frame(discard());
        if (skipLoopFilter) {
            decoder.skip_loop_filter(AVDISCARD_ALL);
        }
        decoder.get_buffer2(peeked);
        AVDictionary codecOptions = new AVDictionary(null);
        av_dict_set(codecOptions, "codec_whitelist", MediaInputs.codecWhitelist(), 0);
        result = avcodec_open2(decoder, codec, codecOptions);
        av_dict_free(codecOptions);
        check(result, "open the video decoder of");
    }

    /**
     * Opens {@code file}'s video for decoding.
     *
     * @param threads        slice threads (0: as many as FFmpeg chooses); frames are never decoded in parallel
     * @param skipLoopFilter leave out the deblocking filter, as the analysis pass does
     */
    public static SkippingDecoder open(Path file, Skip skip, boolean skipLoopFilter, int threads) throws IOException {
        return new SkippingDecoder(file, skip, skipLoopFilter, threads);
    }

    /** The width of the pictures (the cropped picture, not the coded one). */
    public int width() {
        return decoder.width();
    }

    public int height() {
        return decoder.height();
    }

    /** The time base of the pts handed over. */
    public AVRational timeBase() {
        return timeBase;
    }

    /** The index of the video stream among the file's streams. */
    public int streamIndex() {
        return streamIndex;
    }

    /**
     * Goes to the key frame at or before {@code pts} (in {@link #timeBase()}): the next picture is decoded from there,
     * and indexes count again from 0 at the first frame shown after the seek (the caller knows how many frames are
     * shown before it, see analysis.FramesBefore). Pictures and gaps handed over before can no longer be used.
     */
    public void seek(long pts) throws IOException {
        dropQueued();
        check(av_seek_frame(format, streamIndex, pts, AVSEEK_FLAG_BACKWARD), "seek in");
        avcodec_flush_buffers(decoder);
        AVFrame left = peeked.take();
        if (left != null) {
            av_frame_free(left);
        }
        endOfFile = false;
        flushed = false;
        nextIndex = 0;
    }

    /**
     * Whether skipping every B-frame leaves the I and P pictures of {@code file}'s first {@code frames} frames as a
     * full decode gives them, bit for bit: false when a P-frame refers to a B-frame (x264's default B-pyramid with
     * 2 references or more), which no header field says short of following every slice's reference lists. Costs a
     * full and a skipping decode of those frames; an encoder that changes its settings later in the stream is not
     * seen. False at once for a video other than H.264 ({@link Skip#BIDIRECTIONAL} refuses it).
     */
    public static boolean bidirectionalExact(Path file, int frames) throws IOException {
        try (SkippingDecoder full = open(file, Skip.NONE, false, 0)) {
            if (full.codecId != AV_CODEC_ID_H264) {
                return false;
            }
            return bidirectionalExact(file, full, frames);
        }
    }

    private static boolean bidirectionalExact(Path file, SkippingDecoder full, int frames) throws IOException {
        try (SkippingDecoder skipping = open(file, Skip.BIDIRECTIONAL, false, 0)) {
            Picture kept;
            while ((kept = skipping.next()) != null && kept.index() < frames) {
                Picture reference;
                do {
                    reference = full.next();
                } while (reference != null && reference.index() < kept.index());
                if (reference == null || reference.index() != kept.index()
                        || !samePicture(reference.frame(), kept.frame())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The visible pixels of every plane equal (same format and size). */
    static boolean samePicture(AVFrame a, AVFrame b) {
        if (a.format() != b.format() || a.width() != b.width() || a.height() != b.height()) {
            return false;
        }
        AVPixFmtDescriptor format = av_pix_fmt_desc_get(a.format());
        for (int plane = 0; plane < format.nb_components() && a.data(plane) != null; plane++) {
            int bytes = av_image_get_linesize(a.format(), a.width(), plane);
            int rows = plane == 0 || plane == 3 ? a.height() : -((-a.height()) >> format.log2_chroma_h());
            for (int y = 0; y < rows; y++) {
                ByteBuffer rowA = a.data(plane).position((long) y * a.linesize(plane)).limit(
                        (long) y * a.linesize(plane) + bytes).asByteBuffer();
                ByteBuffer rowB = b.data(plane).position((long) y * b.linesize(plane)).limit(
                        (long) y * b.linesize(plane) + bytes).asByteBuffer();
                if (!rowA.equals(rowB)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Frames decoded so far by the skipping pass itself, skipped, and decoded again to fill gaps. */
    public long decodedFrames() {
        return decodedFrames;
    }

    public long skippedFrames() {
        return skippedFrames;
    }

    public long filledFrames() {
        return filledFrames;
    }

    /**
     * The next decoded picture in display order, or null after the last. The gap of the picture handed over before
     * can no longer be filled.
     */
    public Picture next() throws IOException {
        dropHandedOver();
        while (true) {
            Sent first = sent.isEmpty() ? null : sent.first();
            if (first != null && shownBeforeAnythingAhead(first.pts)) {
                sent.pollFirst();
                if (first.hidden) {
                    first.release();
                } else if (first.skipped || first.picture == null) {
                    // skipped, or a damaged packet that gave no picture: a frame of the next picture's gap
                    first.index = nextIndex++;
                    passed.add(first);
                } else {
                    first.index = nextIndex++;
                    current = first;
                    gap.addAll(passed);
                    passed.clear();
                    return new Picture(first.picture, first.index, first.pts,
                            gap.stream().mapToLong(s -> s.index).toArray());
                }
                continue;
            }
            if (!sendNext()) {
                dropPassed();
                return null;
            }
        }
    }

    /**
     * Decodes the frames skipped just before the picture {@link #next()} handed over last (its
     * {@code skippedBefore}), exactly as a full decode gives them, and hands each to {@code sink} in display order.
     *
     * @return how many pictures were handed to {@code sink}
     */
    public int fillGap(FilledPicture sink) throws IOException {
        return fillGap(index -> true, sink);
    }

    /**
     * As {@link #fillGap(FilledPicture)}, decoding only the frames of the gap that {@code wanted} names (by index)
     * and the reference frames among them (a referenced B-frame of a pyramid, which the others may refer to); the
     * non-reference frames not wanted stay undecoded. Every frame decoded is handed to {@code sink}, wanted or not,
     * in display order; exact as the whole gap is (a non-reference frame left out changes no decoder state).
     *
     * @return how many pictures were handed to {@code sink}
     */
    public int fillGap(LongPredicate wanted, FilledPicture sink) throws IOException {
        if (current == null) {
            throw new IllegalStateException("No picture handed over: call next() first");
        }
        // Decode order first (the decoder's state must follow the stream's), then handed over in display order.
        List<Sent> byOrder = new ArrayList<>(gap);
        byOrder.sort(Comparator.comparingLong(s -> s.order));
        for (Sent skipped : byOrder) {
            if (skipped.packet != null && !wanted.test(skipped.index) && references.nonReference(skipped.packet)) {
                continue;
            }
            decodeKept(skipped);
        }
        int handed = 0;
        for (Sent skipped : gap) {
            if (skipped.picture != null) {
                sink.accept(skipped.picture, skipped.index, skipped.pts);
                handed++;
            }
        }
        return handed;
    }

    /** FFmpeg's skip_frame for {@link #skip}. */
    private int discard() {
        return switch (skip) {
            case NONE -> AVDISCARD_DEFAULT;
            case NON_REFERENCE -> AVDISCARD_NONREF;
            case BIDIRECTIONAL -> AVDISCARD_BIDIR;
        };
    }

    /** Decodes a kept packet now, the decoder's state being that of just after it (no reference since). */
    private void decodeKept(Sent skipped) throws IOException {
        if (skipped.packet == null) {
            return; // already decoded: filled before, or decoded ahead of its gap
        }
        decoder.skip_frame(AVDISCARD_DEFAULT);
        try {
            skipped.picture = decode(skipped.packet);
        } finally {
            decoder.skip_frame(discard());
        }
        av_packet_free(skipped.packet);
        skipped.packet = null;
        if (skipped.picture != null) {
            filledFrames++;
        }
    }

    /** True when no packet still to be sent is shown before {@code pts}. */
    private boolean shownBeforeAnythingAhead(long pts) throws IOException {
        readAhead();
        for (AVPacket packet : ahead) {
            if (ptsOf(packet) < pts) {
                return false;
            }
        }
        return true;
    }

    private void readAhead() throws IOException {
        while (!endOfFile && ahead.size() < LOOKAHEAD_PACKETS) {
            AVPacket packet = av_packet_alloc();
            int result = av_read_frame(format, packet);
            if (result == AVERROR_EOF) {
                av_packet_free(packet);
                endOfFile = true;
            } else if (result < 0) {
                av_packet_free(packet);
                check(result, "read");
            } else if (packet.stream_index() != streamIndex) {
                av_packet_free(packet);
            } else {
                ahead.addLast(packet);
            }
        }
    }

    /** Sends the next packet; false when there is none left (the decoder is drained then). */
    private boolean sendNext() throws IOException {
        readAhead();
        AVPacket packet = ahead.pollFirst();
        if (packet == null) {
            if (!flushed) {
                flushed = true;
                drain(null);
            }
            return false;
        }
        // Skipped frames not yet handed over must be decoded before a reference is: their gap is still open. A
        // packet known to be a non-reference frame leaves the decoder's state as it is (it is skipped, or decoded
        // and forgotten), so the wait goes on past it. (Skipping B-frames, a referenced B would leave it too; but
        // x264 puts one referenced B in a gap, so no kept packet is waiting when one comes, and it is not asked.)
        if (!references.nonReference(packet)) {
            for (Sent skipped : waitingSkipped()) {
                decodeKept(skipped);
            }
        }
        Sent entry = new Sent(ptsOf(packet), sentCount++, (packet.flags() & AV_PKT_FLAG_DISCARD) != 0);
        entry.picture = decode(packet);
        if (entry.picture != null) {
            decodedFrames++;
            av_packet_free(packet);
        } else if (entry.hidden) {
            av_packet_free(packet);
        } else {
            skippedFrames++;
            entry.skipped = true;
            entry.packet = packet;
        }
        sent.add(entry);
        return true;
    }

    /** Skipped packets whose gap is not handed over yet (those in it, handed over, the caller fills or leaves). */
    private List<Sent> waitingSkipped() {
        List<Sent> waiting = new ArrayList<>();
        for (Sent s : passed) {
            if (s.packet != null) {
                waiting.add(s);
            }
        }
        for (Sent s : sent) {
            if (s.packet != null) {
                waiting.add(s);
            }
        }
        waiting.sort(Comparator.comparingLong(s -> s.order));
        return waiting;
    }

    /**
     * Sends {@code packet} (null: drain at the end) and reads every picture the decoder hands out, so the packet is
     * decoded when this returns; the picture allocated for it, or null when the decoder skipped it.
     */
    private AVFrame decode(AVPacket packet) throws IOException {
        peeked.start();
        int result = avcodec_send_packet(decoder, packet);
        if (result < 0 && result != AVERROR_EOF) {
            // A damaged packet: the decoder goes on with the next one, as FFmpeg's own tools do.
            drainOutputs();
            return peeked.take();
        }
        drainOutputs();
        return peeked.take();
    }

    private void drain(AVPacket packet) throws IOException {
        decode(packet);
        AVFrame late = peeked.take();
        if (late != null) {
            av_frame_free(late);
        }
    }

    /** The decoder's own output, in display order and late: only checked (the picture was taken as decoded). */
    private void drainOutputs() {
        while (true) {
            int result = avcodec_receive_frame(decoder, output);
            if (result == AVERROR_EAGAIN() || result == AVERROR_EOF || result < 0) {
                return;
            }
            // The pictures are handed over uncropped at the top left: a stream cropped there is refused.
            if (output.data(0).address() != output.buf(0).data().address()) {
                av_frame_unref(output);
                throw new IllegalStateException("The video of " + file.getFileName()
                        + " is cropped at its top or left, which the skipping decoder does not handle");
            }
            av_frame_unref(output);
        }
    }

    private long ptsOf(AVPacket packet) {
        return packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
    }

    private void dropHandedOver() {
        if (current != null) {
            current.release();
            current = null;
        }
        for (Sent s : gap) {
            s.release();
        }
        gap.clear();
    }

    private void dropPassed() {
        for (Sent s : passed) {
            s.release();
        }
        passed.clear();
    }

    private void check(int result, String what) throws IOException {
        if (result < 0) {
            byte[] message = new byte[256];
            av_strerror(result, message, message.length);
            throw new IOException("Could not " + what + " " + file.getFileName() + ": "
                    + new String(message).trim().replace("\0", ""));
        }
    }

    /** Frees every picture, gap and packet held for the caller or for decoding ahead (a seek or close drops them). */
    private void dropQueued() {
        dropHandedOver();
        dropPassed();
        sent.forEach(Sent::release);
        sent.clear();
        ahead.forEach(p -> av_packet_free(p));
        ahead.clear();
    }

    @Override
    public void close() {
        dropQueued();
        AVFrame left = peeked.take();
        if (left != null) {
            av_frame_free(left);
        }
        if (decoder != null) {
            avcodec_free_context(decoder);
            decoder = null;
        }
        if (format != null) {
            avformat_close_input(format);
            format = null;
        }
        av_frame_free(output);
        peeked.close();
    }

    /**
     * The decoder's buffer allocation, watched: the last picture allocated while one packet is decoded is that
     * packet's picture (H.264 may allocate stand-ins for missing frames first), referenced to be handed over as soon
     * as the packet is decoded.
     */
    private final class PeekedPictures extends AVCodecContext.Get_buffer2_AVCodecContext_AVFrame_int {
        private AVFrame last;

        void start() {
            if (last != null) {
                av_frame_free(last);
                last = null;
            }
        }

        AVFrame take() {
            AVFrame picture = last;
            last = null;
            if (picture != null) {
                // Allocated at the coded size (1088 lines for 1080p H.264): the picture is the cropped size.
                picture.width(decoder.width());
                picture.height(decoder.height());
            }
            return picture;
        }

        @Override
        public int call(AVCodecContext context, AVFrame frame, int flags) {
            int result = avcodec_default_get_buffer2(context, frame, flags);
            if (result >= 0) {
                if (last != null) {
                    av_frame_free(last);
                }
                last = av_frame_alloc();
                av_frame_ref(last, frame);
            }
            return result;
        }
    }
}
