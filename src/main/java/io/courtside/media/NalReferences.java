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
        if (!known || packet.size() <= 0 || packet.data() == null) {
            return false;
        }
        ByteBuffer data = packet.data().capacity(packet.size()).asByteBuffer();
        return lengthSize > 0 ? nonReferencePrefixed(data) : nonReferenceAnnexB(data);
    }

    private boolean nonReferencePrefixed(ByteBuffer data) {
        int at = 0;
        while (at + lengthSize < data.limit()) {
            long length = 0;
            for (int i = 0; i < lengthSize; i++) {
                length = length << 8 | (data.get(at + i) & 0xff);
            }
            int header = data.get(at + lengthSize) & 0xff;
            Boolean answer = slice(header);
            if (answer != null) {
                return answer;
            }
            at += lengthSize + (int) Math.min(length, Integer.MAX_VALUE - at - lengthSize);
        }
        return false;
    }

    private boolean nonReferenceAnnexB(ByteBuffer data) {
        for (int at = 0; at + 3 < data.limit(); at++) {
            if (data.get(at) == 0 && data.get(at + 1) == 0 && data.get(at + 2) == 1) {
                Boolean answer = slice(data.get(at + 3) & 0xff);
                if (answer != null) {
                    return answer;
                }
                at += 2;
            }
        }
        return false;
    }

    /** For a slice's NAL header byte: whether its picture is a non-reference one; null for other NAL units. */
    private Boolean slice(int header) {
        if (hevc) {
            int type = header >> 1 & 0x3f;
            if (type >= HEVC_FIRST_NON_VCL) {
                return null;
            }
            return type <= HEVC_LAST_RESERVED_NON_REFERENCE && type % 2 == 0;
        }
        int type = header & 0x1f;
        if (type != H264_SLICE && type != H264_IDR_SLICE) {
            return null;
        }
        return (header >> 5 & 3) == 0;
    }
}
