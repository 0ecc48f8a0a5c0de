package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A registered logo's colour, for checking an appearance found on grey levels: its BGR picture and opaque mask at
 * a small size (larger side COLOUR_SIDE). The decode pass averages luma only, so colour is checked afterwards on the
 * few appearances left, one frame each decoded again in colour
 * ({@link ReplayLogoDetector#appearances(java.nio.file.Path)}).
 */
record LogoColour(Mat bgr, Mat opaque, double aspect) implements AutoCloseable {

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

    /**
     * The logo's colour at COLOUR_SIDE, or null when it has no colour to compare: grey given, or the chroma of its
     * opaque part varies less than COLOUR_MIN_SPREAD and sits near grey (a look-alike in another colour cannot be
     * told from it by colour then).
     */
    static LogoColour of(Mat logo, Mat alpha) {
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
                : LogoTemplates.maskAt(alpha, size);
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

    /** Mean chroma over the mask and its RMS spread around that mean: {mean a, mean b, spread}, null if empty. */
    static double[] chromaStats(Mat bgr, Mat mask) {
        float[][] ab = labChroma(bgr);
        boolean[] on = LogoTemplates.maskPixels(mask);
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

    /** {@link #colourAgreement} of the logo and the frame's patch at the appearance's best match, or null. */
    static double[] at(Mat frame, LogoAppearance a, LogoColour colour) {
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

    @Override
    public void close() {
        bgr.close();
        opaque.close();
    }
}
