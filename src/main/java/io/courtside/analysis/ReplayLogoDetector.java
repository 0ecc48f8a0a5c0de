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
import static org.bytedeco.opencv.global.opencv_imgproc.Sobel;
import static org.bytedeco.opencv.global.opencv_core.CV_32F;
import static org.bytedeco.opencv.global.opencv_core.magnitude;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.courtside.media.MediaInputs;

/**
 * Finds registered replay logos in the frames, verifies each appearance and pairs appearances into plausible
 * replays. A broadcast's replay logo wipes in (growing, fading in, sliding) over the last live frames, the replay
 * starts under it, and the same logo wipes in again where the replay ends; so a replay is the stretch between two
 * logo appearances, when that stretch is plausible.
 *
 * <p><b>Matching.</b> Coarse to fine, on normalised cross-correlation (TM_CCOEFF_NORMED, insensitive to the
 * brightness and contrast changes a semi-transparent logo gets from the video under it): every logo at every
 * on-screen size (its larger side) from {@code logo-min-height} to {@code logo-max-height} of the frame height
 * (in the logo's own size step, see MAX_SIZE_STEP; every other size first, then the sizes next to the best few,
 * REFINE_SHARE) is
 * matched against a coarse picture (64x36 by default); the best size and place is confirmed on the fine picture
 * (128x72) in a small window, and a hit needs {@code logo-min-score} there.
 *
 * <p><b>Verification</b> (one template score is no evidence in an arena full of ads, crowds and court paint):
 * each hit also gets a shape score (correlation of the gradient magnitudes of the matched window and the logo:
 * the logo's outline must be there, not only a similar grey pattern) and a scale agreement (the neighbouring sizes
 * peak at the same place, as they do on a real logo and seldom on clutter). Hits chain into an appearance only
 * across consecutive sampled frames, moving and scaling as a wipe does (the centre moves less than the logo's size,
 * the size changes less than 1.7x a step) and must grow, shrink or travel against the picture around it (a wipe
 * moves on its own; a match that stays put, or moves as its surroundings do, is something printed in the scene:
 * court paint, the logo on an LED board under a panning camera; see {@link #sceneVelocity}; a step onto something
 * else that was already in the picture, the matched content changing across it, is no motion of the logo:
 * {@link #carried}); an appearance needs {@code logo-min-hits} hits and lasts at most
 * {@code logo-max-appearance-seconds} (longer is a permanent overlay). Its confidence combines the four
 * ({@link #confidence}) and appearances under {@code logo-min-confidence} are dropped. The decode pass averages
 * luma only, so colour is checked afterwards on the few appearances left ({@link #appearances(Path)}: one frame
 * each decoded again in colour). A logo with transparent parts (a round emblem) is matched only over its opaque
 * pixels (masked correlation), so the video showing through its corners does not count against it.
 *
 * <p><b>Pairing</b> ({@link #replays(ReplayBounds)}): an "in" appearance pairs with the first later one that is
 * the same logo at a similar size (within 1.6x) and place (centres within a quarter of the frame), with a length
 * within the sport's {@link ReplayBounds}, enclosing no end of another replay (an appearance alike to either, or
 * one that pairs with another appearance), and whose stretch between looks
 * like a replay: slowed down as a whole and in each half (motion per frame under {@value ReplayPairing#SLOW_RATIO} of the live
 * play it repeats, when that was found, else of the live stretch before it, or at least {@value ReplayPairing#MIN_REPEAT_SHARE}
 * of its frames repeated) or from a view the live stretch before did not show; of candidates sharing an
 * appearance the more confident is kept. The replayed live play is found by
 * matching the replay's frames (16x9 thumbnails) to the frames before it.
 */
final class ReplayLogoDetector implements FrameAnalyser, AutoCloseable {

    /** The analyser sees the fine picture, twice the small frame (128x72 by default), and averages it 2x down. */
    private static final Logger log = LoggerFactory.getLogger(ReplayLogoDetector.class);
    private static final int SCALE = 2;
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
    /** The coarse match must reach this share of logo-min-score before the fine one is tried. */
    private static final double COARSE_SHARE = 0.8;
    /**
     * Sizes are searched coarse to fine: every other size first; the sizes next to the best CANDIDATES of those
     * are searched when it reaches this share of the score a candidate needs (a logo between two searched sizes
     * scores less at both).
     */
    private static final double REFINE_SHARE = 0.8;
    /** Half-width of the fine search window around the coarse hit, in fine pixels. */
    private static final int FINE_MARGIN = 3;
    /** Logo search samples at most about this many frames a second (more adds cost, not evidence). */
    private static final double MAX_SAMPLES_PER_SECOND = 15;
    /** Sizes under this many coarse pixels high are searched on the fine picture. */
    private static final int FINE_ONLY_HEIGHT = 8;
    /**
     * A template narrower or lower than this many fine pixels carries too little of the logo to match (a 3:1 banner
     * 10 % of the width is 4.3 fine pixels high at 128x72).
     */
    private static final int MIN_FINE_SIDE = 4;
    /** Coarse candidates (best sizes) confirmed on the fine picture per frame and logo. */
    private static final int CANDIDATES = 3;
    /** An appearance must grow or shrink by this factor, or travel this share of its size: a wipe moves. */
    private static final double WIPE_MIN_GROWTH = 1.25;
    private static final double WIPE_MIN_TRAVEL = 0.25;
    /** A hit scoring at least this share of its appearance's best is strong (its size can be the appearance's). */
    private static final double STRONG_SHARE = 0.9;
    /** A matched window flatter than this (grey-level standard deviation) is no logo (black frames, fades). */
    private static final double MIN_WINDOW_STDDEV = 6;
    /** A neighbouring size agrees when it scores this share of the best and peaks this close (share of the size). */
    private static final double AGREE_SCORE_SHARE = 0.75;
    private static final double AGREE_PLACE_SHARE = 0.35;
    /** Consecutive hits of one appearance: centre moves less than this share of the size, size changes < 1.7x. */
    private static final double WIPE_MAX_STEP = 1.0;
    private static final double WIPE_MAX_GROWTH = 1.7;
    /**
     * The scene's motion around a hit is measured against the sampled picture this many samples back: strips just
     * outside the hit (above, below, left, right) are searched for there within SCENE_SEARCH fine pixels, and
     * count when they correlate at SCENE_MATCH or more and are not flat.
     */
    private static final int SCENE_LAG = 3;
    private static final int SCENE_SEARCH = 10;
    private static final double SCENE_MATCH = 0.6;
    private static final double SCENE_MIN_STDDEV = 5;
    /** A frame changing this many times the median change around it, and at least CUT_MIN_CHANGE, is a cut. */
    private static final double CUT_FACTOR = 4;
    private static final double CUT_MIN_CHANGE = 12;
    /** Travel against the scene (share of the logo's size) a wipe that does not grow must reach. */
    private static final double WIPE_MIN_RELATIVE_TRAVEL = 0.4;
    /**
     * A chain fades in (or out) when its logo's contrast rises by this factor over its first consecutive hits (falls
     * as much over its last) more than the picture around it does, each step keeping the matched content (windows
     * correlating at FADE_MIN_KEPT) and not falling under FADE_STEP_SLACK of the step before (noise).
     */
    private static final double FADE_MIN_RISE = 1.4;
    private static final double FADE_MIN_KEPT = 0.7;
    private static final double FADE_STEP_SLACK = 0.9;
    /**
     * Fade evidence from the sampled pictures beside a chain (see {@link #fadesFromNothing}): the logo's strength at
     * the chain's place in the sample just before its first hit (or just after its last) is at most EMPTY_SHARE of
     * the hit's, the picture around it keeping SURROUND_KEPT of its contrast, and the hits' own strength still rises
     * (or falls) by SEEN_MIN_RISE over the chain's end: the logo came from nothing gradually, not in one step.
     */
    private static final double EMPTY_SHARE = 0.35;
    private static final double SURROUND_KEPT = 0.7;
    private static final double SEEN_MIN_RISE = 1.1;
    /**
     * Slide evidence from the sampled pictures beside a chain (see {@link #slidesFromNothing}): where the logo did
     * not show at the chain's place, it showed displaced by WIPE_MIN_TRAVEL of its size or more, at least
     * SLID_MIN_SHARE of the hit's strength (still fading in).
     */
    private static final double SLID_MIN_SHARE = 0.5;
    /**
     * Each hit keeps its matched window at PATCH_SIDE x PATCH_SIDE pixels (100 bytes), so a step of an appearance
     * can be judged by what the match shows on each side of it (see {@link #carried}).
     */
    private static final int PATCH_SIDE = 10;
    /** A logo at least this share opaque is matched without a mask (a mask costs several correlations). */
    private static final double MASK_MAX_OPAQUE_SHARE = 0.97;
    /** The colour check compares logo and frame patch at this larger side, in pixels. */
    private static final int COLOUR_SIDE = 24;
    /** A logo whose chroma (Lab a, b) spreads and sits nearer grey than this has no colour to check. */
    private static final double COLOUR_MIN_SPREAD = 6;
    /**
     * A patch agrees in colour when its mean chroma is the logo's mixed with the scene's around it at an opacity of
     * COLOUR_MIN_OPACITY or more, within COLOUR_MAX_DISTANCE (Lab units); when the logo's mean chroma is within
     * COLOUR_MIN_CONTRAST of the scene's, colour cannot tell and the appearance stays.
     */
    static final double COLOUR_MIN_OPACITY = 0.4;
    static final double COLOUR_MAX_DISTANCE = 12;
    static final double COLOUR_MIN_CONTRAST = 10;

    /** One on-screen size of a logo: grey templates, and masks of its opaque part when it has transparency. */
    /** {@code fineStd}: the fine template's grey-level standard deviation (over its mask), for {@link Hit#contrast}. */
    private record Size2(Mat coarse, Mat fine, Mat fineEdges, Mat coarseMask, Mat fineMask, double height,
                         double fineStd) {
    }

    /**
     * A logo's colour for the colour check: its BGR picture and opaque mask at a small size (larger side
     * COLOUR_SIDE), null when the logo has no colour to compare (grey, or one flat colour).
     */
    private record LogoColour(Mat bgr, Mat opaque, double aspect) {
    }

    /**
     * One verified-or-not match of one logo in one sampled frame; {@code sceneVx, sceneVy}: how fast the picture
     * around it moves (fine pixels a second, NaN when its surroundings are too flat to tell).
     */
    record Hit(double time, int logo, double score, double shape, boolean agree, double height, double x,
               double y, double sceneVx, double sceneVy, byte[] patch, double before, double contrast,
               double surround, Beside prior, Beside after) {

        /**
         * A hit without its contrasts ({@code contrast}: how strongly the matched window shows the logo, the slope of
         * its grey levels on the template's, about the logo's opacity; {@code surround}: the grey-level standard
         * deviation of the picture just around it; see {@link #fades}) and without the pictures beside it measured
         * ({@code prior}, {@code after}: see {@link Beside}), for tests of the tracking.
         */
        Hit(double time, int logo, double score, double shape, boolean agree, double height, double x, double y,
            double sceneVx, double sceneVy, byte[] patch, double before) {
            this(time, logo, score, shape, agree, height, x, y, sceneVx, sceneVy, patch, before, Double.NaN,
                    Double.NaN, Beside.UNKNOWN, Beside.UNKNOWN);
        }

        /**
         * A hit without its content ({@code patch}: the matched window at PATCH_SIDE x PATCH_SIDE; {@code before}:
         * how it correlates with what the previous sampled picture showed at its place, see {@link #before}).
         */
        Hit(double time, int logo, double score, double shape, boolean agree, double height, double x, double y,
            double sceneVx, double sceneVy) {
            this(time, logo, score, shape, agree, height, x, y, sceneVx, sceneVy, null, Double.NaN);
        }

        boolean sceneKnown() {
            return !Double.isNaN(sceneVx);
        }

        Hit withAfter(Beside measured) {
            return new Hit(time, logo, score, shape, agree, height, x, y, sceneVx, sceneVy, patch, before, contrast,
                    surround, prior, measured);
        }
    }

    /**
     * The logo's strength at a hit's place (its size and template; the scene's motion taken out) in the sampled
     * picture just before or just after the hit's: {@code contrast} as {@link Hit#contrast} measures it (0 when the
     * template does not correlate there), {@code surround} as {@link Hit#surround}; NaN when not measured (no such
     * picture, the place outside it). A logo fading or wiping in was not there a sample before; something printed
     * in the scene was. Where the logo does not show at that place, and the scene's motion there is known, the
     * picture is also searched within a logo's size around it ({@code shiftX, shiftY}, {@code shifted}): a logo
     * sliding in shows there, displaced along its slide (see {@link #slidesFromNothing}).
     */
    record Beside(double contrast, double surround, double shiftX, double shiftY, double shifted) {
        static final Beside UNKNOWN = new Beside(Double.NaN, Double.NaN);

        /** Not searched around (see below). */
        Beside(double contrast, double surround) {
            this(contrast, surround, Double.NaN, Double.NaN, Double.NaN);
        }

        /** How far from the measured place the logo showed best (fine pixels), NaN when not searched or found. */
        double shift() {
            return Math.hypot(shiftX, shiftY);
        }

        boolean known() {
            return !Double.isNaN(contrast) && !Double.isNaN(surround);
        }

        /**
         * The same measurement and where the logo shows best within a logo's size around that place ({@code
         * shiftX, shiftY}: from the place to there, fine pixels; {@code shifted}: its strength there; NaN when not
         * searched or not found).
         */
        Beside around(double[] near, double fromX, double fromY) {
            return near == null ? this : new Beside(contrast, surround, near[1] - fromX, near[2] - fromY, near[0]);
        }
    }

    /**
     * A hit of the last sampled frame ({@code index} into the hits) and where it was matched, to measure it in the
     * next one ({@link Hit#after}).
     */
    private record Pending(int index, Size2 size, int bx, int by, double[] scene, double time) {
    }

    /** A confirmed hit and where it was matched ({@code index} not known yet: -1). */
    private record Confirmed(Hit hit, Pending where) {
    }

    private final AnalysisProperties properties;
    private final double fps;
    private final int frameStep;
    private final List<List<Size2>> templates = new ArrayList<>(); // per logo, per size
    private final List<LogoColour> colours = new ArrayList<>(); // per logo, null entries: not compared
    private final List<Double> steps = new ArrayList<>(); // per logo, its size step
    private final List<boolean[]> patchMasks = new ArrayList<>(); // per logo, its opaque part in a patch, or null
    private final List<Hit> hits = new ArrayList<>();
    private final Mat fine;
    private final Mat coarse;
    private final Mat result = new Mat();
    private final byte[] coarseBytes;
    private final int fineW;
    private final int fineH;
    private final double frameSeconds;
    private final FrameChanges changes;
    private final LogoStrength strengths;
    /** The last SCENE_LAG + 1 sampled fine pictures (ring), for measuring how the scene around a hit moves. */
    private final Mat[] past;
    private final double[] pastTimes;
    private int sampled;
    private double lastTime;
    /** The last sampled frame's hits and where they were matched (see {@link Hit#after}). */
    private final List<Pending> pending = new ArrayList<>();
    /** Time spent in the logo search (nanoseconds, for the debug log at close): all of it, its parts. */
    private long searchNanos;
    private long fineSearchNanos;
    private long coarseSearchNanos;
    private long confirmNanos;
    private long sizesSearched;
    private long candidatesConfirmed;

    /** {@code logos}: grey logo images (closed by the caller). */
    ReplayLogoDetector(AnalysisProperties properties, double fps, List<Mat> logos) {
        this(properties, fps, logos, null);
    }

    /**
     * With the per-frame changes given ({@code null}: measured by this detector's {@link #frameChanges()}): a split
     * analysis pairs the appearances its ranges found over the ranges' changes, joined.
     */
    ReplayLogoDetector(AnalysisProperties properties, double fps, List<Mat> logos, FrameChanges changes) {
        this.properties = properties;
        this.fps = fps;
        // At most about MAX_SAMPLES_PER_SECOND sampled frames a second: a 60 fps source costs no more than a 30 fps one.
        this.frameStep = Math.max(Math.max(1, properties.logoFrameStep()), (int) (fps / MAX_SAMPLES_PER_SECOND));
        this.frameSeconds = frameStep / fps;
        this.fineW = properties.frameWidth() * SCALE;
        this.fineH = properties.frameHeight() * SCALE;
        this.fine = new Mat(fineH, fineW, CV_8UC1);
        this.coarse = new Mat(fineH / 2, fineW / 2, CV_8UC1);
        this.coarseBytes = new byte[(fineW / 2) * (fineH / 2)];
        this.strengths = new LogoStrength(fineW, fineH);
        this.changes = changes != null ? changes : new FrameChanges(properties.frameWidth(), properties.frameHeight());
        this.past = new Mat[SCENE_LAG];
        this.pastTimes = new double[SCENE_LAG];
        for (int i = 0; i < SCENE_LAG; i++) {
            past[i] = new Mat(fineH, fineW, CV_8UC1);
        }
        int coarseH = fineH / 2;
        int coarseW = fineW / 2;
        for (Mat given : logos) {
            Mat logo = grey(given);
            Mat alpha = alphaOf(given);
            colours.add(colourOf(given, alpha));
            List<Size2> sizes = new ArrayList<>();
            double aspect = logo.cols() / (double) logo.rows();
            Mat maskSource = properties.logoMasks() ? alpha : null;
            double step = sizeStep(logo, maskSource);
            steps.add(step);
            patchMasks.add(patchMask(maskSource));
            log.debug("replay logo {}: sizes searched in steps of {}", templates.size(), String.format("%.3f", step));
            // Sizes by the logo's larger side (its height for a square or tall logo, its width for a wide banner), so a
            // 3:1 banner at 10-30 % of the width is searched as a square logo of that width is.
            for (double side = properties.logoMinHeight() * coarseH;
                 side <= properties.logoMaxHeight() * coarseH + 1e-9; side *= step) {
                double h = aspect > 1 ? side / aspect : side;
                int th = (int) Math.round(h);
                int tw = (int) Math.round(h * aspect);
                // at least MIN_FINE_SIDE fine pixels each way (sizes under FINE_ONLY_HEIGHT are matched there)
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
                sizes.add(new Size2(c, f, edges(f), maskAt(maskSource, coarseSize), fineMask, th / (double) coarseH,
                        LogoStrength.deviation(f, fineMask)));
            }
            templates.add(sizes);
            logo.close();
            if (alpha != null) {
                alpha.close();
            }
        }
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

    /** The size step each logo is searched with (see {@link #sizeStep}), in registration order. */
    List<Double> sizeSteps() {
        return List.copyOf(steps);
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
    private static Mat maskAt(Mat alpha, Size size) {
        if (alpha == null) {
            return null;
        }
        Mat mask = new Mat();
        resize(alpha, mask, size, 0, 0, INTER_AREA);
        threshold(mask, mask, 127, 255, THRESH_BINARY);
        return mask;
    }

    /**
     * The logo's colour at COLOUR_SIDE, or null when it has no colour to compare: grey given, or the chroma of its
     * opaque part varies less than COLOUR_MIN_SPREAD and sits near grey (a look-alike in another colour cannot be
     * told from it by colour then).
     */
    private static LogoColour colourOf(Mat logo, Mat alpha) {
        if (logo.channels() == 1) {
            return null;
        }
        double aspect = logo.cols() / (double) logo.rows();
        Size size = aspect >= 1 ? new Size(COLOUR_SIDE, Math.max(2, (int) Math.round(COLOUR_SIDE / aspect)))
                : new Size(Math.max(2, (int) Math.round(COLOUR_SIDE * aspect)), COLOUR_SIDE);
        Mat bgr = new Mat();
        try (Mat three = new Mat()) {
            if (logo.channels() == 4) {
                cvtColor(logo, three, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2BGR);
            } else {
                logo.copyTo(three);
            }
            resize(three, bgr, size, 0, 0, INTER_AREA);
        }
        Mat opaque = alpha == null ? new Mat(size.height(), size.width(), CV_8UC1, new Scalar(255))
                : maskAt(alpha, size);
        double[] chroma = chromaStats(bgr, opaque);
        if (chroma == null || (chroma[2] < COLOUR_MIN_SPREAD && Math.hypot(chroma[0], chroma[1]) < COLOUR_MIN_SPREAD)) {
            bgr.close();
            opaque.close();
            return null;
        }
        return new LogoColour(bgr, opaque, aspect);
    }

    /** Lab a, b planes (signed, 0 at grey) of a BGR picture, as {a[], b[]}. */
    private static float[][] labChroma(Mat bgr) {
        int n = bgr.rows() * bgr.cols();
        byte[] lab = new byte[n * 3];
        try (Mat out = new Mat()) {
            cvtColor(bgr, out, org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2Lab);
            out.data().get(lab);
        }
        float[] a = new float[n];
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (lab[3 * i + 1] & 0xff) - 128;
            b[i] = (lab[3 * i + 2] & 0xff) - 128;
        }
        return new float[][] {a, b};
    }

    private static boolean[] maskPixels(Mat mask) {
        byte[] m = new byte[mask.rows() * mask.cols()];
        mask.data().get(m);
        boolean[] on = new boolean[m.length];
        for (int i = 0; i < m.length; i++) {
            on[i] = m[i] != 0;
        }
        return on;
    }

    /** Mean chroma over the mask and its RMS spread around that mean: {mean a, mean b, spread}, null if empty. */
    static double[] chromaStats(Mat bgr, Mat mask) {
        float[][] ab = labChroma(bgr);
        boolean[] on = maskPixels(mask);
        double sa = 0;
        double sb = 0;
        int n = 0;
        for (int i = 0; i < on.length; i++) {
            if (on[i]) {
                sa += ab[0][i];
                sb += ab[1][i];
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        double ma = sa / n;
        double mb = sb / n;
        double var = 0;
        for (int i = 0; i < on.length; i++) {
            if (on[i]) {
                var += (ab[0][i] - ma) * (ab[0][i] - ma) + (ab[1][i] - mb) * (ab[1][i] - mb);
            }
        }
        return new double[] {ma, mb, Math.sqrt(var / n)};
    }

    /**
     * How a frame patch (BGR, the logo's place, any size) agrees in colour with a logo seen semi-transparent over
     * a scene whose colour around it is {@code around} (mean Lab a, b): the patch's mean chroma over the logo's
     * opaque part is unmixed as {@code around + opacity * (logo - around)}; returns {that opacity, the distance of
     * the patch's chroma from the mix (Lab units)}, or null when the logo's colour is too near the scene's to
     * tell. Means, not a pixel pattern: a match is a pixel or two off and 4:2:0 video blurs chroma.
     */
    static double[] colourAgreement(Mat logoBgr, Mat logoOpaque, Mat patch, double[] around) {
        try (Mat scaled = new Mat()) {
            resize(patch, scaled, new Size(logoBgr.cols(), logoBgr.rows()), 0, 0, INTER_AREA);
            double[] logo = chromaStats(logoBgr, logoOpaque);
            double[] seen = chromaStats(scaled, logoOpaque);
            if (logo == null || seen == null) {
                return null;
            }
            double lx = logo[0] - around[0];
            double ly = logo[1] - around[1];
            double norm = lx * lx + ly * ly;
            if (norm < COLOUR_MIN_CONTRAST * COLOUR_MIN_CONTRAST) {
                return null;
            }
            double px = seen[0] - around[0];
            double py = seen[1] - around[1];
            double opacity = (px * lx + py * ly) / norm;
            return new double[] {opacity, Math.hypot(px - opacity * lx, py - opacity * ly)};
        }
    }

    /** Gradient magnitude (Sobel) of a grey picture, as 32-bit floats. */
    private static Mat edges(Mat grey) {
        Mat out = new Mat();
        try (Mat dx = new Mat(); Mat dy = new Mat()) {
            Sobel(grey, dx, CV_32F, 1, 0);
            Sobel(grey, dy, CV_32F, 0, 1);
            magnitude(dx, dy, out);
        }
        return out;
    }

    /** The per-frame signals the pairing needs (motion per frame, thumbnails): fed every frame at the small size. */
    FrameAnalyser frameChanges() {
        return changes;
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
        long started = System.nanoTime();
        lastTime = frame.time();
        Pixels.boxDownsample(frame.luma(), fineW, fineH, 2, coarseBytes);
        fine.data().put(frame.luma(), 0, fineW * fineH);
        coarse.data().put(coarseBytes);
        measureAfter(frame.time());
        for (int logo = 0; logo < templates.size(); logo++) {
            for (Confirmed c : matches(frame.time(), logo, templates.get(logo))) {
                Pending p = c.where();
                pending.add(new Pending(hits.size(), p.size(), p.bx(), p.by(), p.scene(), p.time()));
                hits.add(c.hit());
            }
        }
        fine.copyTo(past[sampled % SCENE_LAG]);
        pastTimes[sampled % SCENE_LAG] = frame.time();
        sampled++;
        searchNanos += System.nanoTime() - started;
    }

    /**
     * The last sampled frame's hits measured in this one ({@link Hit#after}): their logo's strength at their place
     * (moved as the scene around them moved), one small correlation each.
     */
    private void measureAfter(double now) {
        for (Pending p : pending) {
            double dt = now - p.time();
            int bx = (int) Math.round(p.bx() + (p.scene() == null ? 0 : p.scene()[0] * dt));
            int by = (int) Math.round(p.by() + (p.scene() == null ? 0 : p.scene()[1] * dt));
            Hit hit = hits.get(p.index());
            Beside after = strength(fine, p.size(), bx, by);
            if (p.scene() != null && after.known() && after.contrast() <= EMPTY_SHARE * hit.contrast()) {
                after = shifted(fine, p.size(), bx, by, after);
            }
            hits.set(p.index(), hit.withAfter(after));
        }
        pending.clear();
    }


    /** The logo's strength (see {@link Beside}) with the template of {@code size} at (bx, by): {@link LogoStrength#at}. */
    private Beside strength(Mat picture, Size2 size, int bx, int by) {
        return strengths.at(picture, size.fine(), size.fineMask(), size.fineStd(), bx, by);
    }

    /**
     * {@code at} (the strength at (bx, by)) with where the template shows best within WIPE_MAX_STEP of the logo's
     * size around that place, correlating at COARSE_SHARE of logo-min-score at least ({@link LogoStrength#near}).
     */
    private Beside shifted(Mat picture, Size2 size, int bx, int by, Beside at) {
        Mat t = size.fine();
        int reach = (int) Math.ceil(WIPE_MAX_STEP * Math.max(t.cols(), t.rows()));
        return at.around(strengths.near(picture, t, size.fineMask(), size.fineStd(), bx, by, reach,
                COARSE_SHARE * properties.logoMinScore()), bx, by);
    }

    /**
     * A hit measured elsewhere, in time order after the sampled frames' own (for tests of the tracking, which must
     * not depend on how the pictures were made).
     */
    void add(Hit hit) {
        hits.add(hit);
    }

    /**
     * How the picture around the box (fine pixels, this frame) moved since the sampled frame SCENE_LAG back: the
     * median displacement of the strips around it that were found again there, in fine pixels a second; null when
     * none was (too flat, too changed) or there is no such frame yet. A logo drawn over the picture moves on its
     * own; something printed in the scene (an ad board, court paint) moves as its surroundings do.
     */
    private double[] sceneVelocity(int bx, int by, int bw, int bh) {
        if (sampled < SCENE_LAG) {
            return null;
        }
        int slot = sampled % SCENE_LAG; // the oldest kept picture: SCENE_LAG samples back
        Mat old = past[slot];
        double seconds = lastTime - pastTimes[slot];
        if (!(seconds > 0)) {
            return null;
        }
        List<double[]> moves = new ArrayList<>();
        Point where = new Point();
        DoublePointer max = new DoublePointer(1);
        try (where; max) {
            for (int[] st : LogoStrength.band(bx, by, bw, bh)) {
                int x0 = Math.max(0, st[0]);
                int y0 = Math.max(0, st[1]);
                int x1 = Math.min(fineW, st[0] + st[2]);
                int y1 = Math.min(fineH, st[1] + st[3]);
                if (x1 - x0 < 4 || y1 - y0 < 3) {
                    continue;
                }
                int sx0 = Math.max(0, x0 - SCENE_SEARCH);
                int sy0 = Math.max(0, y0 - SCENE_SEARCH);
                int sx1 = Math.min(fineW, x1 + SCENE_SEARCH);
                int sy1 = Math.min(fineH, y1 + SCENE_SEARCH);
                try (Mat strip = new Mat(fine, new Rect(x0, y0, x1 - x0, y1 - y0));
                     Mat window = new Mat(old, new Rect(sx0, sy0, sx1 - sx0, sy1 - sy0));
                     Mat mean = new Mat(); Mat dev = new Mat(); Mat out = new Mat()) {
                    meanStdDev(strip, mean, dev);
                    if (((org.bytedeco.javacpp.indexer.DoubleIndexer) dev.createIndexer()).get(0) < SCENE_MIN_STDDEV) {
                        continue;
                    }
                    matchTemplate(window, strip, out, TM_CCOEFF_NORMED);
                    minMaxLoc(out, null, max, null, where, null);
                    if (!(max.get() >= SCENE_MATCH)) {
                        continue;
                    }
                    double px = where.x() + subPixel(out, where.x(), where.y(), true);
                    double py = where.y() + subPixel(out, where.x(), where.y(), false);
                    // the strip was at (sx0 + px, sy0 + py) then and is at (x0, y0) now
                    moves.add(new double[] {x0 - (sx0 + px), y0 - (sy0 + py)});
                }
            }
        }
        if (moves.isEmpty()) {
            return null;
        }
        double[] dx = moves.stream().mapToDouble(v -> v[0]).toArray();
        double[] dy = moves.stream().mapToDouble(v -> v[1]).toArray();
        return new double[] {middle(dx) / seconds, middle(dy) / seconds};
    }



    /**
     * What the previous sampled picture showed where a match is now: the matched window's correlation with that
     * picture at the same place in the scene (the scene's motion since then taken out, best within a pixel each
     * way), over the logo's opaque part; NaN when there is no previous picture or the place falls outside it.
     * Something printed in the scene was there before, at about the same correlation as it matches itself
     * later; a logo wiped over the picture brings its pixels with it.
     */
    private double before(Mat window, Mat mask, int bx, int by, double[] scene) {
        if (sampled < 1) {
            return Double.NaN;
        }
        int slot = (sampled - 1) % SCENE_LAG;
        double dt = lastTime - pastTimes[slot];
        int x = (int) Math.round(bx - (scene == null ? 0 : scene[0] * dt)) - 1;
        int y = (int) Math.round(by - (scene == null ? 0 : scene[1] * dt)) - 1;
        int w = window.cols() + 2;
        int h = window.rows() + 2;
        if (x < 0 || y < 0 || x + w > fineW || y + h > fineH) {
            return Double.NaN;
        }
        DoublePointer max = new DoublePointer(1);
        try (max; Mat region = new Mat(past[slot], new Rect(x, y, w, h)); Mat out = new Mat()) {
            match(region, window, mask, out);
            minMaxLoc(out, null, max, null, null, null);
            return Double.isFinite(max.get()) ? max.get() : Double.NaN;
        }
    }

    /** Parabolic refinement of a correlation peak along x or y: an offset in -0.5..0.5. */
    private static double subPixel(Mat scores, int x, int y, boolean alongX) {
        int n = alongX ? scores.cols() : scores.rows();
        int i = alongX ? x : y;
        if (i <= 0 || i >= n - 1) {
            return 0;
        }
        org.bytedeco.javacpp.indexer.FloatIndexer f = scores.createIndexer();
        double a = alongX ? f.get(y, x - 1) : f.get(y - 1, x);
        double b = f.get(y, x);
        double c = alongX ? f.get(y, x + 1) : f.get(y + 1, x);
        double d = a - 2 * b + c;
        return d < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (a - c) / d)) : 0;
    }

    /** Median, the mean of the middle two for an even count. */
    private static double middle(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * The verified matches of one logo over its sizes, one per place, those reaching logo-min-score. Sizes under
     * {@value #FINE_ONLY_HEIGHT} coarse pixels are searched on the fine picture directly (too few pixels on the
     * coarse one); larger sizes on the coarse picture, and the best {@value #CANDIDATES} of them are confirmed on
     * the fine one, so one strong clutter peak cannot hide the logo: the tracking over frames tells them apart.
     */
    private List<Confirmed> matches(double time, int logo, List<Size2> sizes) {
        Point where = new Point();
        DoublePointer max = new DoublePointer(1);
        try (where; max) {
            int n = sizes.size();
            double[] scores = new double[n];
            int[] lx = new int[n]; // top-left of the peak, in fine pixels
            int[] ly = new int[n];
            double[] cx = new double[n]; // centre of the peak, fine pixels
            double[] cy = new double[n];
            // Coarse to fine in size: every other size first (and the largest), then the sizes next to the best
            // few of those that come near the threshold; a size never searched scores 0.
            boolean[] searched = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (i % 2 == 0 || i == n - 1) {
                    searchSize(sizes, i, scores, lx, ly, cx, cy, where, max);
                    searched[i] = true;
                }
            }
            Integer[] firstPass = new Integer[n];
            for (int i = 0; i < n; i++) {
                firstPass[i] = i;
            }
            Arrays.sort(firstPass, (a, b) -> Double.compare(scores[b], scores[a]));
            for (int k = 0; k < Math.min(CANDIDATES, n); k++) {
                int i = firstPass[k];
                boolean small = sizes.get(i).coarse().rows() < FINE_ONLY_HEIGHT;
                if (!searched[i] || scores[i] < REFINE_SHARE * properties.logoMinScore() * (small ? 1 : COARSE_SHARE)) {
                    break;
                }
                for (int j = i - 1; j <= i + 1; j += 2) {
                    if (j >= 0 && j < n && !searched[j]) {
                        searchSize(sizes, j, scores, lx, ly, cx, cy, where, max);
                        searched[j] = true;
                    }
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            List<Confirmed> found = new ArrayList<>();
            for (int k = 0; k < Math.min(CANDIDATES, n); k++) {
                int i = order[k];
                Size2 size = sizes.get(i);
                boolean small = size.coarse().rows() < FINE_ONLY_HEIGHT;
                if (scores[i] < properties.logoMinScore() * (small ? 1 : COARSE_SHARE)) {
                    break;
                }
                long confirmStarted = System.nanoTime();
                Confirmed confirmed = confirm(time, logo, size, small, lx[i], ly[i], scores[i],
                        agrees(i, scores, cx, cy, sizes));
                confirmNanos += System.nanoTime() - confirmStarted;
                candidatesConfirmed++;
                if (confirmed == null) {
                    continue;
                }
                Hit hit = confirmed.hit();
                // One hit per place: a neighbouring size confirmed at the same place is the same candidate.
                int same = -1;
                for (int j = 0; j < found.size(); j++) {
                    Hit h = found.get(j).hit();
                    if (Math.hypot((h.x() - hit.x()) * fineW, (h.y() - hit.y()) * fineH)
                            <= AGREE_PLACE_SHARE * Math.max(h.height(), hit.height()) * fineH + 2) {
                        same = j;
                    }
                }
                if (same < 0) {
                    found.add(confirmed);
                } else if (hit.score() + 0.5 * hit.shape()
                        > found.get(same).hit().score() + 0.5 * found.get(same).hit().shape()) {
                    found.set(same, confirmed);
                }
            }
            if (log.isTraceEnabled() && n > 0) {
                int best = order[0];
                log.trace("logo {} at {} s: best {} at height {} ({}x{} fine px) centre {},{}; hits {}", logo,
                        String.format("%.2f", time), String.format("%.3f", scores[best]),
                        String.format("%.3f", sizes.get(best).height()), sizes.get(best).fine().cols(),
                        sizes.get(best).fine().rows(), String.format("%.1f", cx[best]), String.format("%.1f", cy[best]),
                        found.stream().map(Confirmed::hit)
                                .map(h -> String.format("%.2f/%.2f@%.3f", h.score(), h.shape(), h.height())).toList());
            }
            return found;
        }
    }

    /** The best place and score of size i over the coarse picture (the fine one for the smallest sizes). */
    private void searchSize(List<Size2> sizes, int i, double[] scores, int[] lx, int[] ly, double[] cx, double[] cy,
                            Point where, DoublePointer max) {
        Size2 size = sizes.get(i);
        long started = System.nanoTime();
        boolean small = size.coarse().rows() < FINE_ONLY_HEIGHT;
        match(small ? fine : coarse, small ? size.fine() : size.coarse(), small ? size.fineMask() : size.coarseMask(),
                result);
        minMaxLoc(result, null, max, null, where, null);
        sizesSearched++;
        if (small) {
            fineSearchNanos += System.nanoTime() - started;
        } else {
            coarseSearchNanos += System.nanoTime() - started;
        }
        double score = max.get();
        scores[i] = Double.isFinite(score) ? score : 0;
        int f = small ? 1 : 2;
        lx[i] = where.x() * f;
        ly[i] = where.y() * f;
        cx[i] = lx[i] + size.fine().cols() / 2.0;
        cy[i] = ly[i] + size.fine().rows() / 2.0;
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

    /** Whether a neighbouring size of size i peaks at the same place with a comparable score. */
    private static boolean agrees(int i, double[] scores, double[] cx, double[] cy, List<Size2> sizes) {
        if (sizes.size() == 1) {
            return true;
        }
        double near = AGREE_PLACE_SHARE * sizes.get(i).fine().rows() + 2;
        for (int j = i - 1; j <= i + 1; j += 2) {
            if (j >= 0 && j < sizes.size() && scores[j] >= AGREE_SCORE_SHARE * scores[i]
                    && Math.hypot(cx[j] - cx[i], cy[j] - cy[i]) <= near) {
                return true;
            }
        }
        return false;
    }

    /** The fine score and shape of a candidate whose peak's top-left is (lx, ly) in fine pixels, or null. */
    private Confirmed confirm(double time, int logo, Size2 size, boolean small, int lx, int ly, double smallScore,
                        boolean agree) {
        Point where = new Point();
        DoublePointer max = new DoublePointer(1);
        try (where; max) {
            Mat t = size.fine();
            int x0 = Math.max(0, lx - (small ? 0 : FINE_MARGIN));
            int y0 = Math.max(0, ly - (small ? 0 : FINE_MARGIN));
            int x1 = Math.min(fineW, lx + t.cols() + (small ? 0 : FINE_MARGIN));
            int y1 = Math.min(fineH, ly + t.rows() + (small ? 0 : FINE_MARGIN));
            if (x1 - x0 < t.cols() || y1 - y0 < t.rows()) {
                return null;
            }
            try (Mat window = new Mat(fine, new Rect(x0, y0, x1 - x0, y1 - y0))) {
                double score = smallScore;
                int mx = 0;
                int my = 0;
                if (!small) {
                    Mat out = new Mat();
                    try (out) {
                        match(window, t, size.fineMask(), out);
                        minMaxLoc(out, null, max, null, where, null);
                        score = max.get();
                        mx = where.x();
                        my = where.y();
                    }
                }
                if (!Double.isFinite(score) || score < properties.logoMinScore()) {
                    return null;
                }
                double shape;
                try (Mat matched = new Mat(window, new Rect(mx, my, t.cols(), t.rows()));
                     Mat mean = new Mat(); Mat dev = new Mat()) {
                    meanStdDev(matched, mean, dev);
                    if (dev.createIndexer() instanceof org.bytedeco.javacpp.indexer.DoubleIndexer d
                            && d.get(0) < MIN_WINDOW_STDDEV) {
                        return null;
                    }
                    try (Mat e = edges(matched); Mat out = new Mat()) {
                        matchTemplate(e, size.fineEdges(), out, TM_CCOEFF_NORMED);
                        minMaxLoc(out, null, max, null, null, null);
                        shape = Double.isFinite(max.get()) ? max.get() : 0;
                    }
                }
                double cx = (x0 + mx + t.cols() / 2.0) / fineW;
                double cy = (y0 + my + t.rows() / 2.0) / fineH;
                double[] scene = sceneVelocity(x0 + mx, y0 + my, t.cols(), t.rows());
                byte[] patch = new byte[PATCH_SIDE * PATCH_SIDE];
                double before;
                double contrast;
                try (Mat matched = new Mat(window, new Rect(mx, my, t.cols(), t.rows())); Mat p = new Mat()) {
                    resize(matched, p, new Size(PATCH_SIDE, PATCH_SIDE), 0, 0, INTER_AREA);
                    p.data().get(patch);
                    before = before(matched, size.fineMask(), x0 + mx, y0 + my, scene);
                    // the regression slope of the window on the template: correlation times the ratio of deviations
                    contrast = size.fineStd() > 0
                            ? score * LogoStrength.deviation(matched, size.fineMask()) / size.fineStd() : Double.NaN;
                }
                Beside prior = Beside.UNKNOWN;
                if (sampled >= 1) { // the previous sampled picture at the same place in the scene
                    int slot = (sampled - 1) % SCENE_LAG;
                    double dt = time - pastTimes[slot];
                    int px = (int) Math.round(x0 + mx - (scene == null ? 0 : scene[0] * dt));
                    int py = (int) Math.round(y0 + my - (scene == null ? 0 : scene[1] * dt));
                    prior = strength(past[slot], size, px, py);
                    // nothing there: was it beside (a slide)? Only where the scene's motion is known, so something
                    // printed in a panned picture is looked for where the pan took it, not where it was on screen
                    if (scene != null && prior.known() && prior.contrast() <= EMPTY_SHARE * contrast) {
                        prior = shifted(past[slot], size, px, py, prior);
                    }
                }
                Hit hit = new Hit(time, logo, score, shape, agree, size.height(), cx, cy,
                        scene == null ? Double.NaN : scene[0], scene == null ? Double.NaN : scene[1], patch, before,
                        contrast, strengths.surround(fine, x0 + mx, y0 + my, t.cols(), t.rows()), prior,
                        Beside.UNKNOWN);
                return new Confirmed(hit, new Pending(-1, size, x0 + mx, y0 + my, scene, time));
            }
        }
    }

    /**
     * The verified logo appearances, in time order: hits of one logo chained over consecutive sampled frames while
     * they move and scale as a wipe does, at least logo-min-hits of them, no longer than
     * logo-max-appearance-seconds, with a confidence of at least logo-min-confidence.
     */
    List<LogoAppearance> appearances() {
        double gap = Math.max(properties.logoMaxGapSeconds(), 1.5 * frameSeconds);
        List<LogoAppearance> found = new ArrayList<>();
        List<List<Hit>> open = new ArrayList<>();
        // One sampled frame at a time: its hits (a logo and clutter near it) go to the open tracks nearest first, one
        // hit per track, so a clutter hit listed first cannot take the track and cut the logo's own tail off it.
        for (int from = 0; from < hits.size(); ) {
            int to = from;
            while (to < hits.size() && hits.get(to).time() == hits.get(from).time()) {
                to++;
            }
            double now = hits.get(from).time();
            // close the tracks this frame's time has left behind
            for (java.util.Iterator<List<Hit>> it = open.iterator(); it.hasNext(); ) {
                List<Hit> track = it.next();
                if (now - track.get(track.size() - 1).time() > gap) {
                    addAppearance(track, found);
                    it.remove();
                }
            }
            List<double[]> pairs = new ArrayList<>(); // {distance, hit index, track index}
            for (int h = from; h < to; h++) {
                Hit hit = hits.get(h);
                for (int k = 0; k < open.size(); k++) {
                    Hit last = open.get(k).get(open.get(k).size() - 1);
                    if (last.logo() == hit.logo() && last.time() < hit.time() && continues(last, hit, gap)) {
                        pairs.add(new double[] {Math.hypot(hit.x() - last.x(), hit.y() - last.y()), h, k});
                    }
                }
            }
            pairs.sort(java.util.Comparator.comparingDouble(pair -> pair[0]));
            boolean[] placed = new boolean[to - from];
            boolean[] extended = new boolean[open.size()];
            for (double[] pair : pairs) {
                int h = (int) pair[1];
                int k = (int) pair[2];
                if (!placed[h - from] && !extended[k]) {
                    open.get(k).add(hits.get(h));
                    placed[h - from] = true;
                    extended[k] = true;
                }
            }
            for (int h = from; h < to; h++) {
                if (!placed[h - from]) {
                    List<Hit> track = new ArrayList<>();
                    track.add(hits.get(h));
                    open.add(track);
                }
            }
            from = to;
        }
        open.forEach(track -> addAppearance(track, found));
        found.sort(java.util.Comparator.comparingDouble(LogoAppearance::start));
        return List.copyOf(found);
    }

    /**
     * The verified appearances ({@link #appearances()}) whose colour agrees with their logo's: the frame grey-level
     * matching saw the logo best in is decoded again, in colour, from {@code video} (one seek per appearance, so
     * footage where nothing passed the grey-level gates costs nothing), and the patch there must show the logo's
     * chroma pattern and about its mean colour ({@link #colourAgreement}); a look-alike shape in other colours
     * does not. A logo without colour, a patch mostly outside the frame or a frame that cannot be decoded again
     * leaves the appearance as it is.
     */
    List<LogoAppearance> appearances(Path video) {
        List<LogoAppearance> all = appearances();
        if (all.isEmpty() || colours.stream().allMatch(java.util.Objects::isNull)) {
            return all;
        }
        List<LogoAppearance> kept = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(video);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            for (LogoAppearance a : all) {
                LogoColour colour = colours.get(a.logo());
                double[] agreement = null;
                if (colour != null) {
                    grabber.setTimestamp(Math.round(a.peak() * 1e6));
                    Frame frame = grabber.grabImage();
                    if (frame != null && frame.image != null) {
                        agreement = colourAt(converter.convert(frame), a, colour);
                    }
                }
                boolean agrees = agreement == null
                        || (agreement[0] >= COLOUR_MIN_OPACITY && agreement[1] <= COLOUR_MAX_DISTANCE);
                if (agrees) {
                    kept.add(a);
                }
                log.debug("logo {} at {} s: colour opacity/distance {}: {}", a.logo(), a.peak(),
                        agreement == null ? "not compared" : Arrays.toString(agreement), agrees ? "kept" : "dropped");
            }
            grabber.stop();
        } catch (FrameGrabber.Exception e) {
            log.warn("The replay logos' colours could not be checked in {} ({}): appearances kept on grey levels",
                    video.getFileName(), e.getMessage());
            return all;
        }
        return List.copyOf(kept);
    }

    /** {@link #colourAgreement} of the logo and the frame's patch at the appearance's best match, or null. */
    private static double[] colourAt(Mat frame, LogoAppearance a, LogoColour colour) {
        int fw = frame.cols();
        int fh = frame.rows();
        double ph = a.height() * fh;
        double pw = ph * colour.aspect();
        double px0 = a.x() * fw - pw / 2;
        double py0 = a.y() * fh - ph / 2;
        int x0 = (int) Math.max(0, Math.round(px0));
        int y0 = (int) Math.max(0, Math.round(py0));
        int x1 = (int) Math.min(fw, Math.round(px0 + pw));
        int y1 = (int) Math.min(fh, Math.round(py0 + ph));
        if ((x1 - x0) * (double) (y1 - y0) < 0.5 * pw * ph || x1 - x0 < 4 || y1 - y0 < 4) {
            return null;
        }
        // the part of the logo's colour picture that falls inside the frame
        double sx = colour.bgr().cols() / pw;
        double sy = colour.bgr().rows() / ph;
        int rx0 = (int) Math.floor((x0 - px0) * sx);
        int ry0 = (int) Math.floor((y0 - py0) * sy);
        int rx1 = (int) Math.min(colour.bgr().cols(), Math.ceil((x1 - px0) * sx));
        int ry1 = (int) Math.min(colour.bgr().rows(), Math.ceil((y1 - py0) * sy));
        if (rx1 - rx0 < 2 || ry1 - ry0 < 2) {
            return null;
        }
        Rect ref = new Rect(Math.max(0, rx0), Math.max(0, ry0), rx1 - Math.max(0, rx0), ry1 - Math.max(0, ry0));
        double[] around = around(frame, x0, y0, x1, y1);
        if (around == null) {
            return null;
        }
        try (Mat patch = new Mat(frame, new Rect(x0, y0, x1 - x0, y1 - y0));
             Mat logo = new Mat(colour.bgr(), ref); Mat opaque = new Mat(colour.opaque(), ref);
             Mat logoCopy = logo.clone(); Mat opaqueCopy = opaque.clone()) {
            return colourAgreement(logoCopy, opaqueCopy, patch, around);
        }
    }

    /**
     * Mean chroma (Lab a, b) of the scene in a band around the box, a quarter of its size wide, outside it: what a
     * semi-transparent logo there is mixed with. Null when no band is in the frame.
     */
    private static double[] around(Mat frame, int x0, int y0, int x1, int y1) {
        int m = Math.max(2, Math.max(x1 - x0, y1 - y0) / 4);
        int ox0 = Math.max(0, x0 - m);
        int oy0 = Math.max(0, y0 - m);
        int ox1 = Math.min(frame.cols(), x1 + m);
        int oy1 = Math.min(frame.rows(), y1 + m);
        // averaged down so a big logo costs no more than a small one
        int step = Math.max(1, Math.max(ox1 - ox0, oy1 - oy0) / 48);
        try (Mat outer = new Mat(frame, new Rect(ox0, oy0, ox1 - ox0, oy1 - oy0)); Mat small = new Mat()) {
            int sw = Math.max(1, (ox1 - ox0) / step);
            int sh = Math.max(1, (oy1 - oy0) / step);
            resize(outer, small, new Size(sw, sh), 0, 0, INTER_AREA);
            float[][] ab = labChroma(small);
            double sa = 0;
            double sb = 0;
            int n = 0;
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    int fx = ox0 + x * (ox1 - ox0) / sw;
                    int fy = oy0 + y * (oy1 - oy0) / sh;
                    if (fx >= x0 - step && fx < x1 && fy >= y0 - step && fy < y1) {
                        continue; // inside the box (or straddling its edge)
                    }
                    sa += ab[0][y * sw + x];
                    sb += ab[1][y * sw + x];
                    n++;
                }
            }
            return n == 0 ? null : new double[] {sa / n, sb / n};
        }
    }

    /** Whether {@code next} continues the wipe {@code last} is part of. */
    private boolean continues(Hit last, Hit next, double gap) {
        if (next.time() - last.time() > gap) {
            return false;
        }
        double size = Math.max(last.height(), next.height()) * fineH;
        double moved = Math.hypot((next.x() - last.x()) * fineW, (next.y() - last.y()) * fineH);
        double growth = Math.max(last.height(), next.height()) / Math.min(last.height(), next.height());
        return moved <= WIPE_MAX_STEP * size + 2 && growth <= WIPE_MAX_GROWTH;
    }

    private void addAppearance(List<Hit> chain, List<LogoAppearance> found) {
        if (chain.size() < properties.logoMinHits()) {
            return;
        }
        double start = chain.get(0).time();
        double end = chain.get(chain.size() - 1).time() + frameSeconds;
        if (end - start > properties.logoMaxAppearanceSeconds()) {
            return;
        }
        Hit peak = largestStrong(chain);
        boolean wipes = wipes(chain);
        double confidence = confidence(chain);
        if (log.isDebugEnabled()) {
            log.debug("logo {} hits {}-{} s: {} ({})", chain.get(0).logo(), String.format("%.2f", start),
                    String.format("%.2f", end), describe(chain), !wipes ? "dropped: no wipe"
                            : confidence < properties.logoMinConfidence() ? "dropped: confidence" : "kept");
        }
        if (!wipes) {
            return; // a match that neither grows, shrinks nor moves is something printed in the picture
        }
        if (confidence < properties.logoMinConfidence()) {
            return;
        }
        found.add(new LogoAppearance(start, end, peak.time(), peak.logo(), peak.height(), peak.x(), peak.y(),
                confidence));
    }

    /** A chain's hits and the figures its rules judge, for the debug log (why an appearance was or was not kept). */
    private String describe(List<Hit> chain) {
        StringBuilder b = new StringBuilder();
        double high = chain.stream().mapToDouble(Hit::height).max().orElse(0) * fineH;
        double[][] path = carriedPath(chain);
        Hit first = chain.get(0);
        Hit last = chain.get(chain.size() - 1);
        b.append(String.format("confidence %.3f growth %.2f (carried %.2f) fade %.2f/%.2f beside %.2f/%.1f, %.2f/%.1f"
                        + " shown beside %.2f@%.2f/%.2f@%.2f (slides: %s) travel %.2f (carried %.2f)"
                        + " against the scene %.2f (shares of the size); hits [score/shape/agree height x,y"
                        + " contrast/around kept/before]:", confidence(chain), growth(chain), carriedGrowth(chain),
                fadeRise(chain), fadeRise(backwards(chain)), first.prior().contrast(), first.prior().surround(),
                last.after().contrast(), last.after().surround(), first.prior().shifted(), first.prior().shift() / high,
                last.after().shifted(), last.after().shift() / high, slidesFromNothing(chain) ? "y" : "n",
                travel(chain) / high, travel(path) / high,
                relativeTravel(chain, path) / high));
        for (int i = 0; i < chain.size(); i++) {
            Hit h = chain.get(i);
            b.append(String.format(" %.2f/%.2f/%s %.3f %.3f,%.3f %.2f/%.1f", h.score(), h.shape(),
                    h.agree() ? "y" : "n", h.height(), h.x(), h.y(), h.contrast(), h.surround()));
            if (i > 0) {
                b.append(String.format(" %.2f/%.2f", contentKept(chain.get(i - 1), h), h.before()));
            }
        }
        return b.toString();
    }

    /**
     * The hit an appearance reports (time, size, place): the largest of its strong hits (scoring at least
     * STRONG_SHARE of the best), the logo at full size; a wipe's first hits show it still small, and one weak
     * match at a large size (clutter around the logo) is not its size.
     */
    private static Hit largestStrong(List<Hit> chain) {
        double best = chain.stream().mapToDouble(Hit::score).max().orElse(0);
        Hit largest = null;
        for (Hit h : chain) {
            if (h.score() >= STRONG_SHARE * best && (largest == null || h.height() > largest.height()
                    || (h.height() == largest.height() && h.score() > largest.score()))) {
                largest = h;
            }
        }
        return largest;
    }

    /**
     * Whether the chain moves as a wipe: its size changes by WIPE_MIN_GROWTH, or its centre travels WIPE_MIN_TRAVEL
     * of its size on screen and, where the scene under it could be followed, WIPE_MIN_RELATIVE_TRAVEL against it.
     * Something printed in the picture (a look-alike on a scrolling ad board, court paint under a panning camera)
     * travels with its surroundings; an overlay that stays put while the camera pans (a channel or sponsor graphic)
     * moves against the scene but not on screen: neither is a wipe. And motion only at a cut is none: a graphic
     * still in one shot and still at another place in the next is two graphics, not one logo wiping
     * ({@link #stillOnEachSideOfACut}), unless the logo was seen sliding in just before the chain (or out just
     * after it) with no cut between ({@link #slidesFromNothing}): a wipe over a cut stays put while it covers it.
     */
    private boolean wipes(List<Hit> chain) {
        if (slidesFromNothing(chain)) {
            return true; // a slide seen beside the chain, no cut between: a wipe covering a cut keeps still over it
        }
        if (stillOnEachSideOfACut(chain)) {
            return false;
        }
        if (carriedGrowth(chain) >= WIPE_MIN_GROWTH || fades(chain) || fadesFromNothing(chain)) {
            return true;
        }
        double high = chain.stream().mapToDouble(Hit::height).max().orElse(0);
        double[][] path = carriedPath(chain);
        if (travel(path) < WIPE_MIN_TRAVEL * high * fineH) {
            return false; // still on screen: an overlay, over a still or a panning picture
        }
        long known = chain.stream().filter(Hit::sceneKnown).count();
        return known * 2 < chain.size() || relativeTravel(chain, path) >= WIPE_MIN_RELATIVE_TRAVEL * high * fineH;
    }

    /**
     * Whether the step from {@code last} to {@code next} carried the matched content along: the window matched
     * after it looks more like the one matched before it than like what the picture showed at its new place
     * before (a wipe brings the logo's pixels to the new place; a match that moves onto something else beside it,
     * printed in the scene, finds that something there already, and its content changed). True when either is
     * unknown (a hit without content, a place outside the previous picture).
     */
    boolean carried(Hit last, Hit next) {
        double kept = contentKept(last, next);
        return Double.isNaN(kept) || Double.isNaN(next.before()) || kept > next.before();
    }

    /**
     * Correlation of two hits' matched windows (their patches, over the logo's opaque part): how alike what they
     * show is. NaN when a hit has no patch or one is flat.
     */
    double contentKept(Hit a, Hit b) {
        if (a.patch() == null || b.patch() == null) {
            return Double.NaN;
        }
        boolean[] mask = a.logo() < patchMasks.size() ? patchMasks.get(a.logo()) : null;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        int n = 0;
        for (int i = 0; i < a.patch().length; i++) {
            if (mask != null && !mask[i]) {
                continue;
            }
            double u = a.patch()[i] & 0xff;
            double v = b.patch()[i] & 0xff;
            sa += u;
            sb += v;
            saa += u * u;
            sbb += v * v;
            sab += u * v;
            n++;
        }
        double va = saa - sa * sa / Math.max(1, n);
        double vb = sbb - sb * sb / Math.max(1, n);
        if (n < 4 || va < n || vb < n) {
            return Double.NaN;
        }
        return (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    /**
     * The hits' centres in fine pixels ({x[], y[]}) as far as the logo itself moved: a step that did not carry the
     * matched content along ({@link #carried}) moves as the scene under it did (the match is something in the
     * scene), not by its own displacement.
     */
    private double[][] carriedPath(List<Hit> chain) {
        int n = chain.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double vx = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVx).average().orElse(0);
        double vy = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVy).average().orElse(0);
        x[0] = chain.get(0).x() * fineW;
        y[0] = chain.get(0).y() * fineH;
        for (int i = 1; i < n; i++) {
            Hit last = chain.get(i - 1);
            Hit h = chain.get(i);
            if (carried(last, h)) {
                x[i] = x[i - 1] + (h.x() - last.x()) * fineW;
                y[i] = y[i - 1] + (h.y() - last.y()) * fineH;
            } else {
                double dt = h.time() - last.time();
                x[i] = x[i - 1] + (h.sceneKnown() ? h.sceneVx() : vx) * dt;
                y[i] = y[i - 1] + (h.sceneKnown() ? h.sceneVy() : vy) * dt;
            }
        }
        return new double[][] {x, y};
    }

    /** The largest distance (fine pixels) a path's point gets from its first. */
    private static double travel(double[][] path) {
        double travel = 0;
        for (int i = 0; i < path[0].length; i++) {
            travel = Math.max(travel, Math.hypot(path[0][i] - path[0][0], path[1][i] - path[1][0]));
        }
        return travel;
    }

    /**
     * How much the logo itself grew or shrank along the chain: the size changes of the steps that carried the
     * matched content along ({@link #carried}) only; a match that steps onto a larger or smaller something already
     * in the picture (clutter matching at a neighbouring size) did not scale.
     */
    private double carriedGrowth(List<Hit> chain) {
        double size = 1;
        double low = 1;
        double high = 1;
        for (int i = 1; i < chain.size(); i++) {
            Hit last = chain.get(i - 1);
            Hit h = chain.get(i);
            if (carried(last, h)) {
                size *= h.height() / last.height();
                low = Math.min(low, size);
                high = Math.max(high, size);
            }
        }
        return high / low;
    }

    /**
     * Whether the chain fades in or out as a logo laid over the picture does: its contrast ({@link Hit#contrast},
     * about its opacity) rises by FADE_MIN_RISE from its first hit over the consecutive hits after it (or from its
     * last hit back), more than the picture around it gains contrast (a fade from black, a dissolve), each step
     * keeping the matched content. Opacity rising at one place is a wipe as a slide is: something printed in the
     * scene keeps its contrast as the picture around it does.
     */
    boolean fades(List<Hit> chain) {
        return fadeRise(chain) >= FADE_MIN_RISE || fadeRise(backwards(chain)) >= FADE_MIN_RISE;
    }

    /**
     * Whether the chain fades in from nothing (or out to nothing), as seen from the sampled picture beside it: just
     * before its first hit the logo's strength at that place was at most EMPTY_SHARE of the first hit's (just after
     * its last, of the last's), the picture around it keeping its contrast (no fade of the whole picture) and no cut
     * between, and the hits' strength still rises by SEEN_MIN_RISE after the first (falls before the last): a fade
     * seen over three samples or more, though its first hit already came at 60-70 % opacity. Something printed in
     * the scene was there a sample before, as strong; a graphic that pops on at full strength does not rise.
     */
    boolean fadesFromNothing(List<Hit> chain) {
        Hit first = chain.get(0);
        Hit last = chain.get(chain.size() - 1);
        return (fromNothing(first, first.prior(), first.time() - frameSeconds) && fadeRise(chain) >= SEEN_MIN_RISE)
                || (fromNothing(last, last.after(), last.time() + frameSeconds)
                && fadeRise(backwards(chain)) >= SEEN_MIN_RISE);
    }

    /**
     * Whether the chain slides in from nothing (or out to nothing), as seen from the sampled picture beside it: just
     * before its first hit the logo did not show at that place in the scene ({@link #fromNothing}) but showed
     * within a logo's size of it, at least WIPE_MIN_TRAVEL of its size away and SLID_MIN_SHARE as strong (just
     * after its last, likewise): a slide whose motion fell mostly before the first hit (the logo fading in while it
     * slides, matched only once nearly in place). The place is followed with the scene's motion and searched only
     * where that is known: something printed in a panned picture is found where the pan took it, at no distance.
     */
    boolean slidesFromNothing(List<Hit> chain) {
        Hit first = chain.get(0);
        Hit last = chain.get(chain.size() - 1);
        return (fromNothing(first, first.prior(), first.time() - frameSeconds) && slid(chain, first.prior()))
                || (fromNothing(last, last.after(), last.time() + frameSeconds)
                        && slid(backwards(chain), last.after()));
    }

    /**
     * Whether the logo travelled WIPE_MIN_TRAVEL of its size or more against the scene from where {@code beside}
     * (the picture beside the first hit of {@code run}) showed it, SLID_MIN_SHARE as strong as that hit, to the
     * hits of {@code run}: the slide seen before the chain and the part of it the chain still shows.
     */
    private boolean slid(List<Hit> run, Beside beside) {
        Hit first = run.get(0);
        if (!(beside.shifted() >= SLID_MIN_SHARE * first.contrast())) {
            return false;
        }
        double[][] path = carriedPath(run);
        double vx = run.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVx).average().orElse(0);
        double vy = run.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVy).average().orElse(0);
        double sx = 0; // the scene's motion since the first hit
        double sy = 0;
        double most = beside.shift();
        for (int i = 1; i < run.size(); i++) {
            Hit h = run.get(i);
            double dt = h.time() - run.get(i - 1).time(); // negative along a run backwards, as the path is
            sx += (h.sceneKnown() ? h.sceneVx() : vx) * dt;
            sy += (h.sceneKnown() ? h.sceneVy() : vy) * dt;
            most = Math.max(most, Math.hypot(path[0][i] - path[0][0] - sx - beside.shiftX(),
                    path[1][i] - path[1][0] - sy - beside.shiftY()));
        }
        return most >= WIPE_MIN_TRAVEL * first.height() * fineH;
    }

    /** Whether the picture {@code beside} (at {@code besideTime}) shows no logo where {@code hit} matched it. */
    private boolean fromNothing(Hit hit, Beside beside, double besideTime) {
        if (!beside.known() || !(hit.contrast() > 0) || !(hit.surround() > 0)) {
            return false;
        }
        if (!Double.isNaN(cutWithin(Math.min(hit.time(), besideTime), Math.max(hit.time(), besideTime)))) {
            return false; // another shot: what it showed there says nothing about the logo
        }
        return beside.contrast() <= EMPTY_SHARE * hit.contrast()
                && beside.surround() >= SURROUND_KEPT * hit.surround();
    }

    private static List<Hit> backwards(List<Hit> chain) {
        List<Hit> out = new ArrayList<>(chain);
        java.util.Collections.reverse(out);
        return out;
    }

    /** The contrast rise from the first hit of {@code run} (see {@link #fades}), 1 when none can be measured. */
    private double fadeRise(List<Hit> run) {
        Hit first = run.get(0);
        if (!(first.contrast() > 0)) {
            return 1;
        }
        double rise = 1;
        for (int i = 1; i < run.size(); i++) {
            Hit last = run.get(i - 1);
            Hit h = run.get(i);
            if (!(contentKept(last, h) >= FADE_MIN_KEPT) || !(h.contrast() >= FADE_STEP_SLACK * last.contrast())) {
                break;
            }
            double scene = h.surround() / first.surround();
            rise = Math.max(rise, h.contrast() / first.contrast() / (scene > 1 ? scene : 1));
        }
        return rise;
    }

    private static double growth(List<Hit> chain) {
        double low = chain.stream().mapToDouble(Hit::height).min().orElse(1);
        double high = chain.stream().mapToDouble(Hit::height).max().orElse(1);
        return high / low;
    }

    /** The largest distance (fine pixels) a hit's centre gets from the chain's first. */
    private double travel(List<Hit> chain) {
        Hit first = chain.get(0);
        double travel = 0;
        for (Hit h : chain) {
            travel = Math.max(travel, Math.hypot((h.x() - first.x()) * fineW, (h.y() - first.y()) * fineH));
        }
        return travel;
    }

    /**
     * Whether the chain spans a cut (a frame whose change is CUT_FACTOR times the median change around it and at
     * least CUT_MIN_CHANGE grey levels) with at least two hits on each side and is still on each side (size within
     * WIPE_MIN_GROWTH, travel under WIPE_MIN_TRAVEL of the size): all its motion is the jump at the cut, so it is a
     * graphic that stays over the cut (or two look-alikes, one per shot), not a wipe, which moves while it covers
     * the cut.
     */
    private boolean stillOnEachSideOfACut(List<Hit> chain) {
        double cut = cutWithin(chain.get(0).time(), chain.get(chain.size() - 1).time());
        if (Double.isNaN(cut)) {
            return false;
        }
        List<Hit> before = chain.stream().filter(h -> h.time() < cut).toList();
        List<Hit> after = chain.stream().filter(h -> h.time() >= cut).toList();
        return before.size() >= 2 && after.size() >= 2 && still(before) && still(after);
    }

    private boolean still(List<Hit> hits) {
        double high = hits.stream().mapToDouble(Hit::height).max().orElse(0);
        return growth(hits) < WIPE_MIN_GROWTH && travel(hits) < WIPE_MIN_TRAVEL * high * fineH;
    }

    /** The time of the strongest cut in (from, to], or NaN when there is none (see stillOnEachSideOfACut). */
    private double cutWithin(double from, double to) {
        double[] around = changes.diffs(from - 0.5, to + 0.5);
        double typical = ReplayPairing.median(around);
        double best = Double.NaN;
        double strongest = 0;
        for (int i = changes.indexAfter(from); i < changes.count() && changes.time(i) <= to; i++) {
            double d = changes.diff(i);
            if (d >= CUT_MIN_CHANGE && d >= CUT_FACTOR * typical && d > strongest) {
                strongest = d;
                best = changes.time(i);
            }
        }
        return best;
    }

    /**
     * The largest distance (fine pixels) the chain's centre gets from where the scene under its first hit went:
     * the chain's own displacement minus the scene's, integrated from the hits' scene velocities (a hit whose
     * surroundings could not be followed takes the mean of the others').
     */
    private static double relativeTravel(List<Hit> chain, double[][] path) {
        double vx = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVx).average().orElse(0);
        double vy = chain.stream().filter(Hit::sceneKnown).mapToDouble(Hit::sceneVy).average().orElse(0);
        double sx = 0;
        double sy = 0;
        double most = 0;
        for (int i = 1; i < chain.size(); i++) {
            Hit h = chain.get(i);
            double dt = h.time() - chain.get(i - 1).time();
            sx += (h.sceneKnown() ? h.sceneVx() : vx) * dt;
            sy += (h.sceneKnown() ? h.sceneVy() : vy) * dt;
            most = Math.max(most, Math.hypot(path[0][i] - path[0][0] - sx, path[1][i] - path[1][0] - sy));
        }
        return most;
    }

    /**
     * Confidence of an appearance, 0-1: 0.55 for the grey-level correlation (mean of the best three hits, from
     * logo-min-score to 0.9), 0.2 for the shape (mean of the best three edge correlations, 0 to 0.6), 0.1 for the
     * share of hits whose neighbouring sizes agree, 0.15 for persistence (hits up to twice logo-min-hits). Weighed
     * on the cluttered real scenes (ClutteredReplayTest, bench/replay-bench.sh): clutter that passes every gate
     * (a panned photograph, a crowd) scores 0.60-0.65 in grey levels and lands under 0.55; the logo, even small
     * and at 70 % opacity, scores 0.75-0.95 and lands over 0.6.
     */
    private double confidence(List<Hit> chain) {
        double[] scores = chain.stream().mapToDouble(Hit::score).sorted().toArray();
        double[] shapes = chain.stream().mapToDouble(Hit::shape).sorted().toArray();
        double score = meanOfTop(scores, 3);
        double shape = meanOfTop(shapes, 3);
        double agree = chain.stream().filter(Hit::agree).count() / (double) chain.size();
        double persistence = Math.min(1, chain.size() / (2.0 * properties.logoMinHits()));
        double min = properties.logoMinScore();
        return 0.55 * clamp((score - min) / Math.max(1e-6, 0.9 - min)) + 0.2 * clamp(shape / 0.6)
                + 0.1 * agree + 0.15 * persistence;
    }

    private static double meanOfTop(double[] sorted, int k) {
        int n = Math.min(k, sorted.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[sorted.length - 1 - i];
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    /** The replays with analysis.replay-min-seconds/-max-seconds as bounds. */
    List<Replay> replays() {
        return replays(new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds()));
    }

    /**
     * The plausible replays: "in" and "out" appearances that are alike, at a distance within {@code bounds}, over
     * a stretch that looks like a replay (see the class comment); where candidates share an appearance, the more
     * confident.
     */
    List<Replay> replays(ReplayBounds bounds) {
        return replays(appearances(), bounds);
    }

    /**
     * The plausible replays among {@code appearances} over this detector's frame changes ({@link ReplayPairing}).
     */
    List<Replay> replays(List<LogoAppearance> appearances, ReplayBounds bounds) {
        return new ReplayPairing(changes, fps, properties.logoMinConfidence()).replays(appearances, bounds);
    }

    @Override
    public void close() {
        if (sampled > 0) {
            log.debug("logo search: {} samples, {} ms: {} sizes searched, {} ms on the fine picture, {} ms on the"
                    + " coarse one; {} candidates confirmed, {} ms", sampled, searchNanos / 1_000_000, sizesSearched,
                    fineSearchNanos / 1_000_000, coarseSearchNanos / 1_000_000, candidatesConfirmed,
                    confirmNanos / 1_000_000);
        }
        for (List<Size2> sizes : templates) {
            for (Size2 s : sizes) {
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
                c.bgr().close();
                c.opaque().close();
            }
        }
        fine.close();
        coarse.close();
        result.close();
        for (Mat m : past) {
            m.close();
        }
    }
}
