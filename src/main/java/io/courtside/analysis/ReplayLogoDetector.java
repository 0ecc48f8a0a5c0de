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

import io.courtside.analysis.LogoChains.Beside;
import io.courtside.analysis.LogoChains.Hit;
import io.courtside.analysis.LogoTemplates.LogoSize;
import io.courtside.media.MediaInputs;

/**
 * Finds registered replay logos in the frames, verifies each appearance and pairs appearances into plausible
 * replays. A broadcast's replay logo wipes in (growing, fading in, sliding) over the last live frames, the replay
 * starts under it, and the same logo wipes in again where the replay ends; so a replay is the stretch between two
 * logo appearances, when that stretch is plausible.
 *
 * <p><b>Matching</b> (this class). Coarse to fine, on normalised cross-correlation (TM_CCOEFF_NORMED, insensitive to
 * the brightness and contrast changes a semi-transparent logo gets from the video under it): every logo at every
 * on-screen size ({@link LogoTemplates}: its larger side from {@code logo-min-height} to {@code logo-max-height} of
 * the frame height, in the logo's own size step; every other size first, then the sizes next to the best few,
 * REFINE_SHARE) is matched against a coarse picture (64x36 by default); the best size and place is confirmed on the
 * fine picture (128x72) in a small window, and a hit needs {@code logo-min-score} there. A logo with transparent
 * parts (a round emblem) is matched only over its opaque pixels (masked correlation).
 *
 * <p><b>Verification</b> (one template score is no evidence in an arena full of ads, crowds and court paint):
 * each hit also gets a shape score (correlation of the gradient magnitudes of the matched window and the logo:
 * the logo's outline must be there, not only a similar grey pattern), a scale agreement (the neighbouring sizes
 * peak at the same place, as they do on a real logo and seldom on clutter), the motion of the scene around it
 * ({@link #sceneVelocity}), what the sampled picture before it showed at its place ({@link #before}) and the logo's
 * strength there in the sampled pictures just before and after it ({@link LogoChains.Beside}). {@link LogoChains}
 * chains the hits into appearances that move as a wipe does and gives each its confidence. The decode pass averages
 * luma only, so colour is checked afterwards on the few appearances left ({@link #appearances(Path)}: one frame
 * each decoded again in colour, {@link LogoColour}).
 *
 * <p><b>Pairing</b> ({@link #replays(ReplayBounds)}, {@link ReplayPairing}): an "in" appearance pairs with the first
 * later one that is the same logo at a similar size (within 1.6x) and place (centres within a quarter of the frame),
 * with a length within the sport's {@link ReplayBounds}, enclosing no end of another replay (an appearance alike to
 * either, or one that pairs with another appearance), and whose stretch between looks like a replay: slowed down
 * as a whole and in each half (motion per frame under {@value ReplayPairing#SLOW_RATIO} of the live play it
 * repeats, when that was found, else of the live stretch before it, or at least
 * {@value ReplayPairing#MIN_REPEAT_SHARE} of its frames repeated) or from a view the live stretch before did not
 * show; of candidates sharing an appearance the more confident is kept. The replayed live play is found by matching
 * the replay's frames (16x9 thumbnails) to the frames before it.
 */
final class ReplayLogoDetector implements FrameAnalyser, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReplayLogoDetector.class);
    /** The analyser sees the fine picture, twice the small frame (128x72 by default), and averages it 2x down. */
    private static final int SCALE = 2;
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
    /** Coarse candidates (best sizes) confirmed on the fine picture per frame and logo. */
    private static final int CANDIDATES = 3;
    /** A matched window flatter than this (grey-level standard deviation) is no logo (black frames, fades). */
    private static final double MIN_WINDOW_STDDEV = 6;
    /** A neighbouring size agrees when it scores this share of the best and peaks this close (share of the size). */
    private static final double AGREE_SCORE_SHARE = 0.75;
    private static final double AGREE_PLACE_SHARE = 0.35;
    /**
     * The scene's motion around a hit is measured against the sampled picture this many samples back: strips just
     * outside the hit (above, below, left, right) are searched for there within SCENE_SEARCH fine pixels, and
     * count when they correlate at SCENE_MATCH or more and are not flat.
     */
    private static final int SCENE_LAG = 3;
    private static final int SCENE_SEARCH = 10;
    private static final double SCENE_MATCH = 0.6;
    private static final double SCENE_MIN_STDDEV = 5;
    /**
     * A hit of the last sampled frame ({@code index} into the hits) and where it was matched, to measure it in the
     * next one ({@link Hit#after}).
     */
    private record Pending(int index, LogoSize size, int bx, int by, double[] scene, double time) {
    }

    /** A confirmed hit and where it was matched ({@code index} not known yet: -1). */
    private record Confirmed(Hit hit, Pending where) {
    }

    private final AnalysisProperties properties;
    private final double fps;
    private final int frameStep;
    private final LogoTemplates templates;
    private final LogoChains chains;
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
        // At most about MAX_SAMPLES_PER_SECOND sampled frames a second: a 60 fps source costs no more than a 30 fps
        // one.
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
        this.templates = new LogoTemplates(properties, fineW / 2, fineH / 2, logos);
        this.chains = new LogoChains(properties, fineW, fineH, frameSeconds, this.changes, templates.patchMasks());
    }

    /** The per-frame signals the pairing needs (motion per frame, thumbnails): fed every frame at the small size. */
    FrameAnalyser frameChanges() {
        return changes;
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
        for (int logo = 0; logo < templates.count(); logo++) {
            for (Confirmed c : matches(frame.time(), logo, templates.sizes(logo))) {
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
            if (p.scene() != null && after.known() && after.contrast() <= LogoChains.EMPTY_SHARE * hit.contrast()) {
                after = shifted(fine, p.size(), bx, by, after);
            }
            hits.set(p.index(), hit.withAfter(after));
        }
        pending.clear();
    }

    /**
     * The logo's strength (see {@link Beside}) with the template of {@code size} at (bx, by): {@link LogoStrength#at}.
     */
    private Beside strength(Mat picture, LogoSize size, int bx, int by) {
        return strengths.at(picture, size.fine(), size.fineMask(), size.fineStd(), bx, by);
    }

    /**
     * {@code at} (the strength at (bx, by)) with where the template shows best within WIPE_MAX_STEP of the logo's
     * size around that place, correlating at COARSE_SHARE of logo-min-score at least ({@link LogoStrength#near}).
     */
    private Beside shifted(Mat picture, LogoSize size, int bx, int by, Beside at) {
        Mat t = size.fine();
        int reach = (int) Math.ceil(LogoChains.WIPE_MAX_STEP * Math.max(t.cols(), t.rows()));
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
            LogoTemplates.match(region, window, mask, out);
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
    private List<Confirmed> matches(double time, int logo, List<LogoSize> sizes) {
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
                LogoSize size = sizes.get(i);
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
    private void searchSize(List<LogoSize> sizes, int i, double[] scores, int[] lx, int[] ly, double[] cx, double[] cy,
                            Point where, DoublePointer max) {
        LogoSize size = sizes.get(i);
        long started = System.nanoTime();
        boolean small = size.coarse().rows() < FINE_ONLY_HEIGHT;
        LogoTemplates.match(small ? fine : coarse, small ? size.fine() : size.coarse(),
                small ? size.fineMask() : size.coarseMask(),
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

    /** Whether a neighbouring size of size i peaks at the same place with a comparable score. */
    private static boolean agrees(int i, double[] scores, double[] cx, double[] cy, List<LogoSize> sizes) {
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
    private Confirmed confirm(double time, int logo, LogoSize size, boolean small, int lx, int ly, double smallScore,
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
                        LogoTemplates.match(window, t, size.fineMask(), out);
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
                    try (Mat e = LogoTemplates.edges(matched); Mat out = new Mat()) {
                        matchTemplate(e, size.fineEdges(), out, TM_CCOEFF_NORMED);
                        minMaxLoc(out, null, max, null, null, null);
                        shape = Double.isFinite(max.get()) ? max.get() : 0;
                    }
                }
                double cx = (x0 + mx + t.cols() / 2.0) / fineW;
                double cy = (y0 + my + t.rows() / 2.0) / fineH;
                double[] scene = sceneVelocity(x0 + mx, y0 + my, t.cols(), t.rows());
                byte[] patch = new byte[LogoTemplates.PATCH_SIDE * LogoTemplates.PATCH_SIDE];
                double before;
                double contrast;
                try (Mat matched = new Mat(window, new Rect(mx, my, t.cols(), t.rows())); Mat p = new Mat()) {
                    resize(matched, p, new Size(LogoTemplates.PATCH_SIDE, LogoTemplates.PATCH_SIDE), 0, 0, INTER_AREA);
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
                    if (scene != null && prior.known() && prior.contrast() <= LogoChains.EMPTY_SHARE * contrast) {
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

    /** The verified logo appearances, in time order ({@link LogoChains#appearances}). */
    List<LogoAppearance> appearances() {
        return chains.appearances(hits);
    }

    /**
     * The verified appearances ({@link #appearances()}) whose colour agrees with their logo's: the frame grey-level
     * matching saw the logo best in is decoded again, in colour, from {@code video} (one seek per appearance, so
     * footage where nothing passed the grey-level gates costs nothing), and the patch there must show the logo's
     * chroma pattern and about its mean colour ({@link LogoColour#colourAgreement}); a look-alike shape in other
     * colours does not. A logo without colour, a patch mostly outside the frame or a frame that cannot be decoded
     * again leaves the appearance as it is.
     */
    List<LogoAppearance> appearances(Path video) {
        List<LogoAppearance> all = appearances();
        if (all.isEmpty() || !templates.anyColour()) {
            return all;
        }
        List<LogoAppearance> kept = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = MediaInputs.grabber(video);
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            for (LogoAppearance a : all) {
                LogoColour colour = templates.colour(a.logo());
                double[] agreement = null;
                if (colour != null) {
                    grabber.setTimestamp(Math.round(a.peak() * 1e6));
                    Frame frame = grabber.grabImage();
                    if (frame != null && frame.image != null) {
                        agreement = LogoColour.at(converter.convert(frame), a, colour);
                    }
                }
                boolean agrees = agreement == null
                        || (agreement[0] >= LogoColour.COLOUR_MIN_OPACITY
                        && agreement[1] <= LogoColour.COLOUR_MAX_DISTANCE);
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
        templates.close();
        fine.close();
        coarse.close();
        result.close();
        for (Mat m : past) {
            m.close();
        }
    }
}
