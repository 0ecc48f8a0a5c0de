package io.courtside.media;

import static io.courtside.analysis.Remuxes.ffmpeg;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.LongPredicate;

import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.media.SkippingDecoder.Picture;
import io.courtside.media.SkippingDecoder.Skip;

/**
 * The skipping decoder on files made here with B-frames: the frames it skips are exactly the stream's
 * non-reference frames (read from the NAL headers, not from FFmpeg's decoder), every picture it hands over and
 * every frame it fills in is, bit for bit, the picture a full decode gives at that index, and filling some gaps and
 * not others changes no later picture.
 */
class SkippingDecoderTest {

    @TempDir
    static Path dir;

    /** H.264, B-pyramid (the middle B of three is a reference), a cut from testsrc2 to mandelbrot at frame 75. */
    static Path pyramid;
    /** H.264 without B-frames: every frame is a reference, nothing is skipped. */
    static Path noBFrames;
    /** H.264, two B-frames, none a reference, 320x180 (coded 192 lines: the decoder crops the bottom). */
    static Path cropped;
    /** HEVC, B-pyramid. */
    static Path hevc;

    static final int CUT = 75;

    @BeforeAll
    static void writeInputs() throws Exception {
        // A fixed B-frame pattern (no adaptive B decision, no scene-cut key frame): P at every 4th frame after a
        // key frame at 0 and 50, so frame 75 (the cut's first frame) is a non-reference B between P74 and B76.
        pyramid = ffmpeg(dir.resolve("pyramid.mp4"), "-filter_complex",
                "testsrc2=s=320x240:r=25:d=3,noise=alls=12:allf=t[a];mandelbrot=s=320x240:r=25,trim=end_frame=75,"
                        + "setpts=N/25/TB[b];[a][b]concat=n=2",
                "-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-pix_fmt", "yuv420p",
                "-x264-params", "b-pyramid=normal:b-adapt=0:keyint=50:min-keyint=50:scenecut=0");
        noBFrames = ffmpeg(dir.resolve("nob.mp4"), "-f", "lavfi", "-i",
                "testsrc2=s=320x240:r=25:d=2,noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "veryfast",
                "-bf", "0", "-pix_fmt", "yuv420p");
        cropped = ffmpeg(dir.resolve("cropped.mkv"), "-f", "lavfi", "-i",
                "mandelbrot=s=320x180:r=30,trim=end_frame=90,noise=alls=20:allf=t", "-c:v", "libx264",
                "-preset", "fast", "-bf", "2", "-pix_fmt", "yuv420p", "-x264-params", "b-pyramid=none:keyint=40");
        hevc = ffmpeg(dir.resolve("hevc.mp4"), "-f", "lavfi", "-i",
                "testsrc2=s=320x240:r=25:d=3,noise=alls=12:allf=t", "-c:v", "libx265", "-preset", "fast",
                "-pix_fmt", "yuv420p", "-x265-params", "bframes=3:b-pyramid=1:keyint=50:log-level=error");
    }

    /** Y, U and V of a 4:2:0 picture, the visible part only, tightly packed. */
    static byte[] planes(AVFrame picture) {
        int w = picture.width();
        int h = picture.height();
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        byte[] out = new byte[w * h + 2 * cw * ch];
        int at = 0;
        for (int plane = 0; plane < 3; plane++) {
            int pw = plane == 0 ? w : cw;
            int ph = plane == 0 ? h : ch;
            for (int y = 0; y < ph; y++) {
                picture.data(plane).position((long) y * picture.linesize(plane)).get(out, at, pw);
                at += pw;
            }
        }
        return out;
    }

    /** Every picture of a plain full decode by JavaCV's grabber (deblocking on), in display order. */
    static List<byte[]> fullDecode(Path file) throws Exception {
        List<byte[]> pictures = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(file)) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                pictures.add(planes((AVFrame) frame.opaque));
            }
        }
        return pictures;
    }

    /**
     * The display indexes of the stream's non-reference frames, read from its packets' NAL headers (length-prefixed
     * NAL units, as MP4 and Matroska store them): H.264's nal_ref_idc 0, HEVC's sub-layer non-reference types.
     */
    static SortedSet<Long> nonReferenceFrames(Path file, boolean isHevc) throws Exception {
        List<long[]> ptsAndNonRef = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(file)) {
            grabber.start();
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() != grabber.getVideoStream()) {
                    continue;
                }
                byte[] data = new byte[packet.size()];
                packet.data().get(data);
                boolean nonReference = true;
                for (int at = 0; at + 4 < data.length; ) {
                    int length = ByteBuffer.wrap(data, at, 4).getInt();
                    int header = data[at + 4] & 0xff;
                    if (isHevc) {
                        int type = header >> 1 & 0x3f;
                        if (type < 32 && (type > 14 || type % 2 == 1)) {
                            nonReference = false; // a VCL unit other than TRAIL_N, TSA_N, STSA_N, RADL_N, RASL_N...
                        }
                    } else if (((header & 0x1f) == 1 || (header & 0x1f) == 5) && (header >> 5 & 3) != 0) {
                        nonReference = false;
                    }
                    at += 4 + length;
                }
                ptsAndNonRef.add(new long[] {packet.pts(), nonReference ? 1 : 0});
            }
        }
        ptsAndNonRef.sort((a, b) -> Long.compare(a[0], b[0]));
        SortedSet<Long> indexes = new TreeSet<>();
        for (int i = 0; i < ptsAndNonRef.size(); i++) {
            if (ptsAndNonRef.get(i)[1] == 1) {
                indexes.add((long) i);
            }
        }
        return indexes;
    }

    /** What one pass of the skipping decoder gave: pictures by index, the skipped and the filled indexes. */
    record Pass(List<byte[]> byIndex, SortedSet<Long> skipped, SortedSet<Long> filled, long pictures) {
    }

    /** Decodes {@code file} with {@code skip}, filling the gaps {@code fill} names (by the picture's index). */
    static Pass decode(Path file, Skip skip, LongPredicate fill) throws Exception {
        List<byte[]> byIndex = new ArrayList<>();
        SortedSet<Long> skipped = new TreeSet<>();
        SortedSet<Long> filled = new TreeSet<>();
        long pictures = 0;
        try (SkippingDecoder decoder = SkippingDecoder.open(file, skip, false, 0)) {
            Picture picture;
            while ((picture = decoder.next()) != null) {
                put(byIndex, picture.index(), planes(picture.frame()));
                Arrays.stream(picture.skippedBefore()).forEach(skipped::add);
                pictures++;
                if (fill.test(picture.index())) {
                    decoder.fillGap((frame, index, pts) -> {
                        put(byIndex, index, planes(frame));
                        filled.add(index);
                    });
                }
            }
            assertThat(decoder.decodedFrames()).isEqualTo(pictures);
            assertThat(decoder.skippedFrames()).isEqualTo(skipped.size());
            // Decoded again: exactly the frames of the gaps asked for, none ahead of its gap.
            assertThat(decoder.filledFrames()).isEqualTo(filled.size());
        }
        return new Pass(byIndex, skipped, filled, pictures);
    }

    private static void put(List<byte[]> byIndex, long index, byte[] picture) {
        while (byIndex.size() <= index) {
            byIndex.add(null);
        }
        assertThat(byIndex.get((int) index)).as("frame %d handed over twice", index).isNull();
        byIndex.set((int) index, picture);
    }

    /** Every picture {@code pass} has is the full decode's at its index, bit for bit. */
    private static void assertSamePictures(Pass pass, List<byte[]> full) {
        assertThat(pass.byIndex().size()).isLessThanOrEqualTo(full.size());
        for (int i = 0; i < pass.byIndex().size(); i++) {
            if (pass.byIndex().get(i) != null) {
                assertThat(pass.byIndex().get(i)).as("frame %d", i).isEqualTo(full.get(i));
            }
        }
    }

    @Test
    void skipsExactlyTheNonReferenceFramesAndFillsThemInAsAFullDecode() throws Exception {
        List<byte[]> full = fullDecode(pyramid);
        SortedSet<Long> nonReference = nonReferenceFrames(pyramid, false);
        assertThat(full).hasSize(150);
        // b-pyramid: of three B-frames the middle one is a reference, so about half the frames are not.
        assertThat(nonReference).hasSizeBetween(60, 75).contains((long) CUT);

        Pass everyGap = decode(pyramid, Skip.NON_REFERENCE, index -> true);
        assertThat(everyGap.skipped()).isEqualTo(nonReference);
        assertThat(everyGap.filled()).isEqualTo(nonReference);
        assertThat(everyGap.pictures()).isEqualTo(150 - nonReference.size());
        assertThat(everyGap.byIndex()).hasSize(150).doesNotContainNull();
        assertSamePictures(everyGap, full);
    }

    @Test
    void fillingOneGapLeavesEveryOtherPictureAsItWas() throws Exception {
        List<byte[]> full = fullDecode(pyramid);
        // Only the gap at the cut (between P74 and B76, seen as a big change) is filled.
        Pass cutOnly = decode(pyramid, Skip.NON_REFERENCE, index -> index == CUT + 1);
        assertThat(cutOnly.filled()).containsExactly((long) CUT);
        assertThat(cutOnly.byIndex().get(CUT)).isEqualTo(full.get(CUT));
        assertThat(full.get(CUT)).isNotEqualTo(full.get(CUT - 1)); // the cut is there to be found
        assertSamePictures(cutOnly, full);
        // None filled: the decoded pictures are the same again.
        Pass none = decode(pyramid, Skip.NON_REFERENCE, index -> false);
        assertThat(none.filled()).isEmpty();
        assertThat(none.byIndex().stream().filter(p -> p != null).count()).isEqualTo(none.pictures());
        assertSamePictures(none, full);
    }

    @Test
    void withoutBFramesNothingIsSkipped() throws Exception {
        List<byte[]> full = fullDecode(noBFrames);
        assertThat(nonReferenceFrames(noBFrames, false)).isEmpty();
        Pass pass = decode(noBFrames, Skip.NON_REFERENCE, index -> true);
        assertThat(pass.skipped()).isEmpty();
        assertThat(pass.byIndex()).hasSize(full.size()).doesNotContainNull();
        assertSamePictures(pass, full);
    }

    @Test
    void aCroppedPictureWithoutAPyramidIsHandedOverAtItsVisibleSize() throws Exception {
        List<byte[]> full = fullDecode(cropped);
        SortedSet<Long> nonReference = nonReferenceFrames(cropped, false);
        assertThat(full).hasSize(90);
        assertThat(nonReference).hasSizeBetween(40, 60); // every B-frame: without a pyramid none is a reference
        Pass pass = decode(cropped, Skip.NON_REFERENCE, index -> index % 3 == 0);
        assertThat(pass.skipped()).isEqualTo(nonReference);
        assertThat(pass.filled()).isNotEmpty().isSubsetOf(nonReference);
        assertSamePictures(pass, full);
    }

    @Test
    void theFullDecodeThroughTheSameClassSkipsNothing() throws Exception {
        List<byte[]> full = fullDecode(pyramid);
        Pass pass = decode(pyramid, Skip.NONE, index -> true);
        assertThat(pass.skipped()).isEmpty();
        assertThat(pass.pictures()).isEqualTo(150);
        assertSamePictures(pass, full);
    }

    @Test
    void hevcNonReferenceFramesAreSkippedAndFilledInExactly() throws Exception {
        List<byte[]> full = fullDecode(hevc);
        SortedSet<Long> nonReference = nonReferenceFrames(hevc, true);
        assertThat(full).hasSize(75);
        assertThat(nonReference).isNotEmpty();
        Pass pass = decode(hevc, Skip.NON_REFERENCE, index -> index % 2 == 0);
        assertThat(pass.skipped()).isEqualTo(nonReference);
        assertThat(pass.filled()).isNotEmpty();
        assertSamePictures(pass, full);
    }
}
