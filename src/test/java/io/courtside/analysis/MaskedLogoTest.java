package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

import io.courtside.config.BundledDefaults;

/**
 * Logos with transparent parts (courtside.analysis.logo-masks) and the per-logo size step: a ring-shaped logo
 * (its middle and outside transparent) shows the moving picture through its middle; matched over its opaque
 * pixels it is found wiping in, whatever shows through. A logo of thin outlines falls off with a wrong size
 * faster than one of broad areas, and is searched in finer size steps.
 */
class MaskedLogoTest {

    /** A ring, BGRA: opaque between radii inner and 0.98 (of the half side), a thin light circle inside it. */
    static Mat ring(double inner, int b, int g, int r) {
        int s = 160;
        byte[] px = new byte[s * s * 4];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double d = Math.hypot(2 * (x + 0.5) / s - 1, 2 * (y + 0.5) / s - 1);
                if (d > 0.98 || d < inner) {
                    continue;
                }
                boolean line = Math.abs(d - (inner + 0.98) / 2) < 0.04;
                int i = (y * s + x) * 4;
                px[i] = (byte) (line ? 240 : b);
                px[i + 1] = (byte) (line ? 240 : g);
                px[i + 2] = (byte) (line ? 240 : r);
                px[i + 3] = (byte) 255;
            }
        }
        Mat m = new Mat(s, s, CV_8UC4);
        m.data().put(px);
        return m;
    }

    @Test
    void aRingIsFoundOverWhatShowsThroughItsMiddle() {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            double inner = 0.5 + 0.15 * r.nextDouble();
            double cx = 50 + 30 * r.nextDouble();
            double cy = 32 + 8 * r.nextDouble();
            double size = 28 + 10 * r.nextDouble();
            double pan = (r.nextBoolean() ? 1 : -1) * (20 + 20 * r.nextDouble());
            try (Mat logo = ring(inner, 40 + r.nextInt(120), 40 + r.nextInt(120), 40 + r.nextInt(120))) {
                List<LogoAppearance> found = LogoWipeRulesTest.run(AnalysisProperties.defaults(), logo, seed, pan, 99,
                        3, t -> t >= 1.0 && t < 1.8
                                ? new double[] {cx, cy, size * (0.55 + 0.45 * Math.sin(Math.PI * (t - 1.0) / 0.8))}
                                : null);
                assertEquals(1, found.size(), "seed " + seed + ": the ring growing in and out " + found);
            }
        }
    }

    @Test
    void masksCanBeTurnedOff() {
        AnalysisProperties off = BundledDefaults.bind("courtside.analysis", AnalysisProperties.class,
                Map.of("courtside.analysis.logo-masks", "false"));
        assertTrue(AnalysisProperties.defaults().logoMasks());
        assertTrue(!off.logoMasks());
    }

    @Test
    void thinOutlinesAreSearchedInFinerSizeSteps() {
        // a thin ring against the round emblem (broad yellow areas, a star)
        try (Mat thin = ring(0.85, 60, 60, 200); Mat broad = ClutteredReplayScene.logo(2);
             Mat thinGrey = new Mat(); Mat broadGrey = new Mat()) {
            cvtColor(thin, thinGrey, COLOR_BGRA2GRAY);
            cvtColor(broad, broadGrey, COLOR_BGRA2GRAY);
            double thinStep = LogoTemplates.sizeStep(thinGrey, null);
            double broadStep = LogoTemplates.sizeStep(broadGrey, null);
            assertTrue(thinStep < broadStep, "thin outline " + thinStep + ", broad areas " + broadStep);
            assertTrue(thinStep < 1.2 && broadStep <= 1.2 && thinStep >= 1.06, thinStep + ", " + broadStep);
        }
    }
}
