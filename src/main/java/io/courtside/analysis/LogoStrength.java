package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.meanStdDev;
import static org.bytedeco.opencv.global.opencv_core.minMaxLoc;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;

/**
 * How strongly a replay logo's template shows at one place of a fine picture ({@code width} x {@code height}), and
 * how much contrast the picture has around it: the measurement {@link ReplayLogoDetector} takes at each hit and in
 * the sampled pictures just before and after it, so a logo fading or wiping in can be told from something printed
 * in the scene (which was there a sample before, as strong).
 */
final class LogoStrength {

    private final int width;
    private final int height;

    LogoStrength(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /**
     * The logo's strength (see {@link LogoChains.Beside}) in {@code picture} with {@code template} (its
     * {@code mask}, or null; {@code templateStd}: its grey-level standard deviation over the mask) whose top-left
     * is at (bx, by), best within a pixel each way; unknown when the place is not inside the picture.
     */
    LogoChains.Beside at(Mat picture, Mat template, Mat mask, double templateStd, int bx, int by) {
        int x = bx - 1;
        int y = by - 1;
        if (x < 0 || y < 0 || x + template.cols() + 2 > width || y + template.rows() + 2 > height
                || !(templateStd > 0)) {
            return LogoChains.Beside.UNKNOWN;
        }
        Point where = new Point();
        DoublePointer max = new DoublePointer(1);
        try (where; max; Mat region = new Mat(picture, new Rect(x, y, template.cols() + 2, template.rows() + 2));
             Mat out = new Mat()) {
            LogoTemplates.match(region, template, mask, out);
            minMaxLoc(out, null, max, null, where, null);
            double score = Double.isFinite(max.get()) ? Math.max(0, max.get()) : 0;
            try (Mat window = new Mat(region, new Rect(where.x(), where.y(), template.cols(), template.rows()))) {
                return new LogoChains.Beside(score * deviation(window, mask) / templateStd,
                        surround(picture, x + where.x(), y + where.y(), template.cols(), template.rows()));
            }
        }
    }

    /**
     * Where {@code template} shows best in {@code picture} within {@code reach} pixels of top-left (bx, by) each way
     * (the part inside the picture), when it correlates at {@code minScore} or more there: {strength as {@link #at}
     * measures it, top-left x, top-left y}; null when it does not, or the area is too small.
     */
    double[] near(Mat picture, Mat template, Mat mask, double templateStd, int bx, int by, int reach,
                  double minScore) {
        int x0 = Math.max(0, bx - reach);
        int y0 = Math.max(0, by - reach);
        int x1 = Math.min(width, bx + template.cols() + reach);
        int y1 = Math.min(height, by + template.rows() + reach);
        if (x1 - x0 < template.cols() || y1 - y0 < template.rows() || !(templateStd > 0)) {
            return null;
        }
        Point where = new Point();
        DoublePointer max = new DoublePointer(1);
        try (where; max; Mat region = new Mat(picture, new Rect(x0, y0, x1 - x0, y1 - y0)); Mat out = new Mat()) {
            LogoTemplates.match(region, template, mask, out);
            minMaxLoc(out, null, max, null, where, null);
            double score = max.get();
            if (!Double.isFinite(score) || score < minScore) {
                return null;
            }
            try (Mat window = new Mat(region, new Rect(where.x(), where.y(), template.cols(), template.rows()))) {
                return new double[] {score * deviation(window, mask) / templateStd, x0 + where.x(), y0 + where.y()};
            }
        }
    }

    /**
     * Grey-level standard deviation of the picture in a band around the box (half its height wide, the part inside
     * the picture), the mean of its four sides; NaN when none is in the picture. A logo fading in shows more
     * contrast while the picture around it keeps its own; a fade or dissolve of the picture changes both.
     */
    double surround(Mat picture, int bx, int by, int bw, int bh) {
        double sum = 0;
        int n = 0;
        for (int[] st : band(bx, by, bw, bh)) {
            int x0 = Math.max(0, st[0]);
            int y0 = Math.max(0, st[1]);
            int x1 = Math.min(width, st[0] + st[2]);
            int y1 = Math.min(height, st[1] + st[3]);
            if (x1 - x0 < 3 || y1 - y0 < 3) {
                continue;
            }
            try (Mat strip = new Mat(picture, new Rect(x0, y0, x1 - x0, y1 - y0))) {
                sum += deviation(strip, null);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The four strips (x, y, w, h) of the band around box {@code bx, by, bw, bh}: above, below, left and right, half
     * the box's height wide (at least 4 pixels); they may reach outside the picture.
     */
    static int[][] band(int bx, int by, int bw, int bh) {
        int m = Math.max(4, bh / 2);
        return new int[][] {{bx - m, by - m, bw + 2 * m, m}, {bx - m, by + bh, bw + 2 * m, m}, {bx - m, by, m, bh},
                {bx + bw, by, m, bh}};
    }

    /** Grey-level standard deviation of a picture, over the mask's pixels when there is one. */
    static double deviation(Mat picture, Mat mask) {
        try (Mat mean = new Mat(); Mat dev = new Mat()) {
            if (mask == null) {
                meanStdDev(picture, mean, dev);
            } else {
                meanStdDev(picture, mean, dev, mask);
            }
            return ((org.bytedeco.javacpp.indexer.DoubleIndexer) dev.createIndexer()).get(0);
        }
    }
}
