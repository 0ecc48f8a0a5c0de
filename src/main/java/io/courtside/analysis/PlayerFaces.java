package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_32SC1;
import static org.bytedeco.opencv.global.opencv_core.flip;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_GRAYSCALE;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.equalizeHist;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.RectVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_face.LBPHFaceRecognizer;
import org.bytedeco.opencv.opencv_objdetect.CascadeClassifier;

/**
 * The registered players' faces: OpenCV's frontal-face LBP cascade (shipped in the opencv jar) finds faces,
 * a Local Binary Patterns Histograms recogniser trained on the registered photos tells whose they are. Each
 * photo gives its largest face (and its mirror image, so a face turned the other way still matches). A photo that
 * is not an image or shows no face is left out with a warning; so is a player with no usable photo.
 */
final class PlayerFaces implements AutoCloseable {

    /** Faces are compared at this size, after histogram equalisation (lighting differs between photo and video). */
    private static final int FACE_SIZE = 96;
    /** Registered photos are searched at most this large (longest side, pixels). */
    private static final int PHOTO_MAX_SIDE = 800;
    /** LBP rather than Haar: about 5x faster on video frames (15 vs 60-120 ms on 512x288), as good on frontal faces. */
    private static final String CASCADE = "lbpcascades/lbpcascade_frontalface.xml";
    /** Detection steps of 1.2x in face size on video frames (1.1 on the registered photos, searched once). */
    private static final double VIDEO_SCALE_STEP = 1.2;

    /** A face in a picture and the closest registered player (LBPH distance: 0 identical, larger further). */
    record Match(Rect face, int player, double distance) {
    }

    private final CascadeClassifier detector;
    private final LBPHFaceRecognizer recognizer;
    private final List<String> names = new ArrayList<>();
    private final boolean trained;
    private final Mat crop = new Mat();
    private final Mat normalised = new Mat();

    PlayerFaces(List<RegisteredMedia.Player> players, List<String> warnings) {
        this.detector = new CascadeClassifier(cascadeFile().getAbsolutePath());
        if (detector.empty()) {
            throw new IllegalStateException("OpenCV could not load its face cascade " + CASCADE);
        }
        this.recognizer = LBPHFaceRecognizer.create();
        MatVector faces = new MatVector();
        List<Integer> labels = new ArrayList<>();
        for (RegisteredMedia.Player player : players) {
            int label = names.size();
            int before = labels.size();
            for (RegisteredMedia.Image photo : player.photos()) {
                try (Mat grey = imread(photo.file().toString(), IMREAD_GRAYSCALE)) {
                    if (grey.empty()) {
                        warnings.add("FaceRegister: " + photo.entry() + " for " + player.name()
                                + " is not an image OpenCV can read (JPEG, PNG, BMP, WebP); it was ignored.");
                        continue;
                    }
                    Mat face = largestFace(grey);
                    if (face == null) {
                        warnings.add("FaceRegister: no face found in " + photo.entry() + " for " + player.name()
                                + "; use a frontal photo where the face is at least 48 pixels high. It was ignored.");
                        continue;
                    }
                    Mat mirror = new Mat();
                    flip(face, mirror, 1);
                    faces.push_back(face);
                    faces.push_back(mirror);
                    labels.add(label);
                    labels.add(label);
                }
            }
            if (labels.size() == before) {
                warnings.add("FaceRegister: " + player.name() + " has no usable photo and will not be recognised.");
            }
            names.add(player.name());
        }
        if (!labels.isEmpty()) {
            try (Mat labelMat = new Mat(labels.size(), 1, CV_32SC1)) {
                org.bytedeco.javacpp.indexer.IntIndexer index = labelMat.createIndexer();
                for (int i = 0; i < labels.size(); i++) {
                    index.put(i, 0, labels.get(i));
                }
                recognizer.train(faces, labelMat);
            }
        }
        this.trained = !labels.isEmpty();
        faces.close();
    }

    boolean isEmpty() {
        return !trained;
    }

    String name(int player) {
        return names.get(player);
    }

    /** The faces in {@code grey} at least {@code minSize} pixels high, each with its closest registered player. */
    List<Match> recognise(Mat grey, int minSize) {
        List<Match> matches = new ArrayList<>();
        try (RectVector found = new RectVector()) {
            detector.detectMultiScale(grey, found, VIDEO_SCALE_STEP, 4, 0, new Size(minSize, minSize), new Size());
            for (long i = 0; i < found.size(); i++) {
                Rect face = found.get(i);
                normalise(grey, face);
                int[] label = new int[1];
                double[] distance = new double[1];
                recognizer.predict(normalised, label, distance);
                matches.add(new Match(new Rect(face.x(), face.y(), face.width(), face.height()), label[0],
                        distance[0]));
            }
        }
        return matches;
    }

    private Mat largestFace(Mat grey) {
        double shrink = Math.min(1, PHOTO_MAX_SIDE / (double) Math.max(grey.cols(), grey.rows()));
        try (Mat small = new Mat(); RectVector found = new RectVector()) {
            resize(grey, small, new Size((int) Math.round(grey.cols() * shrink),
                    (int) Math.round(grey.rows() * shrink)), 0, 0, INTER_AREA);
            detector.detectMultiScale(small, found, 1.1, 4, 0, new Size(24, 24), new Size());
            Rect best = null;
            for (long i = 0; i < found.size(); i++) {
                Rect r = found.get(i);
                if (best == null || r.area() > best.area()) {
                    best = r;
                }
            }
            if (best == null) {
                return null;
            }
            Rect full = new Rect((int) (best.x() / shrink), (int) (best.y() / shrink),
                    Math.min(grey.cols() - (int) (best.x() / shrink), (int) Math.round(best.width() / shrink)),
                    Math.min(grey.rows() - (int) (best.y() / shrink), (int) Math.round(best.height() / shrink)));
            normalise(grey, full);
            return normalised.clone();
        }
    }

    private void normalise(Mat grey, Rect face) {
        try (Mat region = new Mat(grey, face)) {
            resize(region, crop, new Size(FACE_SIZE, FACE_SIZE), 0, 0, INTER_AREA);
            equalizeHist(crop, normalised);
        }
    }

    private static File cascadeFile() {
        try {
            return Loader.cacheResource("/org/bytedeco/opencv/" + Loader.getPlatform()
                    + "/share/opencv4/" + CASCADE);
        } catch (IOException e) {
            throw new UncheckedIOException("OpenCV's face cascade " + CASCADE + " is not in the opencv jar", e);
        }
    }

    @Override
    public void close() {
        detector.close();
        recognizer.close();
        crop.close();
        normalised.close();
    }
}
