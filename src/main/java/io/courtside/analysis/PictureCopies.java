package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.ArrayDeque;
import java.util.Deque;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Copies of the decoder's full-size grey picture for the score bug reader on the signals' thread: each copy goes
 * into a buffer that the reader gives back once it is done with it (at once, or when its finder drops the picture
 * from its ring), so a copy is one pass of memcpy instead of a new native allocation of 2 MB (1080p) with its page
 * faults. At most {@value #MAX_IDLE} buffers wait idle; more are closed. Thread-safe: taken on the decoder's
 * thread, given back on the signals' thread.
 */
final class PictureCopies implements AutoCloseable {

    /** Idle buffers kept: a few samples in flight between the two threads. */
    private static final int MAX_IDLE = 4;

    private final Deque<Mat> idle = new ArrayDeque<>();
    private boolean closed;

    /** A copy of {@code source} (one channel, 8 bits), in a buffer given back by {@link #give} when one is idle. */
    Mat copyOf(Mat source) {
        Mat copy;
        synchronized (this) {
            copy = idle.pollFirst();
        }
        if (copy != null && (copy.rows() != source.rows() || copy.cols() != source.cols())) {
            copy.close(); // the stream changed size
            copy = null;
        }
        if (copy == null) {
            copy = new Mat(source.rows(), source.cols(), CV_8UC1);
        }
        source.copyTo(copy);
        return copy;
    }

    /** A copy the reader is done with: kept for the next copy, or closed when enough wait or the pass has ended. */
    void give(Mat copy) {
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(copy);
                return;
            }
        }
        copy.close();
    }

    /** Closes the idle buffers; buffers given back later are closed as they come. */
    @Override
    public synchronized void close() {
        closed = true;
        idle.forEach(Mat::close);
        idle.clear();
    }
}
