package io.courtside.scoreboard;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_CLOSE;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where the score bug is: the persistent-overlay search of {@link ScoreBugReader} (which follows the bug once
 * found). Twice a second the overview's edges and its change since the last sample are counted per pixel; pixels
 * that are an edge in nearly every sample and barely change are stable. They are joined into boxes (text lines close
 * up into panels; stacked graphics, a bug over a ticker strip, also give a box per band), and the boxes are ranked by
 * their stable pixels, those near the top or bottom edge first. A box whose inside keeps changing is a crawl and is
 * passed over. Each box left is read ({@link Pages}); the first that reads as two teams with a score each is the bug.
 * Samples older than about 8 s weigh half, so a bug that appears later is found too.
 */
final class BugFinder {

    private static final Logger log = LoggerFactory.getLogger(BugFinder.class);

    /** Grey-level step between neighbours (2 pixels apart) that makes an edge in the overview. */
    private static final int EDGE = 28;
    /** An overlay pixel is an edge in at least this share of the finder's samples... */
    private static final double STABLE_EDGE_SHARE = 0.8;
    /** ...and changes by less than this many grey levels between samples, on average. */
    private static final double STABLE_MEAN_CHANGE = 8;
    /** Finder samples before the first look (the picture behind the bug must have changed). */
    static final int MIN_FIND_SAMPLES = 6;
    /** At the end of a source shorter than that, one last look after at least this many finder samples. */
    private static final int MIN_LAST_LOOK = 6;
    /** More of the overview than this stable: the camera has not moved enough yet to tell the overlay apart. */
    private static final double MAX_STABLE_SHARE = 0.6;
    /** Finder samples after which the older ones are halved (a sliding window of about 8 s). */
    private static final int WINDOW = 16;
    /** A candidate with more than this share of its inside changing is moving text, not the bug... */
    private static final double MOVING_SHARE = 0.3;
    /** ...a pixel changing by this many grey levels per finder sample on average. */
    private static final int MOVING_CHANGE = 15;
    /**
     * ...in at least this share of the samples: a crawl changes sample after sample, a graphic that animated in (a
     * title line sliding onto the bug) changed once, however much.
     */
    private static final double MOVING_SAMPLES_SHARE = 0.3;
    /** Boxes read by OCR at each look, most overlay-like first. */
    private static final int MAX_CANDIDATES = 6;
    /**
     * A box that read as nothing (a channel's logo, a sponsor, a bug whose digits OCR cannot read) is read again at the
     * next look when its pixels changed (a bug read mid-animation, or first seen joined to a strip beside it); when that
     * fails too, no sooner than this many seconds after, twice that after each further failure...
     */
    private static final double BACKOFF_SECONDS = 4;
    /**
     * ...up to this: a bug found that late in a box that failed still has what it showed meanwhile read back from the
     * kept pictures ({@value ScoreBugReader#RING} finder samples, 12 s).
     */
    private static final double MAX_BACKOFF_SECONDS = 8;
    /** Recognitions a read takes when it fails (both polarities and by line). */
    private static final int FAILED_READ_COST = 3;
    /**
     * Boxes that failed more than once are read again within a budget of this many recognitions per minute of video
     * (about 0.2 s of CPU), so many such boxes on a long source do not add up. The first read again is not counted:
     * a bug whose box first failed (read mid-animation, or beside a strip) reads at the next look as before...
     */
    private static final double BUDGET_PER_MINUTE = 12;
    /** ...saved up to this many (a look may read a few). */
    private static final double BUDGET_MAX = 6;
    /** A new box this much inside a box that failed is a part of it (a line of a panel), read within the budget. */
    private static final double PART_OF_FAILED = 0.8;
    /**
     * A box narrower than this share of the overview's width is no candidate (a letter of the scene, a speck; the
     * narrowest bug of the real clips, tennis's, is 0.21 of the frame); a box cut at its ends ({@link #trimmed},
     * {@link #withoutThinEnds}) that would be left narrower than this is kept whole instead: the cut took the bug.
     */
    private static final double MIN_BOX_WIDTH_SHARE = 0.04;
    /** A column at a box's end with at most this many stable pixels (or {@link #THIN_END_SHARE} of its height)... */
    private static final int THIN_END_PIXELS = 2;
    private static final double THIN_END_SHARE = 0.15;
    /** ...is a line along the box, not the bug's end, when such columns run for this share of the overview's width. */
    private static final double THIN_END_MIN_RUN = 0.04;
    /** A box that failed and was not read again for this long is forgotten (boxes of the scene come and go). */
    private static final double FORGET_FAILED_SECONDS = 120;

    /** How the finder reads a candidate's crop, and tells whether a crop changed since it was read (the reader's). */
    interface Pages {
        /** The crop's reading as a score bug, or null. */
        BugReading read(byte[] crop, int width, int height);

        /** The crop changed since {@code before} (enough of its pixels, by enough). */
        boolean changed(byte[] before, byte[] now);
    }

    /**
     * A box that read as a score bug.
     *
     * @param overviewBox   x, y, w, h in overview pixels (and what the candidate carried after them)
     * @param full          the box in full-size pixels
     * @param reference     overview indices of the box's stable edges (the bug's own, to tell when it is gone)
     * @param overviewWidth the overview's width
     * @param reading       what it read
     * @param crop          the crop that read so
     */
    record Found(int[] overviewBox, Rect full, int[] reference, int overviewWidth, BugReading reading, byte[] crop) {
    }

    private final BugLayout layout;
    private final BugFinding finding;
    private int[] edgeCount;
    private long[] changeSum;
    /** Per overview pixel, the finder samples in which it changed by more than {@value #MOVING_CHANGE} grey levels. */
    private int[] changeCount;
    private byte[] previousOverview;
    private int findSamples;
    private int[] overviewSize;
    private int nextLook = MIN_FIND_SAMPLES;
    /** Boxes that read as nothing, and when they may be read again. */
    private final List<Failed> failed = new ArrayList<>();
    /** Recognitions left for boxes that failed, and when it was topped up (video seconds). */
    private double budget = BUDGET_MAX;
    private double toppedUp = Double.NaN;
    private final List<double[]> refused = new ArrayList<>(); // overview boxes let go: x, y, w, h, time

    /** A box that read as nothing: where, what it showed when read, how often it failed, when it was last read. */
    private static final class Failed {
        int[] box;
        byte[] crop;
        int failures = 1;
        double readAt;

        Failed(int[] box, byte[] crop, double readAt) {
            this.box = box;
            this.crop = crop;
            this.readAt = readAt;
        }

        /** Read as nothing again, at {@code time}. */
        void failedAgain(int[] box, byte[] crop, double time) {
            this.box = box;
            this.crop = crop;
            failures++;
            readAt = time;
        }

        /** When it may be read again (if its pixels changed). */
        double next() {
            return failures < 2 ? readAt
                    : readAt + Math.min(MAX_BACKOFF_SECONDS, BACKOFF_SECONDS * Math.pow(2, failures - 2));
        }
    }

    BugFinder(BugLayout layout, BugFinding finding) {
        this.layout = layout;
        this.finding = finding;
    }

    /**
     * One finder sample (the frame's full-size grey picture, valid for this call, and its overview {@code w} x
     * {@code h}); when it is time to look, the candidate boxes are read and the first that reads as a score bug is
     * returned, else null.
     *
     * @param following a bug is followed (gone from the screen, it may have changed form): the samples are not
     *                  halved, the search being restarted when it shows again
     */
    public Found sample(double time, Mat picture, byte[] overview, int w, int h, boolean following, Pages pages) {
        int n = w * h;
        if (edgeCount == null || edgeCount.length != n) {
            edgeCount = new int[n];
            changeSum = new long[n];
            changeCount = new int[n];
            previousOverview = null;
            findSamples = 0;
        }
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int i = y * w + x;
                if (edge(overview, w, i)) {
                    edgeCount[i]++;
                }
                if (previousOverview != null) {
                    int change = Math.abs((overview[i] & 0xff) - (previousOverview[i] & 0xff));
                    changeSum[i] += change;
                    changeCount[i] += change > MOVING_CHANGE ? 1 : 0;
                }
            }
        }
        previousOverview = previousOverview == null ? overview.clone() : copyInto(overview, previousOverview);
        findSamples++;
        overviewSize = new int[] {w, h};
        if (findSamples < nextLook) {
            return null;
        }
        nextLook = findSamples + Math.max(4, findSamples / 3); // look less often as time goes on: OCR is not free
        Found found = look(time, picture, w, h, MAX_STABLE_SHARE, pages);
        if (found == null && !following && findSamples >= WINDOW) {
            // older samples weigh half: a bug that appears later (a graphic that shrinks into the corner) can win
            for (int i = 0; i < n; i++) {
                edgeCount[i] /= 2;
                changeSum[i] /= 2;
                changeCount[i] /= 2;
            }
            findSamples /= 2;
            nextLook = findSamples + 4;
        }
        return found;
    }

    /**
     * At the end of a source shorter than the finder's first looks need: one last look at {@code picture} with what
     * the whole of it showed (a camera that never cut leaves much of the picture stable: OCR decides among the
     * boxes), or null.
     */
    Found lastLook(double time, Mat picture, Pages pages) {
        if (overviewSize == null || findSamples < MIN_LAST_LOOK || edgeCount == null) {
            return null;
        }
        return look(time, picture, overviewSize[0], overviewSize[1], 0.5, pages);
    }

    /** Starts over from the next sample (its counts), first looking after {@code first} finder samples. */
    void restart(int first) {
        edgeCount = null;
        nextLook = first;
    }

    /** The box (overview pixels) let go at {@code time}: it and boxes mostly inside it are passed over a while. */
    void refuse(int[] overviewBox, double time) {
        refused.add(new double[] {overviewBox[0], overviewBox[1], overviewBox[2], overviewBox[3], time});
    }

    /** Where the stable pixels say the bug is, read by OCR; the first box that reads as a score is returned. */
    private Found look(double time, Mat picture, int w, int h, double maxStableShare, Pages pages) {
        int n = w * h;
        boolean[] stable = new boolean[n];
        int stableCount = 0;
        for (int i = 0; i < n; i++) {
            if (edgeCount[i] >= STABLE_EDGE_SHARE * findSamples
                    && changeSum[i] < STABLE_MEAN_CHANGE * (findSamples - 1)) {
                stable[i] = true;
                stableCount++;
            }
        }
        log.debug("Finder at {} s: {} stable pixels of {}", String.format("%.1f", time), stableCount, n);
        if (stableCount == 0 || stableCount > maxStableShare * n) {
            return null;
        }
        if (layout.region() != null) {
            within(stable, layout.region(), w, h);
        }
        List<int[]> boxes = candidates(stable, w, h);
        if (!Double.isNaN(toppedUp)) {
            budget = Math.min(BUDGET_MAX, budget + Math.max(0, time - toppedUp) * BUDGET_PER_MINUTE / 60);
        }
        toppedUp = time;
        failed.removeIf(f -> time - f.readAt > FORGET_FAILED_SECONDS);
        if (log.isDebugEnabled()) {
            log.debug("Candidates at {} s: {}", String.format("%.1f", time),
                    boxes.stream().map(Arrays::toString).toList());
        }
        for (int[] candidate : boxes) {
            int[] c = withoutThinEnds(trimmed(candidate, w), stable, w);
            if (refused(c, time)) {
                continue;
            }
            if (moving(c, w)) {
                log.debug("Candidate {} at {} s: text moves inside it (a crawl)", Arrays.toString(c),
                        String.format("%.1f", time));
                continue;
            }
            Rect full = toFull(c, w, h, picture.cols(), picture.rows());
            byte[] crop = ScoreBugReader.crop(picture, full);
            Failed before = failedAt(c);
            if (before != null && (!pages.changed(before.crop, crop) || time < before.next())) {
                continue; // unchanged, it reads as before; changed, it is read again only after backing off
            }
            // a part of a box that failed (one of its lines, found as a box of its own) is read within the budget too:
            // an overlay of several lines would otherwise buy a free read for each
            if ((before != null && before.failures > 1) || (before == null && partOfFailed(c))) {
                if (budget < FAILED_READ_COST) {
                    continue; // spent: read again at a later look
                }
                budget -= FAILED_READ_COST;
            }
            BugReading reading = pages.read(crop, full.width(), full.height());
            log.debug("Candidate {} at {} s: {}", Arrays.toString(c), String.format("%.1f", time),
                    reading == null ? "no reading" : reading.key());
            if (reading == null) {
                if (before == null) {
                    failed.add(new Failed(c, crop, time));
                } else {
                    before.failedAgain(c, crop, time);
                }
                continue;
            }
            failed.clear();
            return new Found(c.clone(), full, reference(c, stable, w), w, reading, crop);
        }
        return null;
    }

    /** Whether at least {@value #PART_OF_FAILED} of box {@code c} lies inside a box that failed. */
    private boolean partOfFailed(int[] c) {
        for (Failed f : failed) {
            if (common(c, f.box[0], f.box[1], f.box[2], f.box[3]) >= PART_OF_FAILED * c[2] * c[3]) {
                return true;
            }
        }
        return false;
    }

    /** The failed box {@code c} is (most of each inside the other: a box found again a pixel off), or null. */
    private Failed failedAt(int[] c) {
        Failed best = null;
        double bestOverlap = 0.5;
        for (Failed f : failed) {
            int[] r = f.box;
            double common = common(c, r[0], r[1], r[2], r[3]);
            if (common <= 0) {
                continue;
            }
            double overlap = common / (c[2] * c[3] + r[2] * r[3] - common);
            if (overlap >= bestOverlap) {
                best = f;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    private static int[] reference(int[] c, boolean[] stable, int w) {
        List<Integer> edges = new ArrayList<>();
        for (int y = c[1]; y < c[1] + c[3]; y++) {
            for (int x = c[0]; x < c[0] + c[2]; x++) {
                if (stable[y * w + x]) {
                    edges.add(y * w + x);
                }
            }
        }
        return edges.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A box cut out of a strip without the columns at its ends where the picture keeps changing (the scene beside
     * the bug, joined to it on the strip's rows).
     */
    private int[] trimmed(int[] c, int w) {
        if (c.length < 6) {
            return c;
        }
        int x0 = c[0];
        int x1 = c[0] + c[2] - 1;
        while (x0 < x1 && changingShare(x0, c, w) > 0.5) {
            x0++;
        }
        while (x1 > x0 && changingShare(x1, c, w) > 0.5) {
            x1--;
        }
        return x1 - x0 + 1 < MIN_BOX_WIDTH_SHARE * w ? c : new int[] {x0, c[1], x1 - x0 + 1, c[3], c[4]};
    }

    /**
     * A box without the runs of columns at its ends where the stable pixels are only a line or two along its top or
     * bottom (the border of a strip beside the bug, a line of the floor, joined to the bug on one row): the bug's own
     * ends are its outline or its text, as tall as a line of it. A run shorter than {@value #THIN_END_MIN_RUN} of the
     * overview's width (a letter's bar, a serif) is kept.
     */
    private static int[] withoutThinEnds(int[] c, boolean[] stable, int w) {
        int thin = Math.max(THIN_END_PIXELS, (int) (THIN_END_SHARE * c[3]));
        int minRun = (int) Math.ceil(THIN_END_MIN_RUN * w);
        int x0 = c[0];
        int x1 = c[0] + c[2] - 1;
        while (x0 < x1 && stableIn(stable, w, x0, c) <= thin) {
            x0++;
        }
        while (x1 > x0 && stableIn(stable, w, x1, c) <= thin) {
            x1--;
        }
        int left = x0 - c[0] >= minRun ? x0 : c[0];
        int right = c[0] + c[2] - 1 - x1 >= minRun ? x1 : c[0] + c[2] - 1;
        if (left == c[0] && right == c[0] + c[2] - 1 || right - left + 1 < MIN_BOX_WIDTH_SHARE * w) {
            return c;
        }
        int[] cut = c.clone();
        cut[0] = left;
        cut[2] = right - left + 1;
        return cut;
    }

    private static int stableIn(boolean[] stable, int w, int x, int[] c) {
        int count = 0;
        for (int y = c[1]; y < c[1] + c[3]; y++) {
            count += stable[y * w + x] ? 1 : 0;
        }
        return count;
    }

    private double changingShare(int x, int[] c, int w) {
        int changing = 0;
        for (int y = c[1]; y < c[1] + c[3]; y++) {
            if (changeSum[y * w + x] >= MOVING_CHANGE * (findSamples - 1)) {
                changing++;
            }
        }
        return changing / (double) c[3];
    }

    /** A box let go a while ago, or one mostly inside it. */
    private boolean refused(int[] c, double time) {
        for (double[] r : refused) {
            if (time - r[4] >= finding.refusedSeconds()) {
                continue;
            }
            if (common(c, r[0], r[1], r[2], r[3]) >= 0.6 * c[2] * c[3]) {
                return true;
            }
        }
        return false;
    }

    /** The area box {@code c} (x, y, w, h) has in common with the box at {@code x, y} of {@code w} by {@code h}. */
    private static double common(int[] c, double x, double y, double w, double h) {
        double ix = Math.min(c[0] + c[2], x + w) - Math.max(c[0], x);
        double iy = Math.min(c[1] + c[3], y + h) - Math.max(c[1], y);
        return Math.max(0, ix) * Math.max(0, iy);
    }

    /** The sport's hint narrows the search: stable pixels outside it (other graphics, a ticker) are left out. */
    private static void within(boolean[] stable, ScoreRegion hint, int w, int h) {
        int x0 = (int) Math.floor(hint.x() * w);
        int y0 = (int) Math.floor(hint.y() * h);
        int x1 = (int) Math.ceil((hint.x() + hint.width()) * w);
        int y1 = (int) Math.ceil((hint.y() + hint.height()) * h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < x0 || x >= x1 || y < y0 || y >= y1) {
                    stable[y * w + x] = false;
                }
            }
        }
    }

    /**
     * A box whose inside keeps changing (a ticker's crawl between its static borders, the scene seen through a
     * frame): more than {@value #MOVING_SHARE} of its inner pixels change by {@value #MOVING_CHANGE} grey levels or
     * more per sample on average, in at least {@value #MOVING_SAMPLES_SHARE} of the samples. A bug's inside changes
     * when its score does, where its clock ticks, and once when a line of it animates in.
     */
    private boolean moving(int[] c, int w) {
        int inner = 0;
        int changing = 0;
        for (int y = c[1] + 1; y < c[1] + c[3] - 1; y++) {
            for (int x = c[0] + 1; x < c[0] + c[2] - 1; x++) {
                inner++;
                int i = y * w + x;
                if (changeSum[i] >= MOVING_CHANGE * (findSamples - 1)
                        && changeCount[i] >= MOVING_SAMPLES_SHARE * (findSamples - 1)) {
                    changing++;
                }
            }
        }
        return inner > 0 && changing > MOVING_SHARE * inner;
    }

    private static byte[] copyInto(byte[] from, byte[] to) {
        System.arraycopy(from, 0, to, 0, from.length);
        return to;
    }

    static boolean edge(byte[] p, int w, int i) {
        int dx = Math.abs((p[i + 1] & 0xff) - (p[i - 1] & 0xff));
        int dy = Math.abs((p[i + w] & 0xff) - (p[i - w] & 0xff));
        return dx + dy >= EDGE;
    }

    /** Boxes [x, y, w, h, stable pixels] of joined stable pixels, most stable pixels first, at most 3. */
    private List<int[]> candidates(boolean[] stable, int w, int h) {
        List<int[]> boxes = new ArrayList<>();
        components(stable, w, h, boxes, true);
        boxes.sort(Comparator.comparingInt((int[] b) -> b[4]).reversed());
        return boxes.size() > MAX_CANDIDATES ? boxes.subList(0, MAX_CANDIDATES) : boxes;
    }

    /**
     * The boxes of joined stable pixels into {@code boxes}; a strip as wide as the frame (a ticker of other games'
     * scores next to or under the bug, joined to it) weighs little, and with {@code split} the rows where it spans
     * the frame are cut away so the bug beside it is a box of its own.
     */
    private void components(boolean[] stable, int w, int h, List<int[]> boxes, boolean split) {
        try (Mat mask = new Mat(h, w, CV_8UC1);
             Mat closed = new Mat();
             Mat labels = new Mat();
             Mat stats = new Mat();
             Mat centroids = new Mat();
             Size kernelSize = new Size(Math.max(3, w / 28) | 1, 3);
             Mat kernel = getStructuringElement(MORPH_RECT, kernelSize)) {
            byte[] bytes = new byte[w * h];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = stable[i] ? (byte) 255 : 0;
            }
            mask.data().put(bytes);
            morphologyEx(mask, closed, MORPH_CLOSE, kernel);
            int count = connectedComponentsWithStats(closed, labels, stats, centroids);
            try (IntIndexer s = stats.createIndexer()) {
                for (int label = 1; label < count; label++) {
                    int x = s.get(label, CC_STAT_LEFT);
                    int y = s.get(label, CC_STAT_TOP);
                    int bw = s.get(label, CC_STAT_WIDTH);
                    int bh = s.get(label, CC_STAT_HEIGHT);
                    if (bw < MIN_BOX_WIDTH_SHARE * w || bh < 3 || bh > 0.3 * h || bw * bh > 0.25 * w * h
                            || s.get(label, CC_STAT_AREA) < 12) {
                        continue;
                    }
                    int inside = 0;
                    for (int yy = y; yy < y + bh; yy++) {
                        for (int xx = x; xx < x + bw; xx++) {
                            if (stable[yy * w + xx]) {
                                inside++;
                            }
                        }
                    }
                    if (inside >= 20) {
                        // a box cut out of a strip is marked: its ends may hold the picture beside the bug
                        boxes.add(weighed(split ? new int[] {x, y, bw, bh, inside} : new int[] {x, y, bw, bh, inside, 1},
                                w, h));
                        bands(stable, w, h, x, y, bw, bh, boxes);
                        if (split && bw >= finding.stripWidth() * w) {
                            components(withoutStrip(stable, w, x, y, bw, bh), w, h, boxes, false);
                        }
                    }
                }
            }
        }
    }

    /** The stable pixels of the box without its rows that span the frame (a strip's). */
    private boolean[] withoutStrip(boolean[] stable, int w, int x, int y, int bw, int bh) {
        boolean[] rest = new boolean[stable.length];
        for (int yy = y; yy < y + bh; yy++) {
            int first = -1;
            int last = -1;
            for (int xx = x; xx < x + bw; xx++) {
                if (stable[yy * w + xx]) {
                    first = first < 0 ? xx : first;
                    last = xx;
                }
            }
            if (first < 0 || last - first + 1 >= finding.stripWidth() * w) {
                continue;
            }
            System.arraycopy(stable, yy * w + first, rest, yy * w + first, last - first + 1);
        }
        return rest;
    }

    /** Overlays sit near the top or bottom edge; what is mid-frame is more likely the scene: it weighs less. */
    private int[] weighed(int[] box, int w, int h) {
        double centre = (box[1] + box[3] / 2.0) / h;
        box[4] = (int) (box[4] * (centre < 0.3 || centre > 0.6 ? 1 : 0.35)
                * (box[2] >= finding.stripWidth() * w ? finding.stripWeight() : 1));
        return box;
    }

    /**
     * A box of stacked graphics (a bug over a ticker strip): its bands between rows with almost no stable pixels
     * are candidates too.
     */
    private void bands(boolean[] stable, int w, int h, int x, int y, int bw, int bh, List<int[]> boxes) {
        int start = -1;
        int count = 0;
        for (int yy = y; yy <= y + bh; yy++) {
            int row = 0;
            if (yy < y + bh) {
                for (int xx = x; xx < x + bw; xx++) {
                    row += stable[yy * w + xx] ? 1 : 0;
                }
            }
            boolean empty = row < 0.03 * bw;
            if (!empty && start < 0) {
                start = yy;
                count = 0;
            }
            if (!empty) {
                count += row;
            }
            if (empty && start >= 0) {
                if (yy - start >= 3 && yy - start < bh - 1 && count >= 20) {
                    boxes.add(weighed(new int[] {x, start, bw, yy - start, count}, w, h));
                }
                start = -1;
            }
        }
    }

    /**
     * An overview box in full-size pixels, one overview pixel taller on each side and as much wider as the box is
     * tall (text that changes, a clock, is not stable and may sit at the box's ends).
     */
    private static Rect toFull(int[] c, int w, int h, int fullWidth, int fullHeight) {
        double sx = fullWidth / (double) w;
        double sy = fullHeight / (double) h;
        int mx = 1;
        int x0 = (int) Math.max(0, Math.floor((c[0] - mx) * sx));
        int y0 = (int) Math.max(0, Math.floor((c[1] - 1) * sy));
        int x1 = (int) Math.min(fullWidth, Math.ceil((c[0] + c[2] + mx) * sx));
        int y1 = (int) Math.min(fullHeight, Math.ceil((c[1] + c[3] + 1) * sy));
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }
}
