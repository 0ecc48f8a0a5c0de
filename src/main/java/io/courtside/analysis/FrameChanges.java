package io.courtside.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per frame: the mean absolute change from the previous small frame (grey levels) and a 16x9 thumbnail, for
 * telling slowed-down stretches and finding the live play a replay repeats. About 160 bytes a frame.
 */
final class FrameChanges implements FrameAnalyser {

    /** Thumbnails for finding the replayed play: 16x9, a 4x box average of the small frame. */
    private static final int THUMB_FACTOR = 4;
    /** A replay frame matches a live frame at this thumbnail correlation. */
    private static final double PLAY_MATCH = 0.8;

    private final int width;
    private final int height;
    private final int tw;
    private final int th;
    private byte[] previous;
    private double[] times = new double[1024];
    private float[] diffs = new float[1024];
    private byte[] thumbs;
    private int count;
    private final byte[] thumb;

    FrameChanges(int width, int height) {
        this.width = width;
        this.height = height;
        this.tw = width / THUMB_FACTOR;
        this.th = height / THUMB_FACTOR;
        this.thumbs = new byte[1024 * tw * th];
        this.thumb = new byte[tw * th];
    }

    /** Slowed-down replays repeat frames: a blend of two neighbours would hide the repeats. */
    @Override
    public boolean takesBlendedFrames() {
        return false;
    }

    @Override
    public void frame(SmallFrame frame) {
        byte[] luma = frame.luma();
        int n = width * height;
        double diff = 0;
        if (previous == null) {
            previous = new byte[n];
        } else {
            long sum = 0;
            for (int i = 0; i < n; i++) {
                sum += Math.abs((luma[i] & 0xff) - (previous[i] & 0xff));
            }
            diff = sum / (double) n;
        }
        System.arraycopy(luma, 0, previous, 0, n);
        if (count == times.length) {
            times = Arrays.copyOf(times, 2 * count);
            diffs = Arrays.copyOf(diffs, 2 * count);
            thumbs = Arrays.copyOf(thumbs, 2 * count * tw * th);
        }
        times[count] = frame.time();
        diffs[count] = (float) diff;
        Pixels.boxDownsample(luma, width, height, THUMB_FACTOR, thumb);
        System.arraycopy(thumb, 0, thumbs, count * tw * th, tw * th);
        count++;
    }

    /** Frames seen so far. */
    int count() {
        return count;
    }

    double time(int i) {
        return times[i];
    }

    float diff(int i) {
        return diffs[i];
    }

    /** A copy of frame {@code i}'s thumbnail. */
    byte[] thumb(int i) {
        return Arrays.copyOfRange(thumbs, i * tw * th, (i + 1) * tw * th);
    }

    /** A frame measured elsewhere (a range of a split analysis), appended in time order. */
    void append(double time, float diff, byte[] thumbnail) {
        if (count == times.length) {
            times = Arrays.copyOf(times, 2 * count);
            diffs = Arrays.copyOf(diffs, 2 * count);
            thumbs = Arrays.copyOf(thumbs, 2 * count * tw * th);
        }
        times[count] = time;
        diffs[count] = diff;
        System.arraycopy(thumbnail, 0, thumbs, count * tw * th, tw * th);
        count++;
    }

    /** The first frame at or after {@code time}. */
    int indexAfter(double time) {
        return indexAt(time);
    }

    private int indexAt(double time) {
        int i = Arrays.binarySearch(times, 0, count, time);
        return i >= 0 ? i : -i - 1;
    }

    double[] diffs(double from, double to) {
        int a = indexAt(from);
        int b = indexAt(to);
        double[] out = new double[Math.max(0, b - a)];
        for (int i = a; i < b; i++) {
            out[i - a] = diffs[i];
        }
        return out;
    }

    /** Pearson correlation of two thumbnails, NaN when one is flat. */
    private double correlation(int i, int j) {
        int n = tw * th;
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int k = 0; k < n; k++) {
            double a = thumbs[i * n + k] & 0xff;
            double b = thumbs[j * n + k] & 0xff;
            sa += a;
            sb += b;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
        }
        double va = saa - sa * sa / n;
        double vb = sbb - sb * sb / n;
        if (va < n * 4 || vb < n * 4) {
            return Double.NaN;
        }
        return (sab - sa * sb / n) / Math.sqrt(va * vb);
    }

    /** Eight frames spread over the middle of [from, to). */
    private int[] samples(double from, double to) {
        int a = indexAt(from + 0.1 * (to - from));
        int b = indexAt(to - 0.1 * (to - from));
        int k = Math.min(8, b - a);
        int[] out = new int[Math.max(0, k)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a + (int) ((i + 0.5) * (b - a) / out.length);
        }
        return out;
    }

    /** Best match of frame {@code i} in [a, b): {index, correlation*1000}, or null. */
    private double[] best(int i, int a, int b) {
        double best = -2;
        int where = -1;
        for (int j = a; j < b; j++) {
            double c = correlation(i, j);
            if (c > best) {
                best = c;
                where = j;
            }
        }
        return where < 0 ? null : new double[] {where, best};
    }

    /**
     * The live play the replay [from, to) repeats, searched in [liveFrom, liveTo): {start, end} when at least
     * half the replay's sample frames match a live frame and the matches run forward in time, else null.
     */
    double[] findPlay(double from, double to, double liveFrom, double liveTo) {
        int a = indexAt(liveFrom);
        int b = indexAt(liveTo);
        int[] samples = samples(from, to);
        List<Integer> matched = new ArrayList<>();
        for (int s : samples) {
            double[] m = best(s, a, b);
            if (m != null && m[1] >= PLAY_MATCH) {
                matched.add((int) m[0]);
            }
        }
        if (samples.length == 0 || matched.size() * 2 < samples.length) {
            return null;
        }
        int forward = 0;
        for (int i = 1; i < matched.size(); i++) {
            if (matched.get(i) >= matched.get(i - 1)) {
                forward++;
            }
        }
        if (matched.size() > 1 && forward < 0.6 * (matched.size() - 1)) {
            return null;
        }
        int first = matched.stream().mapToInt(Integer::intValue).min().orElseThrow();
        int last = matched.stream().mapToInt(Integer::intValue).max().orElseThrow();
        double frame = count > 1 ? (times[count - 1] - times[0]) / (count - 1) : 0;
        return new double[] {times[first], times[last] + frame};
    }

    /** Whether no sampled replay frame looks like anything in [liveFrom, liveTo) (correlation under 0.5). */
    boolean unseenView(double from, double to, double liveFrom, double liveTo) {
        int a = indexAt(liveFrom);
        int b = indexAt(liveTo);
        int[] samples = samples(from, to);
        if (samples.length == 0 || b - a < 1) {
            return false;
        }
        for (int s : samples) {
            double[] m = best(s, a, b);
            if (m == null || m[1] >= 0.5) {
                return false;
            }
        }
        return true;
    }
}
