package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.SplittableRandom;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The Java area averages of {@link LumaPictures} are OpenCV's {@code INTER_AREA} pictures: at 720p and 1080p (areas
 * of whole pixels, 10x10 and 15x15, and of fractions, 7.5x7.5, 3.75x3.75, 2.5x2.5), made directly or as the sums of a
 * larger picture made first, on frames of noise, gradients and blocks; also frames smaller than a picture asked for
 * (160x90: OpenCV resizes up) and of a size coprime to the pictures (1279x719: sums too big to add up 2x2 twice;
 * there OpenCV's float weights round within one grey level of the exact averages).
 */
class LumaPicturesTest {

    @Test
    void picturesAreOpenCvsAreaAverages() {
        SplittableRandom random = new SplittableRandom(13);
        for (int[] size : new int[][] {{1280, 720}, {1920, 1080}, {640, 360}, {160, 90}, {1279, 719}}) {
            for (int kind = 0; kind < 3; kind++) {
                AVFrame frame = frame(size[0], size[1], kind, random);
                try (LumaPictures pictures = new LumaPictures(64, 36)) {
                    for (int[] order : new int[][] {{2, 1}, {8, 4, 2, 1}, {4, 8, 1, 2}, {8, 2}}) {
                        pictures.next(frame);
                        for (int scale : order) {
                            byte[] expected = scale == 1 ? null : areaAverage(frame, 64 * scale, 36 * scale);
                            byte[] actual = pictures.picture(scale);
                            if (expected != null && size[0] == 1279) {
                                // OpenCV weighs such areas in float: its rounding may differ from exact sums by one.
                                int largest = 0;
                                for (int i = 0; i < expected.length; i++) {
                                    largest = Math.max(largest, Math.abs((expected[i] & 0xff) - (actual[i] & 0xff)));
                                }
                                assertThat(largest).as("1279x719 kind %d scale %d", kind, scale).isLessThanOrEqualTo(1);
                            } else if (expected != null) {
                                assertThat(actual).as("%dx%d kind %d scale %d after %s", size[0], size[1], kind,
                                        scale, java.util.Arrays.toString(order)).isEqualTo(expected);
                            }
                        }
                    }
                } finally {
                    av_frame_free(frame);
                }
            }
        }
    }

    private static AVFrame frame(int w, int h, int kind, SplittableRandom random) {
        AVFrame frame = av_frame_alloc();
        frame.width(w).height(h).format(AV_PIX_FMT_YUV420P).color_range(AVCOL_RANGE_JPEG);
        assertThat(av_frame_get_buffer(frame, 32)).isZero();
        int stride = frame.linesize(0);
        byte[] row = new byte[stride];
        int bx = 5 + random.nextInt(40);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = switch (kind) {
                    case 0 -> random.nextInt(256);
                    case 1 -> (x * 255 / w + y * 3) & 0xff;
                    default -> ((x / bx + y / bx) % 2 == 0 ? 40 : 210) + random.nextInt(9) - 4;
                };
                row[x] = (byte) v;
            }
            frame.data(0).position((long) y * stride).put(row, 0, w);
        }
        frame.data(0).position(0);
        return frame;
    }

    private static byte[] areaAverage(AVFrame frame, int w, int h) {
        try (Mat source = new Mat(frame.height(), frame.width(), CV_8UC1, frame.data(0), frame.linesize(0));
             Mat small = new Mat(h, w, CV_8UC1); Size size = new Size(w, h)) {
            resize(source, small, size, 0, 0, INTER_AREA);
            byte[] bytes = new byte[w * h];
            small.data().get(bytes);
            return bytes;
        }
    }
}
