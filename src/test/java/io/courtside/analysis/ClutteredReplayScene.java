package io.courtside.analysis;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC4;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imread;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imwrite;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Real-looking test footage for the replay logo: real photographs (panned and zoomed like a camera) and real video
 * (a real camera's clip) as live play, crowd-like and ad-board-like clutter over them with look-alike shapes and
 * colours (orange squares with white rings, rings with bars, dots, in the logo's colours, scrolling on an LED board), and replays framed by a coloured,
 * semi-transparent logo that wipes in and out (growing, or sliding in), small or large; the replay is an earlier
 * live stretch slowed down (repeated or interpolated frames). Ground truth comes with it.
 *
 * <p>The pictures come from bench/fetch-test-scenes.sh (Debian's opencv-doc) or any real clip; nothing here is
 * downloaded.
 */
final class ClutteredReplayScene {

    /** The logo's width at full size, share of the frame width; its opacity; how it moves in. */
    record Wipe(double widthShare, double alpha, boolean slide, double x, double y) {
    }

    /** One stretch of the output: [from, from + seconds * speed) of a source, played at speed (0.5: slowed). */
    record Segment(Source source, double from, double seconds, double speed, boolean repeatFrames) {
    }

    /** A replay written: its logo wipes centred on start and end, and the live stretch it repeats. */
    record ReplayTruth(double start, double end, double playStart, double playEnd) {
    }

    /** A logo appearance written: centre time, centre place (shares of the frame), full height share. */
    record AppearanceTruth(double time, double x, double y, double height) {
    }

    record Truth(Path file, double duration, List<ReplayTruth> replays, List<AppearanceTruth> appearances) {
    }

    /** A picture at a time, width x height BGR. */
    interface Source {
        Mat frame(double seconds, int width, int height);
    }

    /** Seconds one logo appearance lasts, centred on the replay's boundary (as broadcasts do, about 0.6-0.8 s). */
    static final double WIPE_SECONDS = 0.7;

    /** How many logo designs {@link #logo(int)} draws (0-2 the tests use; 3-7 for the bench only). */
    static final int LOGO_KINDS = 8;

    /** Design {@code kind} in other colours (its channels rotated: orange turns purple, blue green): a look-alike. */
    static int inOtherColours(int kind) {
        return -1 - kind;
    }

    private final int width;
    private final int height;
    private final double fps;
    private final boolean clutter;
    private final long seed;
    private final int logoKind;

    ClutteredReplayScene(int width, int height, double fps, boolean clutter, long seed) {
        this(width, height, fps, clutter, seed, 0);
    }

    /** {@code logoKind}: which of the {@link #logo(int)} designs wipes in (0: the shield every test uses). */
    ClutteredReplayScene(int width, int height, double fps, boolean clutter, long seed, int logoKind) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.clutter = clutter;
        this.seed = seed;
        this.logoKind = logoKind;
    }

    /**
     * Logo designs, RGBA on transparency: 0 the orange shield ({@link #logo()}); 1 a wide (3:1) blue wordmark
     * banner with white letter-like blocks and a red underline; 2 a round yellow emblem with a dark five-pointed
     * star and a dark rim; for the bench only (no test uses them, so they judge what the tests did not tune): 3 a
     * green 2:1 pill with rounded ends, a white chevron and a dark stripe; 4 a purple hexagon badge with a white
     * hexagon outline and a red diagonal band; 5 a teal ring (an outline: its middle transparent, the video shows
     * through) with a thin white circle inside it and a transparent gap at the top; 6 a yellow triangle pointing up with a dark
     * inner outline and a red dot; 7 a diamond, its left half magenta and its right half white, with a dark border.
     * {@link #inOtherColours}: a design recoloured.
     */
    static Mat logo(int kind) {
        return switch (kind) {
            case 0 -> logo();
            case 1 -> banner();
            case 2 -> emblem();
            case 3 -> pill();
            case 4 -> hexagon();
            case 5 -> ring();
            case 6 -> triangle();
            case 7 -> diamond();
            case -1, -2, -3, -4, -5, -6, -7, -8 -> {
                Mat logo = logo(-1 - kind);
                byte[] px = new byte[(int) logo.total() * 4];
                logo.data().get(px);
                for (int i = 0; i < px.length; i += 4) { // B <- R, G <- B, R <- G
                    byte b = px[i];
                    px[i] = px[i + 2];
                    px[i + 2] = px[i + 1];
                    px[i + 1] = b;
                }
                logo.data().put(px);
                yield logo;
            }
            default -> throw new IllegalArgumentException("logo kinds are 0-" + (LOGO_KINDS - 1));
        };
    }

    private static Mat pill() {
        int w = 240;
        int h = 120;
        byte[] px = new byte[w * h * 4];
        double r = h / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double cx = Math.max(r, Math.min(w - r, x + 0.5));
                if (Math.hypot(x + 0.5 - cx, y + 0.5 - r) > 0.97 * r) {
                    continue; // transparent outside the rounded ends
                }
                int b = 60;
                int g = 170;
                int red = 40;
                double u = x - 0.3 * w;
                boolean chevron = Math.abs(Math.abs(y - r) - (u < 0 ? -u : u) * 0.9) < 10 && x > 0.12 * w && x < 0.42 * w;
                if (chevron) {
                    b = 245;
                    g = 245;
                    red = 245;
                }
                if (x > 0.5 * w && x < 0.88 * w && Math.abs(y - r) < 0.22 * h) { // dark text stripe
                    b = 40;
                    g = 50;
                    red = 30;
                    if ((x / 9) % 3 == 0) {
                        b = 245;
                        g = 245;
                        red = 245;
                    }
                }
                int i = (y * w + x) * 4;
                px[i] = (byte) b;
                px[i + 1] = (byte) g;
                px[i + 2] = (byte) red;
                px[i + 3] = (byte) 255;
            }
        }
        Mat m = new Mat(h, w, CV_8UC4);
        m.data().put(px);
        return m;
    }

    private static Mat hexagon() {
        int s = 200;
        byte[] px = new byte[s * s * 4];
        double c = s / 2.0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double dx = Math.abs(x + 0.5 - c) / c;
                double dy = Math.abs(y + 0.5 - c) / c;
                // pointy-top hexagon "radius": max of the three edge distances
                double hex = Math.max(dx / 0.866, (0.5 * dx / 0.866 + dy));
                if (hex > 0.98) {
                    continue;
                }
                int b = 150;
                int g = 40;
                int red = 110;
                if (hex > 0.66 && hex < 0.78) { // white inner outline
                    b = 245;
                    g = 245;
                    red = 245;
                }
                if (hex < 0.66 && Math.abs((x - c) + (y - c)) < 0.14 * s) { // red diagonal band
                    b = 40;
                    g = 40;
                    red = 220;
                }
                int i = (y * s + x) * 4;
                px[i] = (byte) b;
                px[i + 1] = (byte) g;
                px[i + 2] = (byte) red;
                px[i + 3] = (byte) 255;
            }
        }
        Mat m = new Mat(s, s, CV_8UC4);
        m.data().put(px);
        return m;
    }

    /** A square RGBA picture of side s, each pixel from {@code paint(u, v)} ({u, v} in -1..1): {b, g, r} or null. */
    private static Mat drawn(int s, java.util.function.BiFunction<Double, Double, int[]> paint) {
        byte[] px = new byte[s * s * 4];
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int[] c = paint.apply(2 * (x + 0.5) / s - 1, 2 * (y + 0.5) / s - 1);
                if (c == null) {
                    continue;
                }
                int i = (y * s + x) * 4;
                px[i] = (byte) c[0];
                px[i + 1] = (byte) c[1];
                px[i + 2] = (byte) c[2];
                px[i + 3] = (byte) 255;
            }
        }
        Mat m = new Mat(s, s, CV_8UC4);
        m.data().put(px);
        return m;
    }

    private static Mat ring() {
        return drawn(200, (u, v) -> {
            double r = Math.hypot(u, v);
            boolean gap = v < 0 && Math.abs(u) < 0.12; // a gap at the top: not a plain circle
            if (r > 0.98 || r < 0.6 || gap) {
                return null;
            }
            if (r > 0.66 && r < 0.72) {
                return new int[] {245, 245, 245}; // thin white circle
            }
            return new int[] {150, 140, 20};
        });
    }

    private static Mat triangle() {
        return drawn(200, (u, v) -> {
            // pointing up: apex (0, -0.95), base at v = 0.85
            double half = (v + 0.95) / 1.8 * 0.98; // half-width at this height
            if (v < -0.95 || v > 0.85 || Math.abs(u) > half) {
                return null;
            }
            double inner = (v + 0.5) / 1.8 * 0.98;
            boolean outline = v > -0.5 && v < 0.6 && Math.abs(u) < inner && (Math.abs(u) > inner - 0.12 || v > 0.48);
            if (Math.hypot(u, v - 0.25) < 0.14) {
                return new int[] {40, 40, 220}; // red dot
            }
            return outline ? new int[] {40, 35, 30} : new int[] {30, 200, 240};
        });
    }

    private static Mat diamond() {
        return drawn(200, (u, v) -> {
            double d = Math.abs(u) + Math.abs(v);
            if (d > 0.98) {
                return null;
            }
            if (d > 0.84) {
                return new int[] {50, 30, 40}; // dark border
            }
            return u < 0 ? new int[] {170, 40, 200} : new int[] {245, 245, 245};
        });
    }

    private static Mat banner() {
        int w = 300;
        int h = 100;
        byte[] px = new byte[w * h * 4];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int b = 160;
                int g = 60;
                int r = 20;
                int a = 255;
                int u = x - 20;
                boolean letterRow = y > 22 && y < 70;
                // five letter-like blocks with a counter (hole) each: white
                if (letterRow && u >= 0 && u < 260 && u % 52 < 40) {
                    int lx = u % 52;
                    boolean hole = (u / 52) % 2 == 0 ? lx > 12 && lx < 28 && y > 34 && y < 58
                            : lx > 12 && y > 40 && y < 52;
                    if (!hole) {
                        b = 245;
                        g = 245;
                        r = 245;
                    }
                }
                if (y > 78 && y < 88 && x > 20 && x < 280) { // red underline
                    b = 30;
                    g = 30;
                    r = 220;
                }
                int i = (y * w + x) * 4;
                px[i] = (byte) b;
                px[i + 1] = (byte) g;
                px[i + 2] = (byte) r;
                px[i + 3] = (byte) a;
            }
        }
        Mat m = new Mat(h, w, CV_8UC4);
        m.data().put(px);
        return m;
    }

    private static Mat emblem() {
        int s = 200;
        byte[] px = new byte[s * s * 4];
        double c = s / 2.0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double dx = x + 0.5 - c;
                double dy = y + 0.5 - c;
                double r = Math.hypot(dx, dy) / c;
                int i = (y * s + x) * 4;
                if (r > 0.98) {
                    continue; // transparent outside the disc
                }
                double angle = Math.atan2(dy, dx) + Math.PI / 2;
                // five-pointed star: radius alternates 0.65 / 0.27 every 36 degrees
                double k = Math.abs(((angle / (2 * Math.PI / 5)) % 1 + 1) % 1 - 0.5) * 2; // 0 at a point, 1 between
                double starR = 0.27 + (0.65 - 0.27) * (1 - k);
                boolean dark = r > 0.86 || r < starR;
                px[i] = (byte) (dark ? 40 : 30);
                px[i + 1] = (byte) (dark ? 30 : 200);
                px[i + 2] = (byte) (dark ? 60 : 245);
                px[i + 3] = (byte) 255;
            }
        }
        Mat m = new Mat(s, s, CV_8UC4);
        m.data().put(px);
        return m;
    }

    static void writeLogo(Path png, int kind) {
        try (Mat logo = logo(kind)) {
            if (!imwrite(png.toString(), logo)) {
                throw new IllegalStateException("could not write " + png);
            }
        }
    }

    /** The registered logo: an orange shield with a white ring, a dark "play" triangle and a bar, on transparency. */
    static Mat logo() {
        int s = 200;
        Mat logo = new Mat(s, s, CV_8UC4);
        byte[] px = new byte[s * s * 4];
        double c = s / 2.0;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                double dx = x + 0.5 - c;
                double dy = y + 0.5 - c;
                double r = Math.hypot(dx, dy);
                int b = 0;
                int g = 0;
                int red = 0;
                int a = 0;
                if (Math.abs(dx) < 0.92 * c && Math.abs(dy) < 0.92 * c) { // shield: rounded square
                    a = 255;
                    b = 20;
                    g = 110;
                    red = 235;
                }
                if (r > 0.55 * c && r < 0.75 * c) { // white ring
                    b = 250;
                    g = 250;
                    red = 250;
                }
                // dark play triangle inside the ring
                if (dx > -0.25 * c && dx < 0.35 * c && Math.abs(dy) < 0.6 * (0.35 * c - dx)) {
                    b = 40;
                    g = 30;
                    red = 30;
                }
                if (dy > 0.8 * c && dy < 0.9 * c && Math.abs(dx) < 0.7 * c) { // bar at the bottom
                    b = 250;
                    g = 250;
                    red = 250;
                }
                int i = (y * s + x) * 4;
                px[i] = (byte) b;
                px[i + 1] = (byte) g;
                px[i + 2] = (byte) red;
                px[i + 3] = (byte) a;
            }
        }
        logo.data().put(px);
        return logo;
    }

    static void writeLogo(Path png) {
        try (Mat logo = logo()) {
            if (!imwrite(png.toString(), logo)) {
                throw new IllegalStateException("could not write " + png);
            }
        }
    }

    /** A photograph panned and zoomed slowly, like a camera following play. */
    static Source photo(Path file, double panPerSecond, double zoomPerSecond) {
        return photo(file, panPerSecond, zoomPerSecond, new double[0][]);
    }

    /**
     * A photograph panned and zoomed like a camera, with the logo (design 0) printed into the scene for a while,
     * as an LED board in the arena shows it: each of {@code printed} is {from, to (source seconds), centre x,
     * centre y, width (shares of the photo), opacity}. The printed logo moves with the camera, as the picture
     * around it does.
     */
    static Source photo(Path file, double panPerSecond, double zoomPerSecond, double[][] printed) {
        Mat photo = imread(file.toString(), IMREAD_COLOR);
        if (photo.empty()) {
            throw new IllegalArgumentException("cannot read " + file + ": run bench/fetch-test-scenes.sh");
        }
        List<Mat> withLogo = new ArrayList<>();
        for (double[] p : printed) {
            Mat copy = photo.clone();
            int pw = photo.cols();
            int ph = photo.rows();
            byte[] px = new byte[pw * ph * 3];
            copy.data().get(px);
            int lw = (int) Math.round(p[4] * pw);
            try (Mat logo = logo()) {
                blendInto(px, pw, ph, logo, (int) Math.round(p[2] * pw) - lw / 2, (int) Math.round(p[3] * ph) - lw / 2,
                        lw, lw, p[5]);
            }
            copy.data().put(px);
            withLogo.add(copy);
        }
        return (t, w, h) -> {
            Mat shown = photo;
            for (int i = 0; i < printed.length; i++) {
                if (t >= printed[i][0] && t < printed[i][1]) {
                    shown = withLogo.get(i);
                }
            }
            return crop(shown, t, w, h, panPerSecond, zoomPerSecond);
        };
    }

    private static Mat crop(Mat photo, double t, int w, int h, double panPerSecond, double zoomPerSecond) {
        // Window of the output's aspect, 70 % of the photo, drifting and zooming.
        double aspect = w / (double) h;
        double zoom = 0.7 / (1 + zoomPerSecond * t);
        int ch = (int) Math.min(photo.rows() * zoom, photo.cols() * zoom / aspect);
        int cw = (int) (ch * aspect);
        double travel = photo.cols() - cw;
        double phase = (panPerSecond * t) % 2;
        int x = (int) Math.round(travel * (phase < 1 ? phase : 2 - phase));
        int y = (photo.rows() - ch) / 2;
        Mat out = new Mat();
        try (Mat crop = new Mat(photo, new Rect(Math.max(0, Math.min(x, photo.cols() - cw)), y, cw, ch))) {
            resize(crop, out, new Size(w, h), 0, 0, INTER_LINEAR);
        }
        return out;
    }

    /**
     * A real clip, decoded once and kept at the output size; frames between the clip's own are blended, so a
     * clip slower than the output has no repeated frames in live play.
     */
    static Source video(Path file, int w, int h, double maxSeconds) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        double clipFps;
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            clipFps = grabber.getVideoFrameRate() > 0 ? grabber.getVideoFrameRate() : grabber.getFrameRate();
            Frame f;
            while ((f = grabber.grabImage()) != null && frames.size() < maxSeconds * clipFps) {
                Mat m = converter.convert(f);
                try (Mat small = new Mat()) {
                    resize(m, small, new Size(w, h), 0, 0, INTER_AREA);
                    byte[] px = new byte[w * h * 3];
                    small.data().get(px);
                    frames.add(px);
                }
            }
        }
        double rate = clipFps;
        return (t, ww, hh) -> {
            double k = Math.max(0, Math.min(frames.size() - 1.001, t * rate));
            int i = (int) k;
            double f = k - i;
            byte[] a = frames.get(i);
            byte[] b = frames.get(Math.min(frames.size() - 1, i + 1));
            byte[] out = new byte[a.length];
            for (int p = 0; p < a.length; p++) {
                out[p] = (byte) Math.round((1 - f) * (a[p] & 0xff) + f * (b[p] & 0xff));
            }
            Mat m = new Mat(hh, ww, CV_8UC3);
            m.data().put(out);
            return m;
        };
    }

    /**
     * Writes {@code segments} one after the other to {@code out} (H.264), the logo wiping in and out centred on
     * the start and end of every segment whose index is in {@code replaySegments} (with {@code wipes}, one per
     * replay). {@code liveOf} names, per replay, the live segment index it repeats (for the ground truth).
     */
    Truth write(Path out, List<Segment> segments, List<Integer> replaySegments, List<Integer> liveOf,
                List<Wipe> wipes) throws Exception {
        double[] starts = new double[segments.size() + 1];
        for (int i = 0; i < segments.size(); i++) {
            starts[i + 1] = starts[i] + segments.get(i).seconds();
        }
        List<ReplayTruth> replays = new ArrayList<>();
        List<double[]> logoAt = new ArrayList<>(); // {centre time, wipe index}
        List<AppearanceTruth> appearances = new ArrayList<>();
        for (int r = 0; r < replaySegments.size(); r++) {
            int s = replaySegments.get(r);
            int live = liveOf.get(r);
            Segment replay = segments.get(s);
            Segment liveSeg = segments.get(live);
            double playStart = starts[live] + (replay.from() - liveSeg.from());
            double playEnd = playStart + replay.seconds() * replay.speed();
            replays.add(new ReplayTruth(starts[s], starts[s + 1], playStart, playEnd));
            logoAt.add(new double[] {starts[s], r});
            logoAt.add(new double[] {starts[s + 1], r});
            Wipe w = wipes.get(r);
            double lh = w.widthShare() * width / height;
            appearances.add(new AppearanceTruth(starts[s], w.x(), w.y(), lh));
            appearances.add(new AppearanceTruth(starts[s + 1], w.x(), w.y(), lh));
        }
        int frames = (int) Math.round(starts[segments.size()] * fps);
        if (Boolean.getBoolean("scene.reuse") && java.nio.file.Files.isRegularFile(out)) {
            // -Dscene.reuse=true (bench only): the file written by an earlier run of the same scene is analysed again
            return new Truth(out, frames / fps, replays, appearances);
        }
        SplittableRandom random = new SplittableRandom(seed);
        Clutter clutterLayer = clutter ? new Clutter(width, height, random) : null;
        OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
        int total = (int) Math.round(starts[segments.size()] * fps);
        try (Mat logo = logo(logoKind); FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodecName("libx264");
            recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(fps);
            recorder.setGopSize((int) Math.round(2 * fps));
            recorder.setVideoOption("preset", "veryfast");
            recorder.setVideoOption("crf", "20");
            recorder.start();
            int segment = 0;
            for (int k = 0; k < total; k++) {
                double t = k / fps;
                while (segment < segments.size() - 1 && t >= starts[segment + 1] - 1e-9) {
                    segment++;
                }
                Segment seg = segments.get(segment);
                double local = t - starts[segment];
                if (seg.repeatFrames()) { // slow motion by repeating frames: the source advances every 1/speed-th frame
                    double step = 1 / seg.speed();
                    local = Math.floor(Math.round(local * fps) / step) * step / fps;
                }
                double sourceTime = seg.from() + local * seg.speed();
                try (Mat frame = seg.source().frame(sourceTime, width, height)) {
                    byte[] px = new byte[width * height * 3];
                    frame.data().get(px);
                    if (clutterLayer != null) {
                        clutterLayer.paint(px, sourceTime); // part of the scene: slowed in a replay too
                    }
                    for (double[] at : logoAt) {
                        double phase = (t - at[0]) / WIPE_SECONDS + 0.5;
                        if (phase > 0 && phase < 1) {
                            paintWipe(px, logo, wipes.get((int) at[1]), phase);
                        }
                    }
                    try (Mat painted = new Mat(height, width, CV_8UC3)) {
                        painted.data().put(px);
                        recorder.record(converter.convert(painted));
                    }
                }
            }
            recorder.stop();
        }
        return new Truth(out, total / fps, replays, appearances);
    }

    /** The logo at one phase (0-1) of a wipe: grows in and out (or slides in from the left), fading. */
    private void paintWipe(byte[] px, Mat logo, Wipe wipe, double phase) {
        double grow = Math.sin(Math.PI * phase);
        double size = wipe.slide() ? 1 : 0.3 + 0.7 * grow;
        int lw = (int) Math.round(wipe.widthShare() * width * size);
        int lh = (int) Math.round(lw * logo.rows() / (double) logo.cols());
        double alpha = wipe.alpha() * Math.min(1, 1.6 * grow);
        double cx = wipe.slide() ? wipe.x() - (1 - Math.min(1, 1.2 * grow)) * 0.15 : wipe.x();
        blendInto(px, width, height, logo, (int) Math.round(cx * width) - lw / 2,
                (int) Math.round(wipe.y() * height) - lh / 2, lw, lh, alpha);
    }

    /** Blends an RGBA picture scaled to w x h at (x0, y0), times alpha, into a width x height BGR picture. */
    private static void blendInto(byte[] px, int width, int height, Mat rgba, int x0, int y0, int w, int h,
                                  double alpha) {
        if (w < 2 || h < 2) {
            return;
        }
        try (Mat scaled = new Mat()) {
            resize(rgba, scaled, new Size(w, h), 0, 0, INTER_AREA);
            byte[] src = new byte[w * h * 4];
            scaled.data().get(src);
            for (int y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
                for (int x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
                    int s = ((y - y0) * w + (x - x0)) * 4;
                    double a = alpha * (src[s + 3] & 0xff) / 255.0;
                    int d = (y * width + x) * 3;
                    for (int c = 0; c < 3; c++) {
                        px[d + c] = (byte) Math.round((1 - a) * (px[d + c] & 0xff) + a * (src[s + c] & 0xff));
                    }
                }
            }
        }
    }

    /**
     * Crowd-like and ad-board-like clutter: a band of crowd (many small heads and shirts in arena colours, moving a
     * little) at the top, an ad board band with bright panels, text-like strokes and look-alike shapes in the
     * logo's colours (orange squares with white rings, rings with bars, dots) scrolling, as LED boards do.
     */
    private static final class Clutter {
        private final int w;
        private final int h;
        private final int[][] heads; // x, y, radius, b, g, r
        private final int[][] shapes; // x, kind, size

        Clutter(int w, int h, SplittableRandom random) {
            this.w = w;
            this.h = h;
            int n = w * h / 900;
            heads = new int[n][];
            int[][] colours = {{200, 120, 30}, {40, 60, 200}, {230, 230, 230}, {30, 30, 30}, {60, 140, 240},
                    {90, 160, 220}, {20, 110, 235}};
            for (int i = 0; i < n; i++) {
                int[] c = colours[random.nextInt(colours.length)];
                heads[i] = new int[] {random.nextInt(w), random.nextInt(h / 4), 3 + random.nextInt(h / 90 + 3),
                        c[0], c[1], c[2]};
            }
            shapes = new int[12][];
            for (int i = 0; i < shapes.length; i++) {
                shapes[i] = new int[] {i * w / 5 + random.nextInt(w / 10), random.nextInt(4),
                        h / 14 + random.nextInt(h / 10)};
            }
        }

        void paint(byte[] px, double t) {
            // crowd: jittering heads
            for (int[] head : heads) {
                int jx = (int) Math.round(2 * Math.sin(t * 3 + head[0]));
                disc(px, head[0] + jx, head[1], head[2], head[3], head[4], head[5]);
            }
            // ad board band: 62-78 % of the height, panels scrolling
            int top = (int) (0.62 * h);
            int bottom = (int) (0.78 * h);
            int scroll = (int) (t * w * 0.08);
            for (int y = top; y < bottom; y++) {
                for (int x = 0; x < w; x++) {
                    int u = Math.floorMod(x + scroll, w);
                    int panel = u * 6 / w;
                    int d = (y * w + x) * 3;
                    boolean stroke = ((u / 3) % 7 < 2) && (y - top) % 9 < 6 && (u % (w / 6)) > w / 30;
                    int[] c = switch (panel % 3) {
                        case 0 -> new int[] {20, 110, 235};
                        case 1 -> new int[] {240, 240, 240};
                        default -> new int[] {120, 40, 20};
                    };
                    int v = stroke ? 255 - c[1] : 0;
                    px[d] = (byte) (stroke ? v : c[0]);
                    px[d + 1] = (byte) (stroke ? v : c[1]);
                    px[d + 2] = (byte) (stroke ? v : c[2]);
                }
            }
            // look-alike shapes on the board and court: rings, rings with bars, orange squares with rings
            for (int[] s : shapes) {
                int x = Math.floorMod(s[0] - scroll, w);
                int y = s[1] % 2 == 0 ? (top + bottom) / 2 : (int) (0.85 * h);
                int r = s[2] / 2;
                if (s[1] == 3) {
                    square(px, x, y, r, 20, 110, 235);
                }
                ring(px, x, y, (int) (0.55 * r), (int) (0.75 * r), 250, 250, 250);
                if (s[1] == 1) {
                    bar(px, x - r, y - r / 8, 2 * r, r / 4, 250, 250, 250);
                } else if (s[1] == 2) {
                    disc(px, x, y, r / 3, 40, 30, 30);
                }
            }
        }

        private void set(byte[] px, int x, int y, int b, int g, int r) {
            if (x >= 0 && y >= 0 && x < w && y < h) {
                int d = (y * w + x) * 3;
                px[d] = (byte) b;
                px[d + 1] = (byte) g;
                px[d + 2] = (byte) r;
            }
        }

        /** A filled disc: a ring with no hole. */
        private void disc(byte[] px, int cx, int cy, int rad, int b, int g, int r) {
            ring(px, cx, cy, 0, rad, b, g, r);
        }

        private void ring(byte[] px, int cx, int cy, int r0, int r1, int b, int g, int r) {
            for (int y = cy - r1; y <= cy + r1; y++) {
                for (int x = cx - r1; x <= cx + r1; x++) {
                    int d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    if (d2 <= r1 * r1 && d2 >= r0 * r0) {
                        set(px, x, y, b, g, r);
                    }
                }
            }
        }

        private void square(byte[] px, int cx, int cy, int rad, int b, int g, int r) {
            bar(px, cx - rad, cy - rad, 2 * rad, 2 * rad, b, g, r);
        }

        private void bar(byte[] px, int x0, int y0, int bw, int bh, int b, int g, int r) {
            for (int y = y0; y < y0 + bh; y++) {
                for (int x = x0; x < x0 + bw; x++) {
                    set(px, x, y, b, g, r);
                }
            }
        }
    }
}
