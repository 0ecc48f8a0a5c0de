package io.courtside.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Shot boundaries on small grey frames, decided a few frames late from a ring of recent frames.
 * <ul>
 * <li>Hard cut at frame c: the difference to frame c-1 is a spike, above an absolute floor, several times the
 * median of recent differences (busy footage) and twice both neighbouring differences (a fade's steady steps are
 * not spikes). A camera flash also spikes, but within a few frames the picture returns to frame c-1: such frames
 * are marked as flash and give no boundary.</li>
 * <li>Gradual transition: a window [s, e] whose ends differ clearly while every frame inside is the linear blend
 * of the two ends it should be in a dissolve (checked at 1/4, 1/2, 3/4), no single step carries the change and
 * the grey-level histograms of the ends differ (a new picture). Slow pans blend sub-pixel shifts linearly but keep
 * their histogram; fast pans fail the blend test. Overlapping windows are grouped; a group holding
 * near-black frames is a fade, its boundary the middle of the black frames; otherwise a dissolve, its boundary
 * the centre of its windows.</li>
 * </ul>
 */
final class ShotBoundaryDetector implements FrameAnalyser {

    /** A cut's difference must be this many times both neighbouring differences. */
    private static final double NEIGHBOUR_RATIO = 2.0;
    /** Back to within this share of the spike's difference from the frame before means it was a flash. */
    private static final double FLASH_RETURN = 0.5;
    /** In a gradual window no single frame step may carry more than this share of the whole change. */
    private static final double STEP_SHARE = 0.5;
    /** Near-black frames (grey levels of the small frame) mark a fade. */
    private static final double BLACK_MEAN = 45;
    private static final double BLACK_DEVIATION = 3;
    private static final int BINS = 16;

    private final AnalysisProperties p;
    private final double fps;
    private final int lookahead;
    private final int minWindow;
    private final int maxWindow;
    private final int ring;
    private byte[][] frames;
    private final int[][] histograms;
    private final FrameSeries times = new FrameSeries();
    private final FrameSeries steps = new FrameSeries();
    private final FrameSeries means = new FrameSeries();
    private final FrameSeries deviations = new FrameSeries();
    private final FrameSeries medians = new FrameSeries();
    private final double[] history;
    private final double[] sorted;
    private int historySize;
    private int historyNext;

    private final List<Integer> cuts = new ArrayList<>();
    private final BitSet flashes = new BitSet();
    private final List<Region> regions = new ArrayList<>();
    private Region open;
    private int lastCut = Integer.MIN_VALUE / 2;
    private int flashUntil = -1;
    private int count;

    ShotBoundaryDetector(AnalysisProperties p, double fps) {
        this.p = p;
        this.fps = fps;
        this.lookahead = p.flashMaxFrames() + 1;
        this.minWindow = Math.max(4, 2 * (int) Math.round(p.gradualMinSeconds() * fps / 2));
        this.maxWindow = Math.max(minWindow, 2 * (int) Math.round(p.gradualMaxSeconds() * fps / 2));
        this.ring = Math.max(maxWindow, lookahead) + 2;
        this.histograms = new int[ring][BINS];
        this.history = new double[p.cutHistoryFrames()];
        this.sorted = new double[p.cutHistoryFrames()];
    }

    /** A group of overlapping gradual-transition windows. */
    private static final class Region {
        int first;
        int last;
        final List<double[]> windows = new ArrayList<>(); // {s, e, difference}
    }

    @Override
    public void frame(SmallFrame frame) {
        int j = frame.index();
        byte[] luma = frame.luma();
        if (frames == null || frames[0].length != luma.length) {
            frames = new byte[ring][luma.length];
        }
        System.arraycopy(luma, 0, frames[j % ring], 0, luma.length);
        int[] histogram = histograms[j % ring];
        Arrays.fill(histogram, 0);
        for (byte v : luma) {
            histogram[(v & 0xff) * BINS / 256]++;
        }
        times.set(j, frame.time());
        double mean = Pixels.mean(luma);
        means.set(j, mean);
        deviations.set(j, Pixels.standardDeviation(luma, mean));
        if (j > 0) {
            double step = Pixels.meanAbsoluteDifference(at(j - 1), at(j));
            steps.set(j, step);
            medians.set(j, median());
            remember(step);
        }
        count = j + 1;
        decideCut(j - lookahead, j);
        findGradualWindows(j);
    }

    private byte[] at(int index) {
        return frames[index % ring];
    }

    private void decideCut(int c, int newest) {
        if (c < 1 || c <= flashUntil) {
            return;
        }
        double step = steps.get(c);
        if (step < p.cutMinDifference() || step <= p.cutRatio() * medians.get(c)) {
            return;
        }
        for (int k = 1; k <= lookahead && c + k <= newest; k++) {
            if (Pixels.meanAbsoluteDifference(at(c + k), at(c - 1)) < FLASH_RETURN * step) {
                flashes.set(c, c + k); // c .. c+k-1 were the flash; c+k is the picture back
                flashUntil = c + k;
                return;
            }
        }
        if (step <= NEIGHBOUR_RATIO * Math.max(steps.get(c - 1), steps.get(c + 1))) {
            return;
        }
        if ((c - lastCut) / fps < p.minShotSeconds() - 0.5 / fps) {
            return;
        }
        cuts.add(c);
        lastCut = c;
    }

    private void findGradualWindows(int e) {
        double largestStep = 0;
        for (int k = 1; k <= maxWindow && e - k >= 0; k++) {
            largestStep = Math.max(largestStep, steps.get(e - k + 1));
            if (k < minWindow || k % 2 != 0) {
                continue;
            }
            int s = e - k;
            if (histogramDistance(s, e) < p.gradualMinHistogramChange()) {
                continue;
            }
            double difference = Pixels.meanAbsoluteDifference(at(s), at(e));
            if (difference < p.gradualMinDifference() || largestStep > STEP_SHARE * difference) {
                continue;
            }
            double misfit = 0;
            for (int quarter = 1; quarter <= 3; quarter++) {
                int m = s + (k * quarter) / 4;
                misfit += Pixels.distanceToBlend(at(m), at(s), at(e), (m - s) / (double) k);
            }
            if (misfit / 3 < p.gradualLinearity() * difference) {
                addWindow(s, e, difference);
            }
        }
    }

    /** Half the L1 distance of the normalised histograms: 0 same distribution, 1 disjoint. */
    private double histogramDistance(int a, int b) {
        int[] ha = histograms[a % ring];
        int[] hb = histograms[b % ring];
        long sum = 0;
        long total = 0;
        for (int i = 0; i < BINS; i++) {
            sum += Math.abs(ha[i] - hb[i]);
            total += ha[i];
        }
        return total == 0 ? 0 : sum / (2.0 * total);
    }

    private void addWindow(int s, int e, double difference) {
        if (open != null && !(s <= open.last + 1 || blackBetween(open.last, s))) {
            regions.add(open);
            open = null;
        }
        if (open == null) {
            open = new Region();
            open.first = s;
            open.last = e;
        }
        open.first = Math.min(open.first, s);
        open.last = Math.max(open.last, e);
        open.windows.add(new double[] {s, e, difference});
    }

    /** A fade may hold black for a while: fade-out and fade-in windows then do not touch. */
    private boolean blackBetween(int from, int to) {
        for (int i = from; i <= to; i++) {
            if (!black(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean black(int i) {
        return means.get(i) < BLACK_MEAN && deviations.get(i) < BLACK_DEVIATION;
    }

    private void remember(double step) {
        history[historyNext] = step;
        historyNext = (historyNext + 1) % history.length;
        historySize = Math.min(historySize + 1, history.length);
    }

    private double median() {
        if (historySize == 0) {
            return 0;
        }
        System.arraycopy(history, 0, sorted, 0, historySize);
        Arrays.sort(sorted, 0, historySize);
        return sorted[historySize / 2];
    }

    /** Boundaries found, in order, after the last frame; the shots between them cover [0, duration). */
    List<Transition> transitions(double duration) {
        for (int c = Math.max(1, count - lookahead); c < count; c++) {
            decideCut(c, count - 1); // the last frames had no full look-ahead
        }
        if (open != null) {
            regions.add(open);
            open = null;
        }
        List<Found> found = new ArrayList<>();
        for (Region region : regions) {
            Found gradual = judge(region);
            if (gradual != null) {
                found.add(gradual);
            }
        }
        List<Found> gradual = List.copyOf(found);
        for (int c : cuts) {
            // Windows holding a step that large are refused, so a cut inside a region is one of its steps.
            if (gradual.stream().noneMatch(g -> c > g.region().first && c <= g.region().last)) {
                found.add(new Found(Transition.Kind.CUT, c, c, c, null));
            }
        }
        found.sort((x, y) -> Integer.compare(x.boundary(), y.boundary()));
        List<Transition> transitions = new ArrayList<>();
        double previous = 0;
        for (Found f : found) {
            double boundary = times.get(f.boundary());
            if (boundary - previous < p.minShotSeconds() - 0.5 / fps || duration - boundary < p.minShotSeconds()) {
                continue;
            }
            double start = times.get(Math.max(0, f.first()));
            double end = times.get(Math.min(count - 1, f.last()));
            transitions.add(new Transition(f.kind(), start, end, boundary));
            previous = boundary;
        }
        return transitions;
    }

    /** A boundary in frame numbers: the first frame of the new shot, and the frames the change spans. */
    private record Found(Transition.Kind kind, int boundary, int first, int last, Region region) {
    }

    /** The fade or dissolve a group of windows shows, or null when it is too thin to be one. */
    private Found judge(Region region) {
        if (region.windows.size() < 3) {
            return null;
        }
        double largest = 0;
        for (double[] w : region.windows) {
            largest = Math.max(largest, w[2]);
        }
        // The shortest window that already holds (nearly) the whole change is about the transition's length.
        int shortest = Integer.MAX_VALUE;
        double weight = 0;
        double centre = 0;
        for (double[] w : region.windows) {
            if (w[2] >= 0.85 * largest) {
                shortest = Math.min(shortest, (int) (w[1] - w[0]));
            }
            double wt = w[2] * w[2]; // windows spanning the whole change are centred on it: trust them most
            weight += wt;
            centre += wt * (w[0] + w[1]) / 2;
        }
        int blackCount = 0;
        double blackSum = 0;
        for (int i = region.first; i <= region.last; i++) {
            if (black(i)) {
                blackCount++;
                blackSum += i;
            }
        }
        boolean fade = blackCount > 0;
        int boundary = (int) Math.ceil((fade ? blackSum / blackCount : centre / weight) - 1e-9);
        int half = fade ? shortest : shortest / 2; // a fade's windows each span one half: out or in
        return new Found(fade ? Transition.Kind.FADE : Transition.Kind.DISSOLVE, boundary, boundary - half,
                boundary + half, region);
    }

    /** Frames whose difference to the previous one is no motion: cuts, flashes, gradual transitions. */
    IntPredicate notMotion(List<Transition> transitions) {
        return notMotion(flashes, transitions, times, count);
    }

    /** As {@link #notMotion(List)} for flashes and frame times found elsewhere (a split analysis, joined). */
    static IntPredicate notMotion(BitSet flashes, List<Transition> transitions, FrameSeries times, int count) {
        BitSet excluded = (BitSet) flashes.clone();
        for (Transition t : transitions) {
            excluded.set(frameAt(t.start(), times, count), frameAt(t.end(), times, count) + 1);
        }
        return excluded::get;
    }

    /** The frames that were camera flashes (no boundary, no motion), by frame index. */
    BitSet flashes() {
        return flashes;
    }

    /** The first frame at or after {@code time} (frame times need not start at 0 or be evenly spaced). */
    private static int frameAt(double time, FrameSeries times, int count) {
        int lo = 0;
        int hi = count - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times.get(mid) < time - 1e-6) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.max(0, lo);
    }

    FrameSeries times() {
        return times;
    }
}
