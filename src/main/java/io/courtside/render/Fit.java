package io.courtside.render;

import io.courtside.kernel.FitMode;
import io.courtside.kernel.RenderSpec;

import java.util.Locale;

/**
 * Output size, the part of the source each frame is cut to before filtering (CROP: a window of the output's
 * aspect that moves with the action; otherwise the whole frame) and the graph that fits that part into the
 * output (crop before scale: less to scale). Never stretched.
 */
record Fit(int width, int height, int cropWidth, int cropHeight, int sourceWidth, int sourceHeight,
           String filter) {

    static Fit of(RenderSpec spec, int sourceWidth, int sourceHeight, double sampleAspect) {
        double sourceAspect = sourceWidth * sampleAspect / sourceHeight; // display aspect
        int w = spec.width();
        int h = spec.height();
        if (w == 0 && h == 0) {
            w = even(sourceHeight * sourceAspect);
            h = even(sourceHeight);
        } else if (w == 0) {
            w = even(h * sourceAspect);
        } else if (h == 0) {
            h = even(w / sourceAspect);
        }
        double outAspect = w / (double) h;
        int cropW = sourceWidth;
        int cropH = sourceHeight;
        String graph;
        if (Math.abs(outAspect - sourceAspect) < 1e-3) {
            graph = String.format(Locale.ROOT, "scale=%d:%d", w, h);
        } else if (spec.fit() == FitMode.CROP) {
            if (sourceAspect > outAspect) {
                cropW = Math.min(sourceWidth, even(sourceHeight * outAspect / sampleAspect));
            } else {
                cropH = Math.min(sourceHeight, even(sourceWidth * sampleAspect / outAspect));
            }
            graph = String.format(Locale.ROOT, "scale=%d:%d", w, h);
        } else {
            int innerW = w;
            int innerH = h;
            if (sourceAspect > outAspect) {
                innerH = Math.min(h, even(w / sourceAspect));
            } else {
                innerW = Math.min(w, even(h * sourceAspect));
            }
            if (spec.fit() == FitMode.BLUR) {
                // The background is the centre crop that fills the frame, blurred at 1/8 size (cheap) and
                // scaled back up; the whole picture goes on top.
                int bgW = sourceWidth;
                int bgH = sourceHeight;
                if (sourceAspect > outAspect) {
                    bgW = Math.min(sourceWidth, even(sourceHeight * outAspect / sampleAspect));
                } else {
                    bgH = Math.min(sourceHeight, even(sourceWidth * sampleAspect / outAspect));
                }
                graph = String.format(Locale.ROOT, "split[fg][bg];[bg]crop=%d:%d:%d:%d,scale=%d:%d,boxblur=4:2,"
                                + "scale=%d:%d,setsar=1[blurred];[fg]scale=%d:%d,setsar=1[picture];"
                                + "[blurred][picture]overlay=%d:%d:format=yuv420",
                        bgW, bgH, (sourceWidth - bgW) / 2, (sourceHeight - bgH) / 2, even(w / 8.0),
                        even(h / 8.0), w, h, innerW, innerH, (w - innerW) / 2, (h - innerH) / 2);
            } else {
                graph = String.format(Locale.ROOT, "scale=%d:%d,pad=%d:%d:%d:%d:black", innerW, innerH, w, h,
                        (w - innerW) / 2, (h - innerH) / 2);
            }
        }
        return new Fit(w, h, cropW, cropH, sourceWidth, sourceHeight, graph + ",setsar=1");
    }

    boolean moving() {
        return cropWidth != sourceWidth || cropHeight != sourceHeight;
    }

    /** Left edge of the crop window (even) centred on {@code centreX} (0-1), kept inside the frame. */
    int cropX(double centreX) {
        return clampEven(centreX * sourceWidth - cropWidth / 2.0, sourceWidth - cropWidth);
    }

    int cropY(double centreY) {
        return clampEven(centreY * sourceHeight - cropHeight / 2.0, sourceHeight - cropHeight);
    }

    private static int clampEven(double v, int max) {
        int x = 2 * (int) Math.round(v / 2);
        return Math.max(0, Math.min(max - (max & 1), x));
    }

    private static int even(double v) {
        return Math.max(2, 2 * (int) Math.round(v / 2));
    }
}
