package io.courtside.scoreboard;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.erode;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;

import java.util.Arrays;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Which pixels of a score bug's grey crop are ink, each judged against the panel it sits on rather than against one
 * threshold for the whole crop. A bug is a set of panels of uniform background (the dark bug, a red games box, a
 * light sets box, a flag), each with text of its own polarity and contrast: WTT draws its games as dark digits (grey
 * about 15) on a red panel (about 85) beside a dark bug, so any one threshold puts digits and panel on the same side.
 * <p>
 * A panel is a region of flat pixels (the grey varies little over 3x3) that is wider somewhere than any stroke of
 * text (flat over {@value #CORE_WINDOW}x{@value #CORE_WINDOW}); every other pixel takes as its background the grey
 * of the nearest pixels of one panel on both sides of it (left and right, or above and below: a glyph sits inside
 * its panel), and is ink by how far it lies from that background, measured against the contrast of the text of
 * that panel (half of it, as a glyph's anti-aliased edge is half ink). A pixel with no one panel around it (an edge
 * between two panels, the textured picture at the crop's rim) is not ink.
 * <p>
 * Used only for what {@link BugOcr}'s passes miss ({@link BugOcr#readEmptyPanels}): a panel on a team's row where no
 * word was read is read alone on this ink. Reading every crop with it first (tried 2 Dec 2026) lost a panel design's
 * games (1 of 8 states) and read the 2017 Worlds' games as its points (3-0 for 8-3); it never replaces a word read.
 */
final class PanelInk {

    /** A pixel is flat when the grey of its 3x3 neighbourhood spans at most this many levels (compressed video's noise is under it, a glyph's edge over it). */
    static final int FLAT_RANGE = 24;
    /** A panel is flat somewhere over this window: wider than the strokes of bug text (3-5 px at 720p), so the inside of a bold glyph is no panel. */
    static final int CORE_WINDOW = 7;
    /** ...at this many pixels at least. */
    private static final int MIN_CORE_PIXELS = 4;
    /** Two flat neighbours this close in grey belong to one panel (noise of compressed video is within it). */
    private static final int NEIGHBOUR_STEP = 6;
    /** A pixel between two panels within this many grey levels of the span of their greys is their edge. */
    private static final int EDGE_TOLERANCE = 12;
    /** A panel's text stands at least this far from its background (grey levels): below, a panel holds no text and its noise is no ink. */
    private static final int MIN_CONTRAST = 28;
    /** The share of a panel's text contrast a pixel must differ from the background by to be ink. */
    private static final double INK_SHARE = 0.5;
    /** The text contrast of a panel: this percentile of how far its non-flat pixels lie from its background. */
    private static final double CONTRAST_PERCENTILE = 0.9;

    /** Ink strength 0-255 that {@link #INK} splits in two: a strength at or over it is ink. */
    static final int INK = 128;

    private PanelInk() {
    }

    /**
     * The ink strength of every pixel of a {@code width} x {@code height} grey crop, 0 (background) to 255: 128 is a
     * pixel exactly at its panel's ink threshold, so the strengths can be scaled like a grey picture and split at
     * {@link #INK} (smooth edges after an upscale, as a grey picture has).
     */
    static byte[] strength(byte[] grey, int width, int height) {
        int n = width * height;
        byte[] strength = new byte[n];
        if (width < 3 || height < 3) {
            return strength;
        }
        int[] panel = panels(grey, width, height);
        int panels = Arrays.stream(panel).max().orElse(0);
        // each non-panel pixel's background (grey of the panel pixels around it) and its panel, or -1
        float[] background = new float[n];
        int[] owner = new int[n];
        Arrays.fill(owner, -1);
        int[] before = new int[n];
        int[] after = new int[n];
        nearest(panel, width, height, 1, width, before, after); // along rows
        int[] above = new int[n];
        int[] below = new int[n];
        nearest(panel, width, height, width, 1, above, below); // along columns
        for (int i = 0; i < n; i++) {
            if (panel[i] != 0) {
                continue;
            }
            int rowSpan = side(panel, before[i], after[i]);
            int colSpan = side(panel, above[i], below[i]);
            if (edge(grey, panel, i, before[i], after[i]) || edge(grey, panel, i, above[i], below[i])) {
                continue; // the soft edge between two panels (or a panel and the picture) is no ink
            }
            int a;
            int b;
            if (rowSpan >= 0 && (colSpan < 0 || (after[i] - before[i]) <= (below[i] - above[i]) / width)) {
                a = before[i];
                b = after[i];
            } else if (colSpan >= 0) {
                a = above[i];
                b = below[i];
            } else {
                continue; // between two panels or in the picture: no background to measure against
            }
            // the background's grey at this pixel: the two sides' greys weighed by nearness (a panel may be a gradient)
            double da = distance(i, a, width);
            double db = distance(i, b, width);
            background[i] = (float) (((grey[a] & 0xff) * db + (grey[b] & 0xff) * da) / (da + db));
            if (touchesOther(grey, panel, i, panel[a], width, height)) {
                continue; // a panel's corner (its rows and columns along the edge all non-flat) is its own grey
            }
            owner[i] = panel[a];
        }
        double[] threshold = thresholds(grey, background, owner, panels);
        for (int i = 0; i < n; i++) {
            if (owner[i] < 0) {
                continue;
            }
            double ink = Math.abs((grey[i] & 0xff) - background[i]) / threshold[owner[i]];
            strength[i] = (byte) Math.min(255, (int) Math.round(ink * INK));
        }
        return strength;
    }

    /**
     * The panel of each pixel (1, 2, ...) or 0: flat pixels joined to their flat 4-neighbours of nearly the same grey
     * (a soft edge between two panels is a chain of flat pixels too, but of steps larger than noise), regions that
     * are flat over a core window somewhere.
     */
    static int[] panels(byte[] grey, int width, int height) {
        int n = width * height;
        boolean[] flat = flat(grey, width, height, 3);
        boolean[] core = flat(grey, width, height, CORE_WINDOW);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                if (!flat[i]) {
                    continue;
                }
                if (x > 0 && flat[i - 1] && Math.abs((grey[i] & 0xff) - (grey[i - 1] & 0xff)) <= NEIGHBOUR_STEP) {
                    union(parent, i, i - 1);
                }
                if (y > 0 && flat[i - width]
                        && Math.abs((grey[i] & 0xff) - (grey[i - width] & 0xff)) <= NEIGHBOUR_STEP) {
                    union(parent, i, i - width);
                }
            }
        }
        int[] cores = new int[n];
        for (int i = 0; i < n; i++) {
            if (flat[i] && core[i]) {
                cores[root(parent, i)]++;
            }
        }
        int[] number = new int[n];
        int next = 0;
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            if (!flat[i]) {
                continue;
            }
            int r = root(parent, i);
            if (cores[r] >= MIN_CORE_PIXELS) {
                if (number[r] == 0) {
                    number[r] = ++next;
                }
                label[i] = number[r];
            }
        }
        return label;
    }

    /** A panel's bounding box in crop pixels, and the share of that box its own flat pixels fill. */
    record Box(int x, int y, int width, int height, double fill) {
        int right() {
            return x + width;
        }

        int bottom() {
            return y + height;
        }
    }

    /** The bounding box of each panel of {@link #panels} (labels 1, 2, ... in order). */
    static java.util.List<Box> boxes(int[] panel, int width, int height) {
        int panels = Arrays.stream(panel).max().orElse(0);
        int[] x0 = new int[panels + 1];
        int[] y0 = new int[panels + 1];
        int[] x1 = new int[panels + 1];
        int[] y1 = new int[panels + 1];
        int[] count = new int[panels + 1];
        Arrays.fill(x0, Integer.MAX_VALUE);
        Arrays.fill(y0, Integer.MAX_VALUE);
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                int p = panel[i];
                if (p != 0) {
                    x0[p] = Math.min(x0[p], x);
                    y0[p] = Math.min(y0[p], y);
                    x1[p] = Math.max(x1[p], x + 1);
                    y1[p] = Math.max(y1[p], y + 1);
                    count[p]++;
                }
            }
        }
        java.util.List<Box> boxes = new java.util.ArrayList<>();
        for (int p = 1; p <= panels; p++) {
            int w = x1[p] - x0[p];
            int h = y1[p] - y0[p];
            boxes.add(new Box(x0[p], y0[p], w, h, count[p] / (double) (w * h)));
        }
        return boxes;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = root(parent, a);
        int rb = root(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    /** Pixels whose {@code window} x {@code window} neighbourhood spans at most {@link #FLAT_RANGE} grey levels. */
    private static boolean[] flat(byte[] grey, int width, int height, int window) {
        int n = width * height;
        byte[] hi = new byte[n];
        byte[] lo = new byte[n];
        try (Mat crop = new Mat(height, width, CV_8UC1); Mat max = new Mat(); Mat min = new Mat();
             Size size = new Size(window, window); Mat kernel = getStructuringElement(MORPH_RECT, size)) {
            crop.data().put(grey);
            dilate(crop, max, kernel);
            erode(crop, min, kernel);
            max.data().get(hi);
            min.data().get(lo);
        }
        boolean[] flat = new boolean[n];
        for (int i = 0; i < n; i++) {
            flat[i] = (hi[i] & 0xff) - (lo[i] & 0xff) <= FLAT_RANGE;
        }
        return flat;
    }

    /**
     * For every pixel, the index of the nearest panel pixel before and after it along rows ({@code step} 1) or
     * columns ({@code step} width), -1 where there is none.
     */
    private static void nearest(int[] panel, int width, int height, int step, int stride, int[] before, int[] after) {
        int lines = step == 1 ? height : width;
        int length = step == 1 ? width : height;
        for (int line = 0; line < lines; line++) {
            int first = line * stride;
            int last = -1;
            for (int k = 0, i = first; k < length; k++, i += step) {
                before[i] = last;
                if (panel[i] != 0) {
                    last = i;
                }
            }
            last = -1;
            for (int k = length - 1, i = first + (length - 1) * step; k >= 0; k--, i -= step) {
                after[i] = last;
                if (panel[i] != 0) {
                    last = i;
                }
            }
        }
    }

    /** Pixel {@code i} lies between panel pixels {@code a} and {@code b} of two panels, its grey between theirs. */
    private static boolean edge(byte[] grey, int[] panel, int i, int a, int b) {
        if (a < 0 || b < 0 || panel[a] == panel[b]) {
            return false;
        }
        int g = grey[i] & 0xff;
        int ga = grey[a] & 0xff;
        int gb = grey[b] & 0xff;
        return g >= Math.min(ga, gb) - EDGE_TOLERANCE && g <= Math.max(ga, gb) + EDGE_TOLERANCE;
    }

    /** Pixel {@code i} touches (8-neighbours) a pixel of another panel than {@code own} of nearly its grey. */
    private static boolean touchesOther(byte[] grey, int[] panel, int i, int own, int width, int height) {
        int x = i % width;
        int y = i / width;
        int g = grey[i] & 0xff;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                    continue;
                }
                int j = ny * width + nx;
                if (panel[j] != 0 && panel[j] != own && Math.abs((grey[j] & 0xff) - g) <= EDGE_TOLERANCE) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The panel on both sides, or -1 when a side has none or the two sides are different panels. */
    private static int side(int[] panel, int a, int b) {
        return a >= 0 && b >= 0 && panel[a] == panel[b] ? panel[a] : -1;
    }

    private static double distance(int i, int j, int width) {
        return Math.max(1, Math.abs(i % width - j % width) + Math.abs(i / width - j / width));
    }

    /** Each panel's ink threshold: half its text's contrast, at least {@link #MIN_CONTRAST} (a panel without text). */
    private static double[] thresholds(byte[] grey, float[] background, int[] owner, int panels) {
        int[][] histogram = new int[panels + 1][256];
        int[] count = new int[panels + 1];
        for (int i = 0; i < grey.length; i++) {
            if (owner[i] > 0) {
                histogram[owner[i]][(int) Math.min(255, Math.abs((grey[i] & 0xff) - background[i]))]++;
                count[owner[i]]++;
            }
        }
        double[] threshold = new double[panels + 1];
        for (int p = 1; p <= panels; p++) {
            int rank = (int) (CONTRAST_PERCENTILE * count[p]);
            int contrast = 0;
            for (int seen = 0; contrast < 255 && seen + histogram[p][contrast] <= rank; contrast++) {
                seen += histogram[p][contrast];
            }
            threshold[p] = Math.max(MIN_CONTRAST, INK_SHARE * contrast);
        }
        threshold[0] = Double.MAX_VALUE;
        return threshold;
    }
}
