package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Registered players in sampled frames: {@code faces-per-second} frames a second are searched for faces (at
 * 8x the small frame, 512x288 by default) and each face is compared with the registered ones. A face further
 * than {@code face-max-distance} from every registered face is never named.
 *
 * <p>The search runs on a thread of its own, so the decoder is not held up while a frame is searched (a search
 * costs about as much as decoding several frames): the sampled pictures are copied and searched one after the
 * other, in order, by that one thread, which alone uses the detector and recogniser, so the sightings are the
 * same as searched in line. At most {@link #IN_FLIGHT} pictures wait; the decode pass waits when they are all
 * taken, so memory stays bounded however long the input.
 */
final class FaceSpotter implements FrameAnalyser, AutoCloseable {

    private static final int SCALE = 8;
    /** Copies of sampled pictures being searched or waiting. */
    private static final int IN_FLIGHT = 2;

    private final PlayerFaces faces;
    private final AnalysisProperties properties;
    private final int frameStep;
    private final List<PlayerSighting> sightings = new ArrayList<>(); // written by the search thread only
    private final BlockingQueue<Mat> free = new ArrayBlockingQueue<>(IN_FLIGHT);
    private final List<Mat> pictures = new ArrayList<>();
    private final ExecutorService searcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "face-spotter");
        t.setDaemon(true);
        return t;
    });
    private volatile Throwable failure;

    FaceSpotter(PlayerFaces faces, AnalysisProperties properties, double fps) {
        this.faces = faces;
        this.properties = properties;
        this.frameStep = Math.max(1, (int) Math.round(fps / properties.facesPerSecond()));
    }

    @Override
    public int frameStep() {
        return frameStep;
    }

    @Override
    public int scale() {
        return SCALE;
    }

    @Override
    public void frame(SmallFrame frame) {
        failIfFailed();
        Mat picture = takePicture(frame.width(), frame.height());
        picture.data().put(frame.luma());
        int width = frame.width();
        int height = frame.height();
        double time = frame.time();
        searcher.execute(() -> {
            try {
                if (failure == null) {
                    search(picture, width, height, time);
                }
            } catch (Throwable e) {
                failure = e;
            } finally {
                free.add(picture);
            }
        });
    }

    private Mat takePicture(int width, int height) {
        Mat picture = free.poll();
        if (picture == null && pictures.size() < IN_FLIGHT) {
            picture = new Mat(height, width, CV_8UC1);
            pictures.add(picture);
        }
        if (picture == null) {
            try {
                picture = free.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the face search", e);
            }
        }
        return picture;
    }

    private void search(Mat picture, int width, int height, double time) {
        int minSize = Math.max(24, (int) Math.round(properties.faceMinHeight() * height));
        double maxDistance = properties.faceMaxDistance();
        for (PlayerFaces.Match match : faces.recognise(picture, minSize)) {
            if (match.distance() <= maxDistance) {
                double w = width;
                double h = height;
                sightings.add(new PlayerSighting(faces.name(match.player()), time,
                        Math.max(0.5, Math.min(1, 1 - match.distance() / (2 * maxDistance))),
                        match.face().x() / w, match.face().y() / h, match.face().width() / w,
                        match.face().height() / h));
            }
        }
    }

    /** The sightings, once every sampled frame has been searched (waits for the search thread to finish). */
    List<PlayerSighting> sightings() {
        finish();
        failIfFailed();
        return List.copyOf(sightings);
    }

    private void finish() {
        searcher.shutdown();
        try {
            while (!searcher.awaitTermination(1, TimeUnit.SECONDS)) {
                // a search takes milliseconds; keep waiting
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the face search", e);
        }
    }

    private void failIfFailed() {
        Throwable e = failure;
        if (e instanceof RuntimeException r) {
            throw r;
        } else if (e instanceof Error err) {
            throw err;
        } else if (e != null) {
            throw new IllegalStateException("face search failed", e);
        }
    }

    /** Stops the search (waiting for the frame being searched) and frees the pictures; the detector stays open. */
    @Override
    public void close() {
        failure = failure == null ? new IllegalStateException("face spotter closed") : failure;
        searcher.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (searcher.awaitTermination(1, TimeUnit.SECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // the pictures cannot be freed while a search may still read them
            }
        }
        pictures.forEach(Mat::close);
        pictures.clear();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
