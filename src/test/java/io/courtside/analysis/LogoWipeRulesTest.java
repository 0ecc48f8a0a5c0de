package io.courtside.analysis;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGRA2GRAY;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Test;

/**
 * The wipe rules of the logo detector, on pictures fed straight to it (its 128x72 fine luma and the 64x36 small
 * frames, no video written): a logo that stays still on screen over a panning camera is an overlay, a logo still
 * in one shot and still at another place after a cut is no wipe, and the same logo sliding in over the same
 * picture is one. Textures and places vary with the seed.
 */
class LogoWipeRulesTest {

    private static final double FPS = 25;

    /** A smooth, non-repeating texture of seed {@code seed}, panned by {@code offset} fine pixels. */
    private static double texture(long seed, double x, double y) {
        double p = seed * 0.7;
        return 120 + 40 * Math.sin(0.29 * x + 0.21 * y + p) + 30 * Math.sin(0.11 * x - 0.33 * y + 2 * p)
                + 20 * Math.sin(0.053 * x + 0.07 * y * Math.sin(0.013 * x + p));
    }

    /** Where the logo is at time t: {centre x, centre y, height} in fine pixels, or null when not shown. */
    interface Placement {
        double[] at(double t);
    }

    /**
     * Feeds {@code seconds} of frames: shot 0 before {@code cut} (texture seed), shot 1 after it (seed + 1), each
     * panned at {@code pan} fine pixels a second, with the logo (grey, opaque) drawn where {@code logo} says.
     */
    static List<LogoAppearance> run(Mat logoGrey, long seed, double pan, double cut, double seconds,
                                    Placement logo) {
        return run(AnalysisProperties.defaults(), logoGrey, seed, pan, cut, seconds, logo);
    }

    /** As above with {@code properties}; a BGRA logo is drawn by its alpha (grey levels of its colours). */
    static List<LogoAppearance> run(AnalysisProperties properties, Mat logoGrey, long seed, double pan, double cut,
                                    double seconds, Placement logo) {
        return run(properties, logoGrey, seed, pan, cut, seconds, (fine, fw, fh, t) -> {
            double[] place = logo.at(t);
            if (place != null) {
                draw(fine, fw, fh, logoGrey, place, 1);
            }
        });
    }

    /** Paints over one frame's fine picture (fw x fh grey levels) at time t: the logo, things in the scene. */
    interface Painter {
        void paint(double[] fine, int fw, int fh, double t);
    }

    /** As above, {@code painter} drawing over each frame's texture. */
    static List<LogoAppearance> run(AnalysisProperties properties, Mat logoGrey, long seed, double pan, double cut,
                                    double seconds, Painter painter) {
        int sw = properties.frameWidth();
        int sh = properties.frameHeight();
        int fw = 2 * sw;
        int fh = 2 * sh;
        try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of(logoGrey))) {
            FrameAnalyser changes = detector.frameChanges();
            for (int i = 0; i < seconds * FPS; i++) {
                double t = i / FPS;
                long shot = t < cut ? seed : seed + 1;
                double[] fine = new double[fw * fh];
                for (int y = 0; y < fh; y++) {
                    for (int x = 0; x < fw; x++) {
                        fine[y * fw + x] = texture(shot, x + pan * t, y);
                    }
                }
                painter.paint(fine, fw, fh, t);
                byte[] luma = new byte[fw * fh];
                for (int k = 0; k < luma.length; k++) {
                    luma[k] = (byte) Math.max(0, Math.min(255, Math.round(fine[k])));
                }
                byte[] small = new byte[sw * sh];
                Pixels.boxDownsample(luma, fw, fh, 2, small);
                changes.frame(new SmallFrame(small, sw, sh, i, t));
                if (i % detector.frameStep() == 0) {
                    detector.frame(new SmallFrame(luma, fw, fh, i, t));
                }
            }
            return detector.appearances();
        }
    }

    /** Draws the logo centred at (place[0], place[1]), place[2] fine pixels high, {@code opacity} (times its alpha). */
    private static void draw(double[] fine, int fw, int fh, Mat logo, double[] place, double opacity) {
        int h = (int) Math.round(place[2]);
        int w = (int) Math.round(h * logo.cols() / (double) logo.rows());
        int x0 = (int) Math.round(place[0] - w / 2.0);
        int y0 = (int) Math.round(place[1] - h / 2.0);
        try (Mat scaled = new Mat(); Mat grey = new Mat()) {
            resize(logo, scaled, new Size(w, h), 0, 0, INTER_AREA);
            int c = scaled.channels();
            byte[] px = new byte[w * h * c];
            scaled.data().get(px);
            if (c == 4) {
                cvtColor(scaled, grey, COLOR_BGRA2GRAY);
            } else {
                scaled.copyTo(grey);
            }
            byte[] g = new byte[w * h];
            grey.data().get(g);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (x0 + x >= 0 && x0 + x < fw && y0 + y >= 0 && y0 + y < fh) {
                        double a = opacity * (c == 4 ? (px[(y * w + x) * 4 + 3] & 0xff) / 255.0 : 1);
                        int k = (y0 + y) * fw + x0 + x;
                        fine[k] = (1 - a) * fine[k] + a * (g[y * w + x] & 0xff);
                    }
                }
            }
        }
    }

    private static Mat shieldGrey() {
        try (Mat bgra = ClutteredReplayScene.logo()) {
            Mat grey = new Mat();
            cvtColor(bgra, grey, COLOR_BGRA2GRAY);
            return grey;
        }
    }

    @Test
    void aLogoStillOnScreenOverAPanningCameraIsAnOverlayNotAWipe() {
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 3; seed++) {
                SplittableRandom r = new SplittableRandom(seed);
                double cx = 50 + 30 * r.nextDouble();
                double cy = 30 + 12 * r.nextDouble();
                double size = 26 + 10 * r.nextDouble();
                double pan = (r.nextBoolean() ? 1 : -1) * (30 + 20 * r.nextDouble());
                // shown still from 1.0 to 1.8 s while the camera pans
                List<LogoAppearance> still = run(logo, seed, pan, 99, 3,
                        t -> t >= 1.0 && t < 1.8 ? new double[] {cx, cy, size} : null);
                assertEquals(List.of(), still, "seed " + seed + ": a still overlay over a pan");
                // the same logo sliding in and out over the same pan is a wipe
                List<LogoAppearance> sliding = run(logo, seed, pan, 99, 3,
                        t -> t >= 1.0 && t < 1.8 ? new double[] {cx - 32 + 80 * (t - 1.0), cy, size} : null);
                assertEquals(1, sliding.size(), "seed " + seed + ": a sliding wipe " + sliding);
            }
        }
    }

    /**
     * The logo sliding in, with a clutter hit (a weaker match of something else) near it in one or two sampled
     * frames, listed before the logo's own hit of that frame: the logo's hit must stay on the logo's track, so the
     * appearance spans all of the logo's hits, not only those before the clutter (the tail cut off) or two pieces.
     */
    @Test
    void aClutterHitNearTheLogoDoesNotTakeItsTrackAndCutItsTail() {
        AnalysisProperties properties = AnalysisProperties.defaults();
        double aspect = 2.0 * properties.frameWidth() / (2.0 * properties.frameHeight());
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 6; seed++) {
                SplittableRandom r = new SplittableRandom(seed);
                try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of(logo))) {
                    double step = detector.frameStep() / FPS;
                    double height = 0.2 + 0.1 * r.nextDouble();
                    double x0 = 0.3 + 0.1 * r.nextDouble();
                    double y = 0.35 + 0.3 * r.nextDouble();
                    double vx = (r.nextBoolean() ? 1 : -1) * (0.015 + 0.01 * r.nextDouble()); // frame widths a sample
                    int n = 11 + r.nextInt(4);
                    int clutter1 = 3 + r.nextInt(3);
                    int clutter2 = r.nextBoolean() ? clutter1 + 5 : -1; // a second one, 0.4 s later (its own track)
                    double first = 1 + r.nextDouble();
                    for (int i = 0; i < n; i++) {
                        double t = first + i * step;
                        double x = (vx > 0 ? x0 : 1 - x0) + i * vx;
                        if (i == clutter1 || i == clutter2) {
                            // beside the logo's last place, within a logo's size of it, farther than its own step
                            double off = (0.45 + 0.4 * r.nextDouble()) * height;
                            double side = r.nextBoolean() ? 1 : -1;
                            detector.add(new LogoChains.Hit(t, 0, 0.62 + 0.05 * r.nextDouble(), 0.3, false,
                                    height * (0.9 + 0.2 * r.nextDouble()), x - vx + 0.3 * off / aspect,
                                    y + side * off, 0, 0));
                        }
                        detector.add(new LogoChains.Hit(t, 0, 0.82 + 0.06 * r.nextDouble(), 0.5, true, height,
                                x, y, 0, 0));
                    }
                    List<LogoAppearance> found = detector.appearances();
                    double last = first + (n - 1) * step;
                    assertEquals(1, found.size(), "seed " + seed + ": one appearance " + found);
                    assertEquals(first, found.get(0).start(), 1e-9, "seed " + seed + ": its start " + found);
                    assertEquals(last + step, found.get(0).end(), 1e-9, "seed " + seed + ": its tail " + found);
                    assertEquals(y, found.get(0).y(), 1e-9, "seed " + seed + ": the logo's place " + found);
                }
            }
        }
    }

    /** A 10x10 patch (a hit's matched window, as the detector keeps it) of the texture of {@code seed} at (x, y). */
    private static byte[] patch(long seed, double x, double y, SplittableRandom noise) {
        return patch(seed, x, y, 2.5, noise);
    }

    /** As above, the patch's pixels {@code spacing} texture pixels apart. */
    private static byte[] patch(long seed, double x, double y, double spacing, SplittableRandom noise) {
        byte[] out = new byte[100];
        for (int i = 0; i < 100; i++) {
            double v = texture(seed, x + spacing * (i % 10), y + spacing * (i / 10)) + 4 * (noise.nextDouble() - 0.5);
            out[i] = (byte) Math.max(0, Math.min(255, Math.round(v)));
        }
        return out;
    }

    /**
     * The bench's one false appearance, in its parts (scene 8, a panned photograph, without the logo): hits on
     * something printed in the picture, moving with it over seven or more sampled frames (what they match is the
     * same each time and was there in the frame before), then one hit half a logo away on something else (what it
     * matches changed, and was there before too). Its only motion against the picture is that step: no wipe. The
     * same hits whose last step carries the matched content along (the step of a slide, what it matches was not
     * there before) are one. The hits are fed with their matched windows (patches of generated textures) and what
     * the picture showed before, as the detector measures them (in pictures made with the logo printed and a
     * look-alike beside it, the look-alike was matched in the same frames as the logo and got a track of its own:
     * the matcher did not step over to it).
     */
    @Test
    void oneStepOntoOtherContentThatWasThereIsNoWipe() {
        AnalysisProperties properties = AnalysisProperties.defaults();
        int fw = 2 * properties.frameWidth();
        int fh = 2 * properties.frameHeight();
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 6; seed++) {
                for (boolean carried : new boolean[] {false, true}) {
                    SplittableRandom r = new SplittableRandom(seed);
                    try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of(logo))) {
                        double step = detector.frameStep() / FPS;
                        double height = 0.22 + 0.12 * r.nextDouble();
                        double x0 = 0.35 + 0.3 * r.nextDouble();
                        double y = 0.35 + 0.3 * r.nextDouble();
                        double pan = (r.nextBoolean() ? 1 : -1) * (10 + 20 * r.nextDouble()); // fine px a second
                        int still = 7 + r.nextInt(3);
                        double jump = (r.nextBoolean() ? 1 : -1) * (0.45 + 0.15 * r.nextDouble()) * height * fh;
                        long printed = seed * 31;
                        double first = 1 + r.nextDouble();
                        for (int i = 0; i <= still; i++) {
                            double t = first + i * step;
                            double x = x0 * fw + pan * i * step + (i == still ? jump : 0);
                            boolean other = i == still && !carried;
                            byte[] window = patch(other ? printed + 7 : printed, other ? 40 : 0, 0, r);
                            // what the previous frame showed at this place: the same printed thing (it moves with the
                            // picture), the other thing (there already), or, for a slide, the picture without it
                            double before = i == 0 ? Double.NaN
                                    : i == still && carried ? 0.1 + 0.2 * r.nextDouble() : 0.9 + 0.08 * r.nextDouble();
                            detector.add(new LogoChains.Hit(t, 0, 0.7 + 0.06 * r.nextDouble(),
                                    0.45 + 0.1 * r.nextDouble(), true, height, x / fw, y, pan, 0, window, before));
                        }
                        List<LogoAppearance> found = detector.appearances();
                        assertEquals(carried ? 1 : 0, found.size(), "seed " + seed + (carried
                                ? ": the last step carried the matched content along " : ": a step onto other content ")
                                + found);
                    }
                }
            }
        }
    }

    /**
     * The same step made by the logo itself, drawn over the picture (semi-transparent): still at one place, then
     * in one sampled step a logo's size or less away, still there (a slide whose whole motion falls between two
     * sampled frames, as the bench's banner at 25.3 s of scene 2): the logo's pixels came along, it is a wipe.
     */
    @Test
    void theLogoSlidingInOneSampledStepIsAWipe() {
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 4; seed++) {
                SplittableRandom r = new SplittableRandom(seed + 30);
                double size = 24 + 8 * r.nextDouble();
                double pan = (r.nextBoolean() ? 1 : -1) * (6 + 10 * r.nextDouble());
                double cy = 30 + 12 * r.nextDouble();
                double side = r.nextBoolean() ? 1 : -1;
                double x1 = 64 - side * 0.4 * size + (r.nextDouble() - 0.5) * 10;
                double x2 = x1 + side * (0.5 + 0.4 * r.nextDouble()) * size;
                double y2 = cy + (r.nextDouble() - 0.5) * 0.2 * size;
                double opacity = 0.75 + 0.2 * r.nextDouble();
                List<LogoAppearance> found = run(AnalysisProperties.defaults(), logo, seed, pan, 99, 3,
                        (fine, fw, fh, t) -> {
                            if (t >= 1.0 && t < 1.8) {
                                draw(fine, fw, fh, logo, t < 1.4 ? new double[] {x1, cy, size}
                                        : new double[] {x2, y2, size}, opacity);
                            }
                        });
                assertEquals(1, found.size(), "seed " + seed + ": a slide in one step " + found);
            }
        }
    }

    /** Opacity of a fade in over [from, from + fade), held, and out over [to - fade, to); 0 outside. */
    private static double ramp(double t, double from, double to, double fade) {
        if (t < from || t >= to) {
            return 0;
        }
        return Math.min(1, Math.min((t - from) / fade, (to - t) / fade));
    }

    /**
     * A logo that fades in and out at one place (no growth, no slide) over a panning camera: its opacity rising
     * over consecutive sampled frames while the picture around it keeps its contrast is a wipe as a slide is (the
     * bench's triangle and diamond slides, faded in over their first 0.2 s, travel too little to count). Fails
     * without the fade rule: the logo is still on screen, an overlay by the travel rules.
     */
    @Test
    void aLogoFadingInAndOutInPlaceIsAWipe() {
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 4; seed++) {
                SplittableRandom r = new SplittableRandom(seed + 50);
                double cx = 40 + 48 * r.nextDouble();
                double cy = 28 + 16 * r.nextDouble();
                double size = 22 + 14 * r.nextDouble();
                double pan = (r.nextBoolean() ? 1 : -1) * (10 + 30 * r.nextDouble());
                double opacity = 0.7 + 0.2 * r.nextDouble();
                double fade = 0.15 + 0.1 * r.nextDouble();
                List<LogoAppearance> found = run(AnalysisProperties.defaults(), logo, seed, pan, 99, 3,
                        (fine, fw, fh, t) -> {
                            double a = opacity * ramp(t, 1.0, 1.7, fade);
                            if (a > 0) {
                                draw(fine, fw, fh, logo, new double[] {cx, cy, size}, a);
                            }
                        });
                assertEquals(1, found.size(), "seed " + seed + ": a fade in and out in place " + found);
                assertEquals(cx / 128, found.get(0).x(), 0.05, "seed " + seed + ": its place " + found);
            }
        }
    }

    /**
     * A logo fading in quickly in place and vanishing at once, sampled so its first hit already shows it at ~80 % of
     * its strength (the fade rise over the hits, 1.2-1.3, is under the fade rule's 1.4, as on the bench's triangle
     * and diamond): the sampled picture just before the first hit shows nothing at that place, so the fade is seen
     * from there. Fails without {@code fadesFromNothing}: still on screen, rising too little, no wipe.
     */
    @Test
    void aQuickFadeSeenFromTheSampleBeforeItsFirstHitIsAWipe() {
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 4; seed++) {
                SplittableRandom r = new SplittableRandom(seed + 90);
                double cx = 40 + 48 * r.nextDouble();
                double cy = 28 + 16 * r.nextDouble();
                double size = 22 + 14 * r.nextDouble();
                double pan = (r.nextBoolean() ? 1 : -1) * (10 + 30 * r.nextDouble());
                double opacity = 0.75 + 0.15 * r.nextDouble();
                // samples every 0.08 s (0.96, 1.04, 1.12 s...): 0 at 0.96, 75-83 % at 1.04, full from 1.12
                double from = 0.97;
                double fade = 0.085 + 0.01 * r.nextDouble();
                double to = 1.65 + 0.02 * r.nextDouble(); // gone at once, between two samples
                List<LogoAppearance> found = run(AnalysisProperties.defaults(), logo, seed, pan, 99, 3,
                        (fine, fw, fh, t) -> {
                            double a = t < from || t >= to ? 0 : opacity * Math.min(1, (t - from) / fade);
                            if (a > 0) {
                                draw(fine, fw, fh, logo, new double[] {cx, cy, size}, a);
                            }
                        });
                assertEquals(1, found.size(), "seed " + seed + ": a quick fade in, seen from before " + found);
                assertEquals(1.04, found.get(0).start(), 0.01, "seed " + seed + ": its start " + found);
            }
        }
    }

    /**
     * The picture itself fading in from grey and out again (a shot between two fades) with the logo in it, still:
     * the logo gains contrast as the picture around it does, so it is no fade of a logo laid over the picture (and
     * still on screen, no wipe). Fails when the fade rule ignores the picture around the match.
     */
    @Test
    void aLogoInAPictureThatFadesAsAWholeIsNoWipe() {
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 4; seed++) {
                SplittableRandom r = new SplittableRandom(seed + 70);
                double cx = 40 + 48 * r.nextDouble();
                double cy = 28 + 16 * r.nextDouble();
                double size = 22 + 14 * r.nextDouble();
                double fade = 0.15 + 0.1 * r.nextDouble();
                double grey = 60 + 80 * r.nextDouble();
                List<LogoAppearance> found = run(AnalysisProperties.defaults(), logo, seed, 0, 99, 3,
                        (fine, fw, fh, t) -> {
                            draw(fine, fw, fh, logo, new double[] {cx, cy, size}, 0.85);
                            double shown = ramp(t, 1.0, 1.8, fade);
                            for (int k = 0; k < fine.length; k++) {
                                fine[k] = grey + shown * (fine[k] - grey);
                            }
                        });
                assertEquals(List.of(), found, "seed " + seed + ": the whole picture fading " + found);
            }
        }
    }

    /** A 10x10 patch of the texture of {@code seed} centred at (cx, cy), its pixels {@code spacing} apart. */
    private static byte[] patchAround(long seed, double cx, double cy, double spacing, SplittableRandom noise) {
        return patch(seed, cx - 4.5 * spacing, cy - 4.5 * spacing, spacing, noise);
    }

    /**
     * Something printed in a panned picture matched at one size for several sampled frames and at a neighbouring
     * size (1.3-1.45x) from one frame on, at the same place in the scene: the larger window shows more of what is
     * around it, which the picture showed there before, so the step did not carry the matched content along and
     * the logo did not grow (the growth rule fooled as the travel rule was before). The same hits whose size step
     * carries the content along (the logo's pixels, not there before) grow: a wipe. Fails with the growth of every
     * step counted (seed 1: an appearance).
     */
    @Test
    void aStepToALargerSizeOnContentThatWasThereIsNoGrowth() {
        AnalysisProperties properties = AnalysisProperties.defaults();
        int fw = 2 * properties.frameWidth();
        int fh = 2 * properties.frameHeight();
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 6; seed++) {
                for (boolean carried : new boolean[] {false, true}) {
                    SplittableRandom r = new SplittableRandom(seed);
                    try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of(logo))) {
                        double step = detector.frameStep() / FPS;
                        double height = 0.2 + 0.1 * r.nextDouble();
                        double grown = 1.3 + 0.15 * r.nextDouble();
                        double x0 = 0.35 + 0.3 * r.nextDouble();
                        double y = 0.35 + 0.3 * r.nextDouble();
                        double pan = (r.nextBoolean() ? 1 : -1) * (10 + 20 * r.nextDouble()); // fine px a second
                        int n = 8 + r.nextInt(3);
                        int from = 2 + r.nextInt(n - 4); // the first hit at the larger size
                        long printed = seed * 31;
                        double first = 1 + r.nextDouble();
                        for (int i = 0; i < n; i++) {
                            double t = first + i * step;
                            double x = x0 * fw + pan * i * step;
                            boolean large = i >= from;
                            // the window at the larger size takes in more of the scene; the logo's own window is
                            // the logo at either size
                            double spacing = 2.5 * height * fh / 20 * (large && !carried ? grown : 1);
                            byte[] window = patchAround(printed, 50, 50, spacing, r);
                            double before = i == 0 ? Double.NaN
                                    : i == from && carried ? 0.1 + 0.2 * r.nextDouble() : 0.93 + 0.05 * r.nextDouble();
                            detector.add(new LogoChains.Hit(t, 0, 0.7 + 0.06 * r.nextDouble(),
                                    0.45 + 0.1 * r.nextDouble(), true, height * (large ? grown : 1), x / fw, y, pan,
                                    0, window, before));
                        }
                        List<LogoAppearance> found = detector.appearances();
                        assertEquals(carried ? 1 : 0, found.size(), "seed " + seed + (carried
                                ? ": the size step carried the matched content along "
                                : ": a step to a larger size on content that was there ") + found);
                    }
                }
            }
        }
    }

    @Test
    void aLogoStillOnEachSideOfACutAtAnotherPlaceIsNoWipe() {
        try (Mat logo = shieldGrey()) {
            for (long seed = 1; seed <= 3; seed++) {
                SplittableRandom r = new SplittableRandom(seed + 10);
                double cx = 45 + 30 * r.nextDouble();
                double cy = 30 + 12 * r.nextDouble();
                double size = 26 + 10 * r.nextDouble();
                double jump = (r.nextBoolean() ? 1 : -1) * (0.5 + 0.2 * r.nextDouble()) * size;
                // still at one place 1.0-1.4 s, a cut at 1.4 s, still half a logo away 1.4-1.8 s; static shots
                List<LogoAppearance> found = run(logo, seed, 0, 1.4, 3,
                        t -> t < 1.0 || t >= 1.8 ? null : new double[] {t < 1.4 ? cx : cx + jump, cy, size});
                assertEquals(List.of(), found, "seed " + seed + ": still, a cut, still elsewhere");
            }
        }
    }

    /**
     * A grey logo no other test uses: a dark plate with two bright chevrons and a bar under them, opaque, 3:2 wide.
     */
    private static Mat chevronGrey() {
        int w = 60;
        int h = 40;
        byte[] px = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 50; // the plate
                for (int c = 0; c < 2; c++) { // chevrons pointing right, 7 px thick
                    double tip = 18 + 20 * c;
                    double d = tip - Math.abs(y - 16) * 0.9 - x;
                    if (d >= 0 && d < 7 && y < 33) {
                        v = 235;
                    }
                }
                if (y >= 33 && y < 37 && x >= 6 && x < 54) {
                    v = 170; // the bar
                }
                px[y * w + x] = (byte) v;
            }
        }
        Mat m = new Mat(h, w, org.bytedeco.opencv.global.opencv_core.CV_8UC1);
        m.data().put(px);
        return m;
    }

    /**
     * The slide rule on hits as the detector measures them: a chain that stays put (travel under a tenth of its
     * size, no growth, no fade), the sampled picture just before its first hit (or just after its last) showing
     * nothing at its place. Where that picture shows the logo a third of its size or more away, at least half as
     * strong, it slid in (out): a wipe. Shown at its own place, or too weak beside it (something else), or only a
     * tenth of its size away, it is none: a graphic popping on, or the scene's own.
     */
    @Test
    void aSlideSeenBesideTheChainIsAWipeAndNothingElseIs() {
        AnalysisProperties properties = AnalysisProperties.defaults();
        int fw = 2 * properties.frameWidth();
        int fh = 2 * properties.frameHeight();
        try (Mat logo = chevronGrey()) {
            for (long seed = 1; seed <= 6; seed++) {
                for (int variant = 0; variant < 4; variant++) { // 0 slid, 1 in place, 2 too weak, 3 too near
                    for (boolean out : new boolean[] {false, true}) {
                        SplittableRandom r = new SplittableRandom(seed * 7 + variant);
                        try (ReplayLogoDetector detector = new ReplayLogoDetector(properties, FPS, List.of(logo))) {
                            double step = detector.frameStep() / FPS;
                            double height = 0.2 + 0.15 * r.nextDouble();
                            double x = 0.3 + 0.4 * r.nextDouble();
                            double y = 0.3 + 0.4 * r.nextDouble();
                            double contrast = 0.7 + 0.3 * r.nextDouble();
                            double surround = 25 + 20 * r.nextDouble();
                            double angle = 2 * Math.PI * r.nextDouble();
                            double away = (variant == 3 ? 0.1 : 0.35 + 0.4 * r.nextDouble()) * height * fh;
                            LogoChains.Beside beside = variant == 1
                                    ? new LogoChains.Beside(0.9 * contrast, surround)
                                    : new LogoChains.Beside(0.05 * contrast, surround,
                                    away * Math.cos(angle), away * Math.sin(angle),
                                    (variant == 2 ? 0.3 : 0.6 + 0.3 * r.nextDouble()) * contrast);
                            int n = 4 + r.nextInt(4);
                            double first = 1 + r.nextDouble();
                            for (int i = 0; i < n; i++) {
                                LogoChains.Beside prior = !out && i == 0 ? beside
                                        : new LogoChains.Beside(contrast, surround);
                                LogoChains.Beside after = out && i == n - 1 ? beside
                                        : new LogoChains.Beside(contrast, surround);
                                detector.add(new LogoChains.Hit(first + i * step, 0, 0.8, 0.5, true, height,
                                        x + 0.003 * i, y, 0, 0, null, Double.NaN, contrast, surround, prior, after));
                            }
                            List<LogoAppearance> found = detector.appearances();
                            assertEquals(variant == 0 ? 1 : 0, found.size(), "seed " + seed + " variant " + variant
                                    + (out ? " (sliding out) " : " (sliding in) ") + found);
                        }
                    }
                }
            }
        }
    }
}
