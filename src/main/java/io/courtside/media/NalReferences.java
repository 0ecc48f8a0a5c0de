package io.courtside.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;

import java.nio.ByteBuffer;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;

/**
 * Tells from a packet's first slice NAL header, before it is decoded, whether it holds a frame no other frame refers
 * to: H.264's nal_ref_idc 0, HEVC's sub-layer non-reference slice types (TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N,
 * the reserved N types), the frames FFmpeg's {@code skip_frame=noref} leaves out. All slices of a picture carry the
 * same value, so the first one is read. NAL units are length-prefixed (MP4, Matroska: the size of the prefix is in
 * the stream's avcC/hvcC header) or behind start codes (MPEG-TS). Other codecs, and packets it cannot read, count as
 * references: the safe answer, since a reference is what ends a gap.
 */
final class NalReferences {

    private static final int H264_SLICE = 1;
    private static final int H264_IDR_SLICE = 5;
    private static final int H264_B_SLICE = 1; // slice_type 1 or 6
    private static final int HEVC_FIRST_NON_VCL = 32;
    private static final int HEVC_LAST_RESERVED_NON_REFERENCE = 14;

    private final boolean hevc;
    private final boolean known;
    private final int lengthSize; // 0: start codes

    private NalReferences(boolean known, boolean hevc, int lengthSize) {
        this.known = known;
        this.hevc = hevc;
        this.lengthSize = lengthSize;
    }

    static NalReferences of(AVCodecParameters parameters) {
        int codec = parameters.codec_id();
        if (codec != AV_CODEC_ID_H264 && codec != AV_CODEC_ID_HEVC) {
            return new NalReferences(false, false, 0);
        }
        boolean hevc = codec == AV_CODEC_ID_HEVC;
        int size = parameters.extradata_size();
        int lengthSize = 0;
        if (size > 0 && (parameters.extradata().get(0) & 0xff) == 1) { // avcC / hvcC: length-prefixed units
            int at = hevc ? 21 : 4;
            if (size <= at) {
                return new NalReferences(false, hevc, 0);
            }
            lengthSize = (parameters.extradata().get(at) & 3) + 1;
        }
        return new NalReferences(true, hevc, lengthSize);
    }

    /** True when {@code packet} certainly holds a non-reference frame. */
    boolean nonReference(AVPacket packet) {
        ByteBuffer data = dataOf(packet);
        int at = data == null ? -1 : firstSlice(data);
        return at >= 0 && slice(data.get(at) & 0xff);
    }

    /** True for H.264 only: whether {@code packet} certainly holds a B-frame (its first slice's slice_type is B). */
    boolean bidirectional(AVPacket packet) {
        ByteBuffer data = hevc ? null : dataOf(packet);
        int at = data == null ? -1 : firstSlice(data);
        if (at < 0) {
            return false;
        }
        SliceBits bits = new SliceBits(data, at + 1);
        bits.unsignedExpGolomb(); // first_mb_in_slice
        long sliceType = bits.unsignedExpGolomb();
        return sliceType >= 0 && sliceType % 5 == H264_B_SLICE;
    }

    /** Whether B-frames can be told apart in this stream ({@link #bidirectional}): H.264 only. */
    boolean tellsBidirectional() {
        return known && !hevc;
    }

    private ByteBuffer dataOf(AVPacket packet) {
        if (!known || packet.size() <= 0 || packet.data() == null) {
            return null;
        }
        return packet.data().capacity(packet.size()).asByteBuffer();
    }

    /** Where the first slice NAL unit's header byte is, or -1. */
    private int firstSlice(ByteBuffer data) {
        return lengthSize > 0 ? firstSlicePrefixed(data) : firstSliceAnnexB(data);
    }

    private int firstSlicePrefixed(ByteBuffer data) {
        int at = 0;
        while (at + lengthSize < data.limit()) {
            long length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = length << 8 | (data.get(at + i) & 0xff);
            }
            if (isSlice(data.get(at + lengthSize) & 0xff)) {
                return at + lengthSize;
            }
            at += lengthSize + (int) Math.min(length, Integer.MAX_VALUE - at - lengthSize);
        }
        return -1;
    }

    private int firstSliceAnnexB(ByteBuffer data) {
        for (int at = 0; at + 3 < data.limit(); at++) {
            if (data.get(at) == 0 && data.get(at + 1) == 0 && data.get(at + 2) == 1) {
                if (isSlice(data.get(at + 3) & 0xff)) {
                    return at + 3;
                }
                at += 2;
            }
        }
        return -1;
    }

    private boolean isSlice(int header) {
        if (hevc) {
            return (header >> 1 & 0x3f) < HEVC_FIRST_NON_VCL;
        }
        int type = header & 0x1f;
        return type == H264_SLICE || type == H264_IDR_SLICE;
    }

    /** For a slice's NAL header byte: whether its picture is a non-reference one. */
    private boolean slice(int header) {
        if (hevc) {
            int type = header >> 1 & 0x3f;
            return type <= HEVC_LAST_RESERVED_NON_REFERENCE && type % 2 == 0;
        }
        return (header >> 5 & 3) == 0;
    }

    /** The RBSP bits of a NAL unit from {@code at}, emulation prevention bytes (00 00 03) left out. */
    private static final class SliceBits {
        private final ByteBuffer data;
        private int at;
        private int bit = 8;
        private int current;
        private int zeros;

        SliceBits(ByteBuffer data, int at) {
            this.data = data;
            this.at = at;
        }

        /** The next bit, or -1 past the end. */
        private int bit() {
            if (bit == 8) {
                if (at >= data.limit()) {
                    return -1;
                }
                current = data.get(at++) & 0xff;
                if (zeros >= 2 && current == 3) {
                    zeros = 0;
                    if (at >= data.limit()) {
                        return -1;
                    }
                    current = data.get(at++) & 0xff;
                }
                zeros = current == 0 ? zeros + 1 : 0;
                bit = 0;
            }
            return current >> (7 - bit++) & 1;
        }

        /** ue(v), or -1 when the data ends or the code is longer than any slice header field. */
        long unsignedExpGolomb() {
            int leadingZeros = 0;
            int b;
            while ((b = bit()) == 0) {
                if (++leadingZeros > 31) {
                    return -1;
                }
            }
            if (b < 0) {
                return -1;
            }
            long value = 1;
            for (int i = 0; i < leadingZeros; i++) {
                int next = bit();
                if (next < 0) {
                    return -1;
                }
                value = value << 1 | next;
            }
            return value - 1;
        }
    }
}
