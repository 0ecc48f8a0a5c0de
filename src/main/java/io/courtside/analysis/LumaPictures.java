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
 * wrapped without a copy and averaged down with OpenCV's {@code INTER_AREA} to each size asked for (the small
 * picture by way of twice its size), so a frame no analyser needs large costs only the small picture.
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

    private final int smallWidth;
    private final int smallHeight;
    private final Map<Integer, Scaled> scales = new HashMap<>();
    private Mat source; // this frame's full-size grey picture: a view of the decoder's plane or the converted one
    private boolean stretch;
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
        Scaled s = scales.computeIfAbsent(scale, k -> new Scaled(smallWidth * k, smallHeight * k));
        if (s.serial != serial && scale == 1) {
            // Twice the size, then 2x2 blocks: OpenCV averages 10x10 blocks (720p) faster than 20x20, and the logo
            // detector wants the 2x picture every other frame anyway.
            Pixels.boxDownsample(picture(2), smallWidth * 2, smallHeight * 2, 2, s.bytes);
            s.serial = serial;
        } else if (s.serial != serial) {
            resize(source, s.mat, s.size, 0, 0, INTER_AREA);
            s.mat.data().get(s.bytes);
            if (stretch) {
                byte[] b = s.bytes;
                for (int i = 0; i < b.length; i++) {
                    b[i] = STRETCH[b[i] & 0xff];
                }
            }
            s.serial = serial;
        }
        return s.bytes;
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

    private static final class Scaled implements AutoCloseable {
        final Size size;
        final Mat mat;
        final byte[] bytes;
        int serial = -1;

        Scaled(int width, int height) {
            size = new Size(width, height);
            mat = new Mat(height, width, CV_8UC1);
            bytes = new byte[width * height];
        }

        @Override
        public void close() {
            mat.close();
            size.close();
        }
    }
}
