package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV12;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_NV21;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV410P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.swscale.SWS_POINT;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * The grey pictures of one decoded frame at the scales the frame analysers ask for, made only when asked. The
 * decoder's own picture is used in place: its luma plane (8-bit planar or semi-planar YUV, the usual case) is
 * wrapped without a copy and averaged down over areas to each size asked for (the small picture by way of twice its
 * size), in one pass over the plane in Java: the same pictures as OpenCV's {@code INTER_AREA} (its rounding, half to
 * even), which at 1080p takes a slow general path for the 7.5x7.5 and 3.75x3.75 areas of the larger pictures. The
 * sums are kept, so when the largest picture due is made first the smaller ones are its sums added up: a frame costs
 * one pass over its luma whatever the analysers ask.
 * Studio-range luma (16-235) is stretched to full range (0-255), as FFmpeg's own YUV to grey conversion does, so
 * thresholds in grey levels keep their meaning.
 * Other pixel formats (10-bit and packed) are converted to full-size grey by swscale first. One per decode pass and
 * thread; close it.
 */
final class LumaPictures implements AutoCloseable {

    /** Formats whose first plane is 8-bit luma. */
    private static final Set<Integer> LUMA_FIRST = Set.of(AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUVJ420P,
            AV_PIX_FMT_YUV422P, AV_PIX_FMT_YUVJ422P, AV_PIX_FMT_YUV444P, AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUV440P,
            AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_YUV411P, AV_PIX_FMT_YUV410P, AV_PIX_FMT_NV12, AV_PIX_FMT_NV21,
            AV_PIX_FMT_GRAY8);
    private static final Set<Integer> FULL_RANGE = Set.of(AV_PIX_FMT_YUVJ420P, AV_PIX_FMT_YUVJ422P,
            AV_PIX_FMT_YUVJ444P, AV_PIX_FMT_YUVJ440P, AV_PIX_FMT_GRAY8);
    /** Studio range luma to full range, rounded and clamped. */
    private static final byte[] STRETCH = new byte[256];

    static {
        for (int v = 0; v < 256; v++) {
            STRETCH[v] = (byte) Math.max(0, Math.min(255, Math.round((v - 16) * 255 / 219.0)));
        }
    }

    /** The largest scale a coarser picture is made from by adding up sums. */
    private static final int MAX_SCALE = 64;

    private final int smallWidth;
    private final int smallHeight;
    private final Map<Integer, Scaled> scales = new HashMap<>();
    private Mat source; // this frame's full-size grey picture: a view of the decoder's plane or the converted one
    private boolean stretch;
    private int sourceWidth;
    private int sourceHeight;
    private int serial; // counts frames, so a scale made for an earlier frame is made again
    // swscale conversion for pixel formats without an 8-bit luma plane
    private SwsContext sws;
    private Mat converted;
    private PointerPointer<BytePointer> convertedData;
    private IntPointer convertedStride;

    /** {@code smallWidth} x {@code smallHeight}: the picture at scale 1. */
    LumaPictures(int smallWidth, int smallHeight) {
        this.smallWidth = smallWidth;
        this.smallHeight = smallHeight;
    }

    /** The next decoded frame (FFmpeg's picture, valid until the decoder's next frame). */
    void next(AVFrame picture) {
        serial++;
        if (source != null && source != converted) {
            source.close();
        }
        int w = picture.width();
        int h = picture.height();
        int format = picture.format();
        if (!scales.isEmpty() && (w != sourceWidth || h != sourceHeight)) {
            scales.clear(); // the stream changed size: new area tables
        }
        sourceWidth = w;
        sourceHeight = h;
        if (LUMA_FIRST.contains(format) && picture.linesize(0) >= w) {
            source = new Mat(h, w, CV_8UC1, picture.data(0), picture.linesize(0));
            stretch = !FULL_RANGE.contains(format) && picture.color_range() != AVCOL_RANGE_JPEG;
        } else {
            source = convert(picture, w, h, format);
            stretch = false; // swscale's grey is full range
        }
    }

    private Mat convert(AVFrame picture, int w, int h, int format) {
        if (converted == null || converted.cols() != w || converted.rows() != h) {
            closeConverted();
            converted = new Mat(h, w, CV_8UC1);
            convertedData = new PointerPointer<>(1);
            convertedData.put(0, converted.data());
            convertedStride = new IntPointer(1).put((int) converted.step());
        }
        sws = sws_getCachedContext(sws, w, h, format, w, h, AV_PIX_FMT_GRAY8, SWS_POINT, null, null,
                (org.bytedeco.javacpp.DoublePointer) null);
        if (sws == null) {
            throw new IllegalStateException("swscale cannot convert pixel format " + format + " to grey");
        }
        try (PointerPointer<BytePointer> planes = new PointerPointer<>(picture)) { // AVFrame.data comes first
            sws_scale(sws, planes, picture.linesize(), 0, h, convertedData, convertedStride);
        }
        return converted;
    }

    /**
     * This frame's full-size grey picture (the decoder's luma plane in place, studio range where the source is):
     * valid until {@link #next}; read it, do not keep it.
     */
    Mat full() {
        return source;
    }

    /** The frame at {@code scale} times the small picture, tightly packed; reused by the next call at that scale. */
    byte[] picture(int scale) {
        Scaled s = scaled(scale);
        if (s.serial == serial) {
            return s.bytes;
        }
        if (scale == 1) {
            // Twice the size, then 2x2 blocks: the logo detector wants the 2x picture every other frame anyway.
            Pixels.boxDownsample(picture(2), smallWidth * 2, smallHeight * 2, 2, s.bytes);
        } else if (!s.exact) {
            s.resized(source, stretch ? STRETCH : null); // larger than the frame, or sums too big for an int
        } else {
            if (hasFinerSums(scale)) {
                picture(2 * scale); // made from the finer sums in turn, if not yet
                Scaled finer = scales.get(2 * scale);
                if (finer.sumSerial == serial && s.fitsSumsOf(finer)) {
                    s.sumsFrom(finer); // 2x2 of the finer exact sums: no second pass over the frame
                } else {
                    s.sumsOf(source, serial);
                }
            } else {
                s.sumsOf(source, serial);
            }
            s.round(stretch ? STRETCH : null);
        }
        s.serial = serial;
        return s.bytes;
    }

    /** Whether a picture 2, 4, 8... times {@code scale} already has this frame's sums. */
    private boolean hasFinerSums(int scale) {
        for (int k = 2 * scale; k <= MAX_SCALE; k *= 2) {
            Scaled finer = scales.get(k);
            if (finer != null && finer.sumSerial == serial) {
                return true;
            }
        }
        return false;
    }

    private Scaled scaled(int scale) {
        return scales.computeIfAbsent(scale, k -> new Scaled(source.cols(), source.rows(), smallWidth * k,
                smallHeight * k));
    }

    @Override
    public void close() {
        if (source != null && source != converted) {
            source.close();
        }
        source = null;
        scales.values().forEach(Scaled::close);
        scales.clear();
        closeConverted();
        if (sws != null) {
            sws_freeContext(sws);
            sws = null;
        }
    }

    private void closeConverted() {
        if (converted != null) {
            converted.close();
            convertedData.close();
            convertedStride.close();
            converted = null;
        }
    }

    /**
     * One scale's picture: the frame averaged over areas (what OpenCV's {@code INTER_AREA} computes, to the same
     * rounding where the area is a whole number of pixels) in one pass over the luma plane, in Java. Sizes need not
     * divide: a source pixel that straddles two areas counts in each by its share, in whole units of 1 / q of a
     * pixel, so the sums are exact integers and a coarser scale is the 2x2 sums of a finer one.
     */
    private static final class Scaled implements AutoCloseable {
        /** The low byte of each 16-bit lane of a long. */
        private static final long LANES = 0x00ff00ff00ff00ffL;
        final int width;
        final int height;
        final byte[] bytes;
        final int[] sums;
        private final int area; // one area's weight in units, when the sums come from the frame
        private final int sourceWidth;
        private final int sourceHeight;
        private final int qx;      // units per source pixel across
        private final int qy;      // and down
        private final int cellX;   // one area's width in units
        private final int cellY;
        private final int[] column; // source column -> first area it falls in
        private final int[] share;  // its units in that area (the rest in the next)
        private final int[] rowSums;
        private final boolean exact; // the sums apply (else OpenCV resizes)
        private byte[] row;
        private long[] evenLanes;  // a band's column sums, 16-bit lanes (the whole-block path)
        private long[] oddLanes;
        private int[] columnSums;
        private long[] rowLongs;   // one row of the plane, as longs
        private Mat mat;   // only where the sums do not apply
        private Size size;
        int weight;      // one area's total weight in the sums' units (4x a finer scale's when made from it)
        int serial = -1;
        int sumSerial = -1;

        Scaled(int sourceWidth, int sourceHeight, int width, int height) {
            this.width = width;
            this.height = height;
            this.sourceWidth = sourceWidth;
            this.sourceHeight = sourceHeight;
            this.bytes = new byte[width * height];
            this.sums = new int[width * height];
            int gx = gcd(sourceWidth, width);
            int gy = gcd(sourceHeight, height);
            this.qx = width / gx;
            this.qy = height / gy;
            this.cellX = sourceWidth / gx;
            this.cellY = sourceHeight / gy;
            this.area = cellX * cellY;
            this.column = new int[sourceWidth];
            this.share = new int[sourceWidth];
            for (int x = 0; x < sourceWidth; x++) {
                int from = x * qx;
                column[x] = from / cellX;
                share[x] = Math.min(qx, (column[x] + 1) * cellX - from);
            }
            this.rowSums = new int[width + 1];
            // Exact sums average down only, and a white frame's sums must fit an int (coprime sizes make big units).
            this.exact = width <= sourceWidth && height <= sourceHeight && 255L * area <= Integer.MAX_VALUE;
        }

        /** Whether the 2x2 sums of {@code finer}'s sums still fit an int. */
        boolean fitsSumsOf(Scaled finer) {
            return 255L * 4 * finer.weight <= Integer.MAX_VALUE;
        }

        /** OpenCV's {@code INTER_AREA} resize (what the exact sums reproduce when they apply), through {@code table}. */
        void resized(Mat source, byte[] table) {
            if (mat == null) {
                mat = new Mat(height, width, CV_8UC1);
                size = new Size(width, height);
            }
            resize(source, mat, size, 0, 0, INTER_AREA);
            mat.data().get(bytes);
            if (table != null) {
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = table[bytes[i] & 0xff];
                }
            }
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        /** The area sums of {@code source} (a full-size grey picture, valid for this call). */
        void sumsOf(Mat source, int frame) {
            if (source.cols() != sourceWidth || source.rows() != sourceHeight) {
                throw new IllegalStateException("the frame size changed from " + sourceWidth + "x" + sourceHeight
                        + " to " + source.cols() + "x" + source.rows());
            }
            int stride = (int) source.step();
            ByteBuffer plane = source.data().capacity((long) stride * (sourceHeight - 1) + sourceWidth).asByteBuffer();
            if (qx == 1 && qy == 1 && sourceWidth % 8 == 0 && cellY * 255 <= 0xffff) {
                sumsByColumns(plane.order(ByteOrder.LITTLE_ENDIAN), stride);
                weight = area;
                sumSerial = frame;
                return;
            }
            if (row == null) {
                row = new byte[sourceWidth];
            }
            java.util.Arrays.fill(sums, 0);
            byte[] r = row;
            int[] acc = rowSums;
            for (int y = 0; y < sourceHeight; y++) {
                plane.get(y * stride, r, 0, sourceWidth);
                java.util.Arrays.fill(acc, 0);
                if (qx == 1) {
                    for (int dx = 0, x = 0; dx < width; dx++) {
                        int sum = 0;
                        for (int end = x + cellX; x < end; x++) {
                            sum += r[x] & 0xff;
                        }
                        acc[dx] = sum;
                    }
                } else {
                    for (int x = 0; x < sourceWidth; x++) {
                        int v = r[x] & 0xff;
                        int c = column[x];
                        int w = share[x];
                        acc[c] += v * w;
                        acc[c + 1] += v * (qx - w);
                    }
                }
                int from = y * qy;
                int dy = from / cellY;
                int w = Math.min(qy, (dy + 1) * cellY - from);
                int offset = dy * width;
                if (w == 1 && qy == 1) {
                    for (int dx = 0; dx < width; dx++) {
                        sums[offset + dx] += acc[dx];
                    }
                } else {
                    for (int dx = 0; dx < width; dx++) {
                        sums[offset + dx] += acc[dx] * w;
                    }
                    if (w < qy) {
                        int rest = qy - w;
                        for (int dx = 0; dx < width; dx++) {
                            sums[offset + width + dx] += acc[dx] * rest;
                        }
                    }
                }
            }
            weight = area;
            sumSerial = frame;
        }

        /**
         * The sums where each area is a whole block of pixels (1080p and 720p to 128x72, 720p to 256x144): a band
         * of {@code cellY} rows is added up column by column, eight pixels at a time as the 16-bit lanes of two longs
         * (even and odd pixels; a lane holds at most {@code cellY} x 255, so no lane carries into the next), then
         * each area adds up its {@code cellX} columns. Integer sums, so exactly the sums of the general path, with
         * about a quarter of its additions.
         */
        private void sumsByColumns(ByteBuffer plane, int stride) {
            int longs = sourceWidth / 8;
            if (evenLanes == null) {
                evenLanes = new long[longs];
                oddLanes = new long[longs];
                columnSums = new int[sourceWidth];
                rowLongs = new long[longs];
            }
            long[] even = evenLanes;
            long[] odd = oddLanes;
            long[] rowOf = rowLongs;
            int[] columns = columnSums;
            // rows start on whole longs (FFmpeg aligns its line sizes): each row is one bulk copy out of the native
            // plane, and the lanes are added up from a Java array, without a bounds check per long
            LongBuffer rows = stride % 8 == 0 ? plane.asLongBuffer() : null;
            for (int dy = 0; dy < height; dy++) {
                java.util.Arrays.fill(even, 0);
                java.util.Arrays.fill(odd, 0);
                for (int y = dy * cellY, end = y + cellY; y < end; y++) {
                    int base = y * stride;
                    if (rows != null) {
                        rows.get(base / 8, rowOf, 0, longs);
                    } else {
                        for (int i = 0; i < longs; i++) {
                            rowOf[i] = plane.getLong(base + 8 * i);
                        }
                    }
                    for (int i = 0; i < longs; i++) {
                        long v = rowOf[i];
                        even[i] += v & LANES;
                        odd[i] += (v >>> 8) & LANES;
                    }
                }
                for (int i = 0, x = 0; i < longs; i++, x += 8) {
                    long e = even[i];
                    long o = odd[i];
                    columns[x] = (int) (e & 0xffff);
                    columns[x + 1] = (int) (o & 0xffff);
                    columns[x + 2] = (int) ((e >>> 16) & 0xffff);
                    columns[x + 3] = (int) ((o >>> 16) & 0xffff);
                    columns[x + 4] = (int) ((e >>> 32) & 0xffff);
                    columns[x + 5] = (int) ((o >>> 32) & 0xffff);
                    columns[x + 6] = (int) (e >>> 48);
                    columns[x + 7] = (int) (o >>> 48);
                }
                int offset = dy * width;
                for (int dx = 0, x = 0; dx < width; dx++) {
                    int sum = 0;
                    for (int end = x + cellX; x < end; x++) {
                        sum += columns[x];
                    }
                    sums[offset + dx] = sum;
                }
            }
        }

        /** This scale's sums as the 2x2 sums of {@code finer} (twice the width and height, of the same frame). */
        void sumsFrom(Scaled finer) {
            int[] f = finer.sums;
            int fw = finer.width;
            for (int dy = 0; dy < height; dy++) {
                int a = 2 * dy * fw;
                int b = a + fw;
                for (int dx = 0; dx < width; dx++) {
                    int x = 2 * dx;
                    sums[dy * width + dx] = f[a + x] + f[a + x + 1] + f[b + x] + f[b + x + 1];
                }
            }
            weight = 4 * finer.weight;
            sumSerial = finer.sumSerial;
        }

        /** The sums divided by the area's weight, rounded half to even (as OpenCV), through {@code table}. */
        void round(byte[] table) {
            float scale = 1f / weight;
            for (int i = 0; i < sums.length; i++) {
                int v = (int) Math.rint(sums[i] * scale);
                bytes[i] = table == null ? (byte) v : table[v];
            }
        }

        @Override
        public void close() {
            if (mat != null) {
                mat.close();
                size.close();
                mat = null;
            }
        }
    }
}
