package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.Test;

/**
 * The score reader's copies of the full picture: a copy equals its source (also a view with a stride wider than
 * its width, as the decoder's plane is), a buffer given back is the next copy's, a new size gets a new buffer, and
 * buffers given back after the pass are closed.
 */
class PictureCopiesTest {

    @Test
    void copiesEqualTheirSourceAndReuseTheBuffersGivenBack() {
        SplittableRandom random = new SplittableRandom(13);
        try (PictureCopies copies = new PictureCopies()) {
            for (int[] size : new int[][] {{1920, 1080}, {1280, 720}, {641, 359}}) {
                try (Mat plane = noise(size[0] + 64, size[1], random);
                     Rect inside = new Rect(0, 0, size[0], size[1]);
                     Mat view = new Mat(plane, inside)) {
                    Mat first = copies.copyOf(view);
                    assertThat(bytes(first)).isEqualTo(bytes(view));
                    long address = first.data().address();
                    copies.give(first);
                    try (Mat other = noise(size[0], size[1], random)) {
                        Mat second = copies.copyOf(other);
                        assertThat(second).isSameAs(first);
                        assertThat(second.data().address()).isEqualTo(address);
                        assertThat(bytes(second)).isEqualTo(bytes(other));
                        copies.give(second);
                    }
                }
            }
        }
    }

    @Test
    void buffersGivenBackAfterThePassAreClosed() {
        PictureCopies copies = new PictureCopies();
        try (Mat source = noise(320, 180, new SplittableRandom(3))) {
            Mat held = copies.copyOf(source);
            copies.close();
            copies.give(held);
            assertThat(held.isNull()).isTrue();
        }
    }

    private static Mat noise(int w, int h, SplittableRandom random) {
        Mat m = new Mat(h, w, CV_8UC1);
        byte[] b = new byte[w * h];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        m.data().put(b);
        return m;
    }

    private static byte[] bytes(Mat m) {
        try (Mat packed = m.clone()) {
            byte[] b = new byte[m.cols() * m.rows()];
            packed.data().get(b);
            return b;
        }
    }
}
