package io.courtside.media;

import static io.courtside.analysis.Remuxes.ffmpeg;
import static io.courtside.media.SkippingDecoderTest.decode;
import static io.courtside.media.SkippingDecoderTest.fullDecode;
import static io.courtside.media.SkippingDecoderTest.planes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_B;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.media.SkippingDecoder.Skip;
import io.courtside.media.SkippingDecoderTest.Pass;

/**
 * The skipping decoder with every B-frame skipped ({@link Skip#BIDIRECTIONAL}), on H.264 files made here with
 * x264's three B-pyramid modes: where no P-frame refers to a B-frame, every I and P picture is a full decode's bit
 * for bit, the skipped frames are exactly the B-frames (referenced ones too), and every gap filled, all or some, is
 * the full decode's; where x264's default pyramid lets P-frames refer to a B-frame, the P pictures differ, and
 * {@link SkippingDecoder#bidirectionalExact} says so.
 */
class SkippingBidirectionalTest {

    @TempDir
    static Path dir;

    /** b-pyramid=strict (Blu-ray: no P-frame refers to a B-frame), 3 references, a cut at frame 75. */
    static Path strict;
    /** b-pyramid=normal (x264's default) with 1 reference: P-frames refer to the P-frame before only. */
    static Path normalOneReference;
    /** b-pyramid=normal with 3 references, as x264's medium preset: P-frames may refer to the B-frame before. */
    static Path normalThreeReferences;
    /** Two B-frames, no pyramid, adaptive B decisions and scene-cut key frames, 640x360 (coded 368 lines). */
    static Path noPyramid;
    /** No B-frames at all. */
    static Path noBFrames;

    @BeforeAll
    static void writeInputs() throws Exception {
        String cut = "testsrc2=s=320x240:r=25:d=3,noise=alls=12:allf=t[a];mandelbrot=s=320x240:r=25,"
                + "trim=end_frame=75,setpts=N/25/TB[b];[a][b]concat=n=2";
        strict = x264("strict.mp4", cut, "b-pyramid=strict:ref=3:b-adapt=0:keyint=50:min-keyint=50:scenecut=0");
        normalOneReference = x264("normal1.mp4", cut, "b-pyramid=normal:ref=1:b-adapt=0:keyint=50:scenecut=0");
        normalThreeReferences = x264("normal3.mp4", cut, "b-pyramid=normal:ref=3:b-adapt=0:keyint=50:scenecut=0");
        noPyramid = ffmpeg(dir.resolve("nopyramid.mkv"), "-f", "lavfi", "-i",
                "mandelbrot=s=640x360:r=30,trim=end_frame=90,noise=alls=20:allf=t", "-c:v", "libx264",
                "-preset", "fast", "-bf", "2", "-pix_fmt", "yuv420p", "-x264-params", "b-pyramid=none:keyint=40");
        noBFrames = ffmpeg(dir.resolve("nob.mp4"), "-f", "lavfi", "-i",
                "testsrc2=s=320x240:r=25:d=2,noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "veryfast",
                "-bf", "0", "-x264-params", "ref=3", "-pix_fmt", "yuv420p");
    }

    private static Path x264(String name, String graph, String params) throws Exception {
        return ffmpeg(dir.resolve(name), "-filter_complex", graph, "-c:v", "libx264", "-preset", "veryfast",
                "-bf", "3", "-pix_fmt", "yuv420p", "-x264-params", params);
    }

    /** The display indexes a full decode calls B-frames (FFmpeg's picture type, not the skipping decoder's). */
    static SortedSet<Long> bFrames(Path file) throws Exception {
        SortedSet<Long> indexes = new TreeSet<>();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(file)) {
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            grabber.start();
            Frame frame;
            for (long index = 0; (frame = grabber.grabImage()) != null; index++) {
                if (((AVFrame) frame.opaque).pict_type() == AV_PICTURE_TYPE_B) {
                    indexes.add(index);
                }
            }
        }
        return indexes;
    }

    /** The indexes at which {@code pass} has a picture different from the full decode's. */
    private static List<Integer> differing(Pass pass, List<byte[]> full) {
        List<Integer> differ = new ArrayList<>();
        assertThat(pass.byIndex().size()).isLessThanOrEqualTo(full.size());
        for (int i = 0; i < pass.byIndex().size(); i++) {
            if (pass.byIndex().get(i) != null && !Arrays.equals(pass.byIndex().get(i), full.get(i))) {
                differ.add(i);
            }
        }
        return differ;
    }

    @Test
    void strictPyramidSkipsEveryBFrameAndFillsEveryGapExactly() throws Exception {
        List<byte[]> full = fullDecode(strict);
        SortedSet<Long> b = bFrames(strict);
        SortedSet<Long> nonReference = SkippingDecoderTest.nonReferenceFrames(strict, false);
        assertThat(full).hasSize(150);
        // Three B-frames in four, the middle one of each three referenced: more skipped than non-reference frames.
        assertThat(b).hasSizeBetween(100, 115).containsAll(nonReference);
        assertThat(b.size() - nonReference.size()).isGreaterThan(30);

        Pass none = decode(strict, Skip.BIDIRECTIONAL, index -> false);
        assertThat(none.skipped()).isEqualTo(b);
        assertThat(none.pictures()).isEqualTo(150 - b.size());
        assertThat(differing(none, full)).isEmpty();

        Pass every = decode(strict, Skip.BIDIRECTIONAL, index -> true);
        assertThat(every.filled()).isEqualTo(b);
        assertThat(every.byIndex()).hasSize(150).doesNotContainNull();
        assertThat(differing(every, full)).isEmpty();
    }

    /**
     * Part of a gap: the frames asked for and the referenced B-frames they may refer to are decoded, exact; the
     * other non-reference B-frames are not decoded at all.
     */
    @Test
    void partOfAGapDecodesTheFramesAskedForAndTheirReferencesOnly() throws Exception {
        List<byte[]> full = fullDecode(strict);
        SortedSet<Long> nonReference = SkippingDecoderTest.nonReferenceFrames(strict, false);
        SortedSet<Long> handed = new TreeSet<>();
        SortedSet<Long> skipped = new TreeSet<>();
        List<Integer> differ = new ArrayList<>();
        // The first B of each gap in display order: a non-reference B that refers to the gap's referenced middle B.
        SortedSet<Long> wanted = new TreeSet<>();
        try (SkippingDecoder decoder = SkippingDecoder.open(strict, Skip.BIDIRECTIONAL, false, 0)) {
            SkippingDecoder.Picture picture;
            while ((picture = decoder.next()) != null) {
                long[] gap = picture.skippedBefore();
                Arrays.stream(gap).forEach(skipped::add);
                if (gap.length == 3) {
                    wanted.add(gap[0]);
                }
                decoder.fillGap(wanted::contains, (frame, index, pts) -> {
                    handed.add(index);
                    if (!Arrays.equals(planes(frame), full.get((int) index))) {
                        differ.add((int) index);
                    }
                });
            }
        }
        assertThat(wanted).hasSizeGreaterThan(20).isSubsetOf(nonReference);
        assertThat(differ).isEmpty();
        SortedSet<Long> referencedB = new TreeSet<>(skipped);
        referencedB.removeAll(nonReference);
        SortedSet<Long> expected = new TreeSet<>(wanted);
        for (long w : wanted) {
            expected.add(w + 1); // the middle B of the same gap
        }
        assertThat(referencedB).containsAll(expected.stream().filter(i -> !wanted.contains(i)).toList());
        assertThat(handed).isEqualTo(expected);
    }

    @Test
    void someGapsFilledAndOthersNotLeaveEveryPictureExact() throws Exception {
        List<byte[]> full = fullDecode(strict);
        // Every third gap: the referenced B-frames of the others are never decoded, the decoder conceals them.
        Pass some = decode(strict, Skip.BIDIRECTIONAL, index -> index % 3 == 0);
        assertThat(some.filled()).isNotEmpty().isSubsetOf(some.skipped());
        assertThat(some.skipped()).hasSizeGreaterThan(some.filled().size());
        assertThat(differing(some, full)).isEmpty();
        // Only the gap of the cut (frame 75 lies in the gap before the P-frame at 76 or later).
        Pass cut = decode(strict, Skip.BIDIRECTIONAL, index -> index > 75 && index <= 79);
        assertThat(cut.filled()).contains(75L);
        assertThat(differing(cut, full)).isEmpty();
    }

    @Test
    void oneReferenceFrameAndNoPyramidAreExactToo() throws Exception {
        for (Path file : List.of(normalOneReference, noPyramid)) {
            List<byte[]> full = fullDecode(file);
            Pass some = decode(file, Skip.BIDIRECTIONAL, index -> index % 2 == 0);
            assertThat(some.skipped()).as("%s", file).isEqualTo(bFrames(file));
            assertThat(some.filled()).as("%s", file).isNotEmpty();
            assertThat(differing(some, full)).as("%s", file).isEmpty();
            assertThat(SkippingDecoder.bidirectionalExact(file, 100)).as("%s", file).isTrue();
        }
    }

    @Test
    void withoutBFramesNothingIsSkipped() throws Exception {
        List<byte[]> full = fullDecode(noBFrames);
        Pass pass = decode(noBFrames, Skip.BIDIRECTIONAL, index -> true);
        assertThat(pass.skipped()).isEmpty();
        assertThat(pass.byIndex()).hasSize(full.size()).doesNotContainNull();
        assertThat(differing(pass, full)).isEmpty();
        assertThat(SkippingDecoder.bidirectionalExact(noBFrames, 100)).isTrue();
    }

    /**
     * x264's default pyramid with 3 references lets a P-frame refer to the B-frame before it, which skipping leaves
     * to FFmpeg's concealment (a copy of the reference before): the P pictures are not a full decode's. Filling every
     * gap, the referenced B-frames decoded before the P-frames that follow, they are again.
     */
    @Test
    void aPFrameReferringToABFrameIsNotExactAndTheCheckSaysSo() throws Exception {
        List<byte[]> full = fullDecode(normalThreeReferences);
        Pass none = decode(normalThreeReferences, Skip.BIDIRECTIONAL, index -> false);
        assertThat(differing(none, full)).hasSizeGreaterThan(5);
        assertThat(SkippingDecoder.bidirectionalExact(normalThreeReferences, 100)).isFalse();
        assertThat(SkippingDecoder.bidirectionalExact(strict, 150)).isTrue();

        Pass every = decode(normalThreeReferences, Skip.BIDIRECTIONAL, index -> true);
        assertThat(every.byIndex()).hasSize(150).doesNotContainNull();
        assertThat(differing(every, full)).isEmpty();
    }

    @Test
    void hevcIsRefused() throws Exception {
        Path hevc = ffmpeg(dir.resolve("hevc.mp4"), "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1",
                "-c:v", "libx265", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-x265-params", "log-level=error");
        assertThatThrownBy(() -> SkippingDecoder.open(hevc, Skip.BIDIRECTIONAL, false, 0))
                .isInstanceOf(IOException.class).hasMessageContaining("only in H.264");
        try (SkippingDecoder decoder = SkippingDecoder.open(hevc, Skip.NON_REFERENCE, false, 0)) {
            assertThat(planes(decoder.next().frame())).isNotEmpty();
        }
    }
}
