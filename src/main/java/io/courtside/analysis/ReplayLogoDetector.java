package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.findNonZero;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.TM_CCOEFF_NORMED;
import static org.bytedeco.opencv.global.opencv_imgproc.matchTemplate;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Finds registered replay logos in the frames and pairs their appearances into replays. A broadcast's replay
 * logo flies in (growing, fading in) over the last live frames, the replay starts under it, and the same or
 * another logo flies in again where the replay ends; so a replay is the stretch between two logo appearances.
 *
 * <p>Search is coarse to fine, on normalised cross-correlation (TM_CCOEFF_NORMED, insensitive to the
 * brightness and contrast changes a semi-transparent logo gets from the video under it): every logo at every
 * on-screen size from {@code logo-min-height} to {@code logo-max-height} of the frame height (steps of 1.2x)
 * is matched against a coarse picture (64x36 by default); the best size and place is then confirmed on the
 * fine picture (128x72) in a small window, and a hit needs {@code logo-min-score} there. An animated logo
 * is found at the frames where it is big enough. Appearances longer than {@code logo-max-appearance-seconds} are
 * a permanent overlay (a channel bug), not a transition, and are ignored.
 */
final class ReplayLogoDetector implements FrameAnalyser, AutoCloseable {

    /** The analyser sees the fine picture, twice the small frame (128x72 by default), and averages it 2x down. */
    private static final int SCALE = 2;
    private static final double SIZE_STEP = 1.2;
    /** The coarse match must reach this share of logo-min-score before the fine one is tried. */
    private static final double COARSE_SHARE = 0.8;
    /** Half-width of the fine search window around the coarse hit, in fine pixels. */
    private static final int FINE_MARGIN = 3;
    /** A matched window flatter than this (grey-level standard deviation) is no logo (black frames, fades). */
    private static final double MIN_WINDOW_STDDEV = 6;

    private record Size2(Mat coarse, Mat fine) {
    }

    private record Hit(double time, double score) {
    }

    private record Appearance(double start, double end, double score) {
        double middle() {
            return (start + end) / 2;
        }
    }

    private final AnalysisProperties properties;
    private final int frameStep;
    private final List<List<Size2>> templates = new ArrayList<>(); // per logo, per size
    private final List<Hit> hits = new ArrayList<>();
    private final Mat fine;
    private final Mat coarse;
    private final Mat result = new Mat();
    private final byte[] coarseBytes;
    private final int fineW;
    private final int fineH;
    private final double frameSeconds;

    /** {@code logos}: grey logo images (closed by the caller). */
    ReplayLogoDetector(AnalysisProperties properties, double fps, List<Mat> logos) {
        this.properties = properties;
        this.frameStep = Math.max(1, properties.logoFrameStep());
        this.frameSeconds = frameStep / fps;
        this.fineW = properties.frameWidth() * SCALE;
        this.fineH = properties.frameHeight() * SCALE;
        this.fine = new Mat(fineH, fineW, CV_8UC1);
        this.coarse = new Mat(fineH / 2, fineW / 2, CV_8UC1);
        this.coarseBytes = new byte[(fineW / 2) * (fineH / 2)];
        int coarseH = fineH / 2;
        int coarseW = fineW / 2;
        for (Mat logo : logos) {
            List<Size2> sizes = new ArrayList<>();
            double aspect = logo.cols() / (double) logo.rows();
            for (double h = properties.logoMinHeight() * coarseH; h <= properties.logoMaxHeight() * coarseH + 1e-9;
                 h *= SIZE_STEP) {
                int th = (int) Math.round(h);
                int tw = (int) Math.round(h * aspect);
                if (th < 4 || tw < 4 || th > coarseH || tw > coarseW) {
                    continue;
                }
                Mat c = new Mat();
                Mat f = new Mat();
                resize(logo, c, new Size(tw, th), 0, 0, INTER_AREA);
                resize(logo, f, new Size(tw * 2, th * 2), 0, 0, INTER_AREA);
                sizes.add(new Size2(c, f));
            }
            templates.add(sizes);
        }
    }

    /**
     * The logo images as grey pictures for matching: cropped to their opaque part (transparent pixels, which show
     * the video under them, take the logo's mean grey so they do not count). An unreadable or flat image is left
     * out with a warning.
     */
    static List<Mat> load(List<RegisteredMedia.Image> images, List<String> warnings) {
        List<Mat> logos = new ArrayList<>();
        for (RegisteredMedia.Image image : images) {
            Mat logo = loadOne(image.file().toString());
            if (logo == null) {
                warnings.add("SlowMotionLogoRegister: " + image.entry() + " is not an image OpenCV can read"
                        + " (PNG, JPEG, BMP, WebP); it was ignored.");
                continue;
            }
            try (Mat mean = new Mat(); Mat dev = new Mat()) {
                meanStdDev(logo, mean, dev);
                if (logo.cols() < 8 || logo.rows() < 8
                        || ((org.bytedeco.javacpp.indexer.DoubleIndexer) dev.createIndexer()).get(0) < 10) {
                    warnings.add("SlowMotionLogoRegister: " + image.entry() + " is too small or too plain to be"
                            + " found in video (needs at least 8x8 pixels and some contrast); it was ignored.");
                    logo.close();
                    continue;
                }
            }
            logos.add(logo);
        }
        return logos;
    }

    private static Mat loadOne(String file) {
        try (Mat raw = imread(file, IMREAD_UNCHANGED)) {
            if (raw.empty()) {
                return null;
            }
            Mat grey = new Mat();
            int channels = raw.channels();
            if (channels == 1) {
                raw.copyTo(grey);
            } else {
                cvtColor(raw, grey, channels == 4 ? COLOR_BGRA2GRAY : COLOR_BGR2GRAY);
            }
            if (grey.depth() != CV_8U) {
                Mat eight = new Mat();
                grey.convertTo(eight, CV_8U, grey.depth() == org.bytedeco.opencv.global.opencv_core.CV_16U
                        ? 1 / 257.0 : 1, 0);
                grey.close();
                grey = eight;
            }
            if (channels != 4) {
                return grey;
            }
            try (MatVector planes = new MatVector(); Mat alpha = new Mat(); Mat opaque = new Mat();
                 Mat points = new Mat()) {
                split(raw, planes);
                planes.get(3).convertTo(alpha, CV_8U, raw.depth() == org.bytedeco.opencv.global.opencv_core.CV_16U
                        ? 1 / 257.0 : 1, 0);
                threshold(alpha, opaque, 127, 255, THRESH_BINARY);
                findNonZero(opaque, points);
                if (points.empty()) {
                    grey.close();
                    return null;
                }
                Rect box = boundingRect(points);
                Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(grey, opaque);
                try (Mat transparent = new Mat()) {
                    org.bytedeco.opencv.global.opencv_core.bitwise_not(opaque, transparent);
                    grey.setTo(new Mat(new Scalar(mean.get(0))), transparent);
                }
                Mat cropped = new Mat(grey, box).clone();
                grey.close();
                return cropped;
            }
        }
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
        Pixels.boxDownsample(frame.luma(), fineW, fineH, 2, coarseBytes);
        fine.data().put(frame.luma(), 0, fineW * fineH);
        coarse.data().put(coarseBytes);
        double best = 0;
        for (List<Size2> sizes : templates) {
            best = Math.max(best, bestMatch(sizes));
        }
        if (best >= properties.logoMinScore()) {
            hits.add(new Hit(frame.time(), best));
        }
    }

    /** Best confirmed score of one logo over its sizes, 0 when no size passes the coarse test. */
    private double bestMatch(List<Size2> sizes) {
        double best = 0;
        Point where = new Point();
        DoublePointer max = new DoublePointer(1);
        try (where; max) {
            Size2 bestSize = null;
            int bx = 0;
            int by = 0;
            double coarseBest = properties.logoMinScore() * COARSE_SHARE;
            for (Size2 size : sizes) {
                matchTemplate(coarse, size.coarse(), result, TM_CCOEFF_NORMED);
                minMaxLoc(result, null, max, null, where, null);
                double score = max.get();
                if (Double.isFinite(score) && score > coarseBest) {
                    coarseBest = score;
                    bestSize = size;
                    bx = where.x();
                    by = where.y();
                }
            }
            if (bestSize == null) {
                return 0;
            }
            Mat t = bestSize.fine();
            int x0 = Math.max(0, 2 * bx - FINE_MARGIN);
            int y0 = Math.max(0, 2 * by - FINE_MARGIN);
            int x1 = Math.min(fineW, 2 * bx + t.cols() + FINE_MARGIN);
            int y1 = Math.min(fineH, 2 * by + t.rows() + FINE_MARGIN);
            try (Mat window = new Mat(fine, new Rect(x0, y0, x1 - x0, y1 - y0))) {
                matchTemplate(window, t, result, TM_CCOEFF_NORMED);
                minMaxLoc(result, null, max, null, where, null);
                best = max.get();
                try (Mat matched = new Mat(window, new Rect(where.x(), where.y(), t.cols(), t.rows()));
                     Mat mean = new Mat(); Mat dev = new Mat()) {
                    meanStdDev(matched, mean, dev);
                    if (dev.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer d
                            && d.get(0) < MIN_WINDOW_STDDEV) {
                        return 0;
                    }
                }
            }
        }
        return Double.isFinite(best) ? best : 0;
    }

    /** The replays: appearances paired in order, "in" with the next "out" no more than replay-max-seconds later. */
    List<Replay> replays() {
        List<Appearance> appearances = new ArrayList<>();
        double gap = Math.max(properties.logoMaxGapSeconds(), 1.5 * frameSeconds);
        Hit first = null;
        Hit last = null;
        double score = 0;
        for (Hit hit : hits) {
            if (last != null && hit.time() - last.time() > gap) {
                appearances.add(new Appearance(first.time(), last.time() + frameSeconds, score));
                first = null;
            }
            if (first == null) {
                first = hit;
                score = 0;
            }
            score = Math.max(score, hit.score());
            last = hit;
        }
        if (first != null) {
            appearances.add(new Appearance(first.time(), last.time() + frameSeconds, score));
        }
        appearances.removeIf(a -> a.end() - a.start() > properties.logoMaxAppearanceSeconds());
        List<Replay> replays = new ArrayList<>();
        Appearance in = null;
        for (Appearance a : appearances) {
            if (in != null && a.middle() - in.middle() <= properties.replayMaxSeconds()) {
                if (a.middle() - in.middle() >= properties.replayMinSeconds()) {
                    replays.add(new Replay(in.middle(), a.middle(), Math.min(in.score(), a.score())));
                    in = null;
                    continue;
                }
            }
            in = a;
        }
        return List.copyOf(replays);
    }

    @Override
    public void close() {
        for (List<Size2> sizes : templates) {
            for (Size2 s : sizes) {
                s.coarse().close();
                s.fine().close();
            }
        }
        fine.close();
        coarse.close();
        result.close();
    }
}
