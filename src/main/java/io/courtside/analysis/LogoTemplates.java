package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8U;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.findNonZero;
import static org.bytedeco.opencv.global.opencv_core.magnitude;
import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;
import static org.bytedeco.opencv.global.opencv_core.split;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_UNCHANGED;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.TM_CCOEFF_NORMED;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.matchTemplate;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import java.util.ArrayList;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered replay logos as {@link ReplayLogoDetector} matches them: per logo, its grey templates at every
 * on-screen size searched (its larger side from {@code logo-min-height} to {@code logo-max-height} of the frame
 * height, in the logo's own size step, see MAX_SIZE_STEP) on the coarse and the fine picture, with the gradient
 * magnitudes of the fine one (for the shape score) and, for a logo with transparent parts (a round emblem), masks of
 * its opaque pixels, so the video showing through its corners does not count against it; its colour
 * ({@link LogoColour}); and the opaque part of a hit's patch. Loading the images ({@link #load}) and the masked
 * correlation every match uses ({@link #match}) live here too.
 */
final class LogoTemplates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogoTemplates.class);
    /**
     * Sizes are searched in steps of the square of the scale factor at which the logo's own template still scores
     * SIZE_KEEP_SCORE against itself (so a logo halfway between two sizes loses at most that), measured on each
     * logo at registration at SIZE_REFERENCE fine pixels; the step lies within MIN_SIZE_STEP-MAX_SIZE_STEP. A
     * logo of broad areas tolerates a wrong size; one of thin outlines (a hexagon's, a ring's) does not. Measured
     * at 28 px (1.02-1.20, both ways): the round emblem keeps 0.79 at 1.08 (step 1.17), the triangle 0.83 (1.17),
     * the shield, hexagon and ring outline 0.75-0.82 at 1.04 only (1.08), a thin ring 0.67 at 1.02 (1.06); 0.9
     * put every logo at the 1.06 floor (three times the sizes of 1.2).
     */
    private static final double MAX_SIZE_STEP = 1.2;
    private static final double MIN_SIZE_STEP = 1.06;
    private static final double SIZE_KEEP_SCORE = 0.75;
    private static final int SIZE_REFERENCE = 28;
    /**
     * A template narrower or lower than this many fine pixels carries too little of the logo to match (a 3:1 banner
     * 10 % of the width is 4.3 fine pixels high at 128x72).
     */
    private static final int MIN_FINE_SIDE = 4;
    /**
     * Each hit keeps its matched window at PATCH_SIDE x PATCH_SIDE pixels (100 bytes), so a step of an appearance
     * can be judged by what the match shows on each side of it (see {@link LogoChains#carried}).
     */
    static final int PATCH_SIDE = 10;
    /** A logo at least this share opaque is matched without a mask (a mask costs several correlations). */
    private static final double MASK_MAX_OPAQUE_SHARE = 0.97;

    /**
     * One on-screen size of a logo: grey templates, and masks of its opaque part when it has transparency;
     * {@code fineStd}: the fine template's grey-level standard deviation (over its mask), for
     * {@link LogoChains.Hit#contrast}.
     */
    record LogoSize(Mat coarse, Mat fine, Mat fineEdges, Mat coarseMask, Mat fineMask, double height,
                    double fineStd) {
    }

    private final List<List<LogoSize>> sizes = new ArrayList<>(); // per logo, smallest first
    private final List<LogoColour> colours = new ArrayList<>(); // per logo, null entries: not compared
    private final List<boolean[]> patchMasks = new ArrayList<>(); // per logo, its opaque part in a patch, or null

    /**
     * Templates of {@code logos} (images as {@link #load} gives them, closed by the caller) for a coarse picture of
     * {@code coarseW x coarseH} pixels and a fine one twice that.
     */
    LogoTemplates(AnalysisProperties properties, int coarseW, int coarseH, List<Mat> logos) {
        for (Mat given : logos) {
            Mat logo = grey(given);
            Mat alpha = alphaOf(given);
            colours.add(LogoColour.of(given, alpha));
            List<LogoSize> logoSizes = new ArrayList<>();
            double aspect = logo.cols() / (double) logo.rows();
            Mat maskSource = properties.logoMasks() ? alpha : null;
            double step = sizeStep(logo, maskSource);
            patchMasks.add(patchMask(maskSource));
            log.debug("replay logo {}: sizes searched in steps of {}", sizes.size(), String.format("%.3f", step));
            // Sizes by the logo's larger side (its height for a square or tall logo, its width for a wide banner), so
            // a 3:1 banner at 10-30 % of the width is searched as a square logo of that width is.
            for (double side = properties.logoMinHeight() * coarseH;
                 side <= properties.logoMaxHeight() * coarseH + 1e-9; side *= step) {
                double h = aspect > 1 ? side / aspect : side;
                int th = (int) Math.round(h);
                int tw = (int) Math.round(h * aspect);
                // at least MIN_FINE_SIDE fine pixels each way (the smallest sizes are matched there)
                if (2 * h < MIN_FINE_SIDE || 2 * h * aspect < MIN_FINE_SIDE || th > coarseH || tw > coarseW) {
                    continue;
                }
                th = Math.max(1, th);
                tw = Math.max(1, tw);
                Size coarseSize = new Size(tw, th);
                Size fineSize = new Size((int) Math.round(2 * h * aspect), (int) Math.round(2 * h));
                Mat c = new Mat();
                Mat f = new Mat();
                resize(logo, c, coarseSize, 0, 0, INTER_AREA);
                resize(logo, f, fineSize, 0, 0, INTER_AREA);
                Mat fineMask = maskAt(maskSource, fineSize);
                logoSizes.add(new LogoSize(c, f, edges(f), maskAt(maskSource, coarseSize), fineMask,
                        th / (double) coarseH, LogoStrength.deviation(f, fineMask)));
            }
            this.sizes.add(logoSizes);
            logo.close();
            if (alpha != null) {
                alpha.close();
            }
        }
    }

    int count() {
        return sizes.size();
    }

    /** One logo's sizes, smallest first. */
    List<LogoSize> sizes(int logo) {
        return sizes.get(logo);
    }

    /** One logo's colour, null when it has none to compare. */
    LogoColour colour(int logo) {
        return colours.get(logo);
    }

    boolean anyColour() {
        return colours.stream().anyMatch(java.util.Objects::nonNull);
    }

    /** Per logo, the opaque part of a hit's PATCH_SIDE x PATCH_SIDE patch, or null when all of it counts. */
    List<boolean[]> patchMasks() {
        return patchMasks;
    }

    /**
     * The size step for one logo (see MAX_SIZE_STEP): the logo's template at SIZE_REFERENCE fine pixels (its
     * larger side) matched against the logo itself drawn larger and smaller by factors 1.01, 1.02, ... on its own
     * mean grey; the step is the square of the largest factor both ways still scoring SIZE_KEEP_SCORE.
     */
    static double sizeStep(Mat grey, Mat mask) {
        double aspect = grey.cols() / (double) grey.rows();
        double keep = 1;
        try (Mat template = scaled(grey, aspect, SIZE_REFERENCE); Mat templateMask = mask == null ? null
                : scaledMask(mask, template.cols(), template.rows())) {
            Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(grey);
            for (double f = 1.01; f * f <= MAX_SIZE_STEP + 1e-9; f += 0.01) {
                if (Math.min(selfScore(grey, aspect, template, templateMask, mean, f),
                        selfScore(grey, aspect, template, templateMask, mean, 1 / f)) < SIZE_KEEP_SCORE) {
                    break;
                }
                keep = f;
            }
        }
        return Math.max(MIN_SIZE_STEP, Math.min(MAX_SIZE_STEP, keep * keep));
    }

    private static Mat scaled(Mat grey, double aspect, double side) {
        Mat out = new Mat();
        int w = (int) Math.max(2, Math.round(aspect >= 1 ? side : side * aspect));
        int h = (int) Math.max(2, Math.round(aspect >= 1 ? side / aspect : side));
        resize(grey, out, new Size(w, h), 0, 0, INTER_AREA);
        return out;
    }

    private static Mat scaledMask(Mat mask, int w, int h) {
        Mat out = new Mat();
        resize(mask, out, new Size(w, h), 0, 0, INTER_AREA);
        threshold(out, out, 127, 255, THRESH_BINARY);
        return out;
    }

    /** The best score of the template over the logo drawn at factor {@code f} of its size, on its mean grey. */
    private static double selfScore(Mat grey, double aspect, Mat template, Mat mask, Scalar background, double f) {
        try (Mat drawn = scaled(grey, aspect, SIZE_REFERENCE * f);
             Mat canvas = new Mat(Math.max(drawn.rows(), template.rows()) + 6,
                     Math.max(drawn.cols(), template.cols()) + 6, CV_8UC1, new Scalar(background.get(0)));
             Mat out = new Mat(); DoublePointer max = new DoublePointer(1)) {
            int x = (canvas.cols() - drawn.cols()) / 2;
            int y = (canvas.rows() - drawn.rows()) / 2;
            try (Mat place = new Mat(canvas, new Rect(x, y, drawn.cols(), drawn.rows()))) {
                drawn.copyTo(place);
            }
            match(canvas, template, mask, out);
            minMaxLoc(out, null, max, null, null, null);
            return Double.isFinite(max.get()) ? max.get() : 0;
        }
    }

    /** The opaque pixels of a logo's patch (PATCH_SIDE x PATCH_SIDE), or null when all count (no mask). */
    private static boolean[] patchMask(Mat alpha) {
        if (alpha == null) {
            return null;
        }
        try (Mat mask = maskAt(alpha, new Size(PATCH_SIDE, PATCH_SIDE))) {
            return maskPixels(mask);
        }
    }

    /**
     * The grey picture matched: a BGRA logo's transparent pixels take its opaque part's mean grey (so the unmasked
     * sizes do not see a made-up edge); a grey one as given.
     */
    private static Mat grey(Mat logo) {
        Mat grey = new Mat();
        if (logo.channels() == 1) {
            logo.copyTo(grey);
            return grey;
        }
        cvtColor(logo, grey, logo.channels() == 4 ? COLOR_BGRA2GRAY : COLOR_BGR2GRAY);
        if (logo.channels() == 4) {
            try (MatVector planes = new MatVector(); Mat opaque = new Mat(); Mat transparent = new Mat()) {
                split(logo, planes);
                threshold(planes.get(3), opaque, 127, 255, THRESH_BINARY);
                Scalar mean = org.bytedeco.opencv.global.opencv_core.mean(grey, opaque);
                org.bytedeco.opencv.global.opencv_core.bitwise_not(opaque, transparent);
                grey.setTo(new Mat(new Scalar(mean.get(0))), transparent);
            }
        }
        return grey;
    }

    /**
     * The logo's alpha as a match mask (255 opaque, 0 transparent), or null when it has none or is (nearly) all
     * opaque: a round emblem's transparent corners show the video under it and must not count against the match.
     */
    private static Mat alphaOf(Mat logo) {
        if (logo.channels() != 4) {
            return null;
        }
        Mat opaque = new Mat();
        try (MatVector planes = new MatVector()) {
            split(logo, planes);
            threshold(planes.get(3), opaque, 127, 255, THRESH_BINARY);
        }
        double share = org.bytedeco.opencv.global.opencv_core.countNonZero(opaque) / (double) opaque.total();
        if (share >= MASK_MAX_OPAQUE_SHARE) {
            opaque.close();
            return null;
        }
        return opaque;
    }

    /** The mask at one template size (binary, 255 where at least half opaque), or null without a mask. */
    static Mat maskAt(Mat alpha, Size size) {
        if (alpha == null) {
            return null;
        }
        Mat mask = new Mat();
        resize(alpha, mask, size, 0, 0, INTER_AREA);
        threshold(mask, mask, 127, 255, THRESH_BINARY);
        return mask;
    }

    /** Gradient magnitude (Sobel) of a grey picture, as 32-bit floats. */
    static Mat edges(Mat grey) {
        Mat out = new Mat();
        try (Mat dx = new Mat(); Mat dy = new Mat()) {
            Sobel(grey, dx, CV_32F, 1, 0);
            Sobel(grey, dy, CV_32F, 0, 1);
            magnitude(dx, dy, out);
        }
        return out;
    }

    /**
     * The logo images for matching, as 8-bit BGRA cropped to their opaque part (a logo without alpha is all
     * opaque): the detector matches their grey, masks out their transparent pixels (which show the video under
     * them) and checks their colour. An unreadable or flat image is left out with a warning.
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
            try (Mat grey = grey(logo); Mat mean = new Mat(); Mat dev = new Mat()) {
                meanStdDev(grey, mean, dev);
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
            Mat eight = new Mat();
            raw.convertTo(eight, CV_8U, raw.depth() == org.bytedeco.opencv.global.opencv_core.CV_16U ? 1 / 257.0 : 1,
                    0);
            int channels = raw.channels();
            Mat bgra = eight;
            if (channels != 4) {
                bgra = new Mat();
                cvtColor(eight, bgra, channels == 1 ? org.bytedeco.opencv.global.opencv_imgproc.COLOR_GRAY2BGRA
                        : org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2BGRA);
                eight.close();
            }
            try (MatVector planes = new MatVector(); Mat opaque = new Mat(); Mat points = new Mat()) {
                split(bgra, planes);
                threshold(planes.get(3), opaque, 127, 255, THRESH_BINARY);
                findNonZero(opaque, points);
                if (points.empty()) {
                    bgra.close();
                    return null;
                }
                Rect box = boundingRect(points);
                Mat cropped = new Mat(bgra, box).clone();
                bgra.close();
                return cropped;
            }
        }
    }

    /**
     * Normalised cross-correlation of the template over the picture, only over the mask's pixels when there is
     * one; a masked correlation is undefined (OpenCV gives inf or NaN) where the picture is flat under the mask:
     * those places score 0.
     */
    static void match(Mat picture, Mat template, Mat mask, Mat out) {
        if (mask == null) {
            matchTemplate(picture, template, out, TM_CCOEFF_NORMED);
            return;
        }
        matchTemplate(picture, template, out, TM_CCOEFF_NORMED, mask);
        org.bytedeco.opencv.global.opencv_core.patchNaNs(out, 0);
        threshold(out, out, 1.0001, 0, org.bytedeco.opencv.global.opencv_imgproc.THRESH_TOZERO_INV);
    }

    /** A binary mask's pixels, true where set. */
    static boolean[] maskPixels(Mat mask) {
        byte[] m = new byte[mask.rows() * mask.cols()];
        mask.data().get(m);
        boolean[] on = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            on[i] = m[i] != 0;
        }
        return on;
    }

    @Override
    public void close() {
        for (List<LogoSize> logo : sizes) {
            for (LogoSize s : logo) {
                s.coarse().close();
                s.fine().close();
                s.fineEdges().close();
                if (s.coarseMask() != null) {
                    s.coarseMask().close();
                    s.fineMask().close();
                }
            }
        }
        for (LogoColour c : colours) {
            if (c != null) {
                c.close();
            }
        }
    }
}
