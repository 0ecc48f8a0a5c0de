package io.courtside.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import io.courtside.kernel.StageProgress;

/**
 * Not a test: bench/replay-bench.sh runs it. Replay logos on real-looking and real footage:
 * <ul>
 *   <li>{@code scenes N DIR}: N cluttered scenes ({@link ClutteredReplayScene}: real photos and video from
 *       bench/fetch-test-scenes.sh, crowd and ad-board clutter, look-alike shapes) with two logo-framed replays each,
 *       the logo 10-30 % of the width, 70-90 % opaque, growing or sliding, anywhere near the middle, the designs in
 *       turn (ClutteredReplayScene.LOGO_KINDS; 3-7 used by no test), the replay
 *       slowed by repeated or interpolated frames; and the same scenes without the logo. Prints precision and recall
 *       of appearances (within 0.5 s) and replays (both ends within 0.6 s), and the false replays without logo.</li>
 *   <li>{@code footage FOOTAGE_DIR WORK_DIR}: each real clip analysed with a registered logo that is not in it
 *       (false replays and appearances must be zero), then a real broadcast with one logo-framed replay built from
 *       the NBA clip (live play, logo wipe in, the play slowed down, logo wipe out, more live play from the NCAA
 *       clip): exactly that replay must be found, its ends within 0.6 s of the logo's appearances. Times the
 *       analysis against {@code ffmpeg -i IN -an -f null -} on each file, interleaved, -Dbench.runs runs (min and
 *       median).</li>
 * </ul>
 */
public final class ReplayBench {

    private static final ReplayBounds BASKETBALL = new ReplayBounds(2.5, 20);
    private static final double END_TOLERANCE = 0.6;
    private static final double APPEARANCE_TOLERANCE = 0.5;

    private ReplayBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "scenes" -> scenes(Integer.parseInt(args[1]), Path.of(args[2]));
            case "footage" -> footage(Path.of(args[1]), Path.of(args[2]));
            case "time" -> {
                RegisteredMedia logo = logo(Path.of(args[1]));
                for (int i = 2; i < args.length; i++) {
                    time(new GameAnalyzer(AnalysisProperties.defaults()), logo, Path.of(args[i]),
                            Math.max(3, Integer.getInteger("bench.runs", 3)));
                }
            }
            case "analyse" -> { // -Dbench.logo=K registers design K (default 0)
                RegisteredMedia logo = logo(Path.of(args[1]), Integer.getInteger("bench.logo", 0));
                for (int i = 2; i < args.length; i++) {
                    GameAnalysis found = new GameAnalyzer(AnalysisProperties.defaults())
                            .analyze(Path.of(args[i]), logo, StageProgress.NONE, BASKETBALL);
                    System.out.printf("%s:%n  replays %s%n  appearances %s%n", args[i], found.replays(),
                            found.logoAppearances());
                }
            }
            default -> throw new IllegalArgumentException("scenes N DIR | footage FOOTAGE_DIR WORK_DIR");
        }
        System.exit(0);
    }

    private static RegisteredMedia logo(Path dir) throws Exception {
        return logo(dir, 0);
    }

    /** Design {@code kind} of ClutteredReplayScene.logo(int), registered. */
    private static RegisteredMedia logo(Path dir, int kind) throws Exception {
        Files.createDirectories(dir);
        Path png = dir.resolve("logo" + kind + ".png");
        ClutteredReplayScene.writeLogo(png, kind);
        return new RegisteredMedia(List.of(new RegisteredMedia.Image("logo", png)), List.of(), List.of());
    }

    private static void scenes(int n, Path dir) throws Exception {
        Path scenes = Path.of("target/test-scenes");
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        String[] photos = {"building.jpg", "fruits.jpg", "baboon.jpg", "home.jpg", "graf1.png", "leuvenA.jpg",
                "board.jpg"};
        int w = 640;
        int h = 360;
        ClutteredReplayScene.Source crowd = ClutteredReplayScene.video(scenes.resolve("vtest.avi"), w, h, 60);
        int appTp = 0, appFp = 0, appFn = 0, repTp = 0, repFp = 0, repFn = 0, falseWithout = 0, appWithout = 0;
        int playsFound = 0;
        int falseLookAlike = 0;
        int appLookAlike = 0;
        List<Double> trueConf = new ArrayList<>();
        List<Double> falseConf = new ArrayList<>();
        int[][] perKind = new int[ClutteredReplayScene.LOGO_KINDS][4]; // appearances tp, fn; replays tp, fn
        int first = Integer.getInteger("bench.firstScene", 1); // -Dbench.firstScene=K: scenes K..n only
        for (int seed = first; seed <= n; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            // Scenes take the logo designs in turn (0 the shield the tests use, 1 a wide banner, 2 a round emblem; 3 a
            // pill, 4 a hexagon badge, 5 a ring outline, 6 a triangle and 7 a two-colour diamond no test uses)
            int kind = (seed - 1) % ClutteredReplayScene.LOGO_KINDS;
            RegisteredMedia logo = logo(dir, kind);
            ClutteredReplayScene.Source a = ClutteredReplayScene.photo(scenes.resolve(photos[r.nextInt(photos.length)]),
                    0.05 + 0.1 * r.nextDouble(), 0.03 * r.nextDouble());
            ClutteredReplayScene.Source b = ClutteredReplayScene.photo(scenes.resolve(photos[r.nextInt(photos.length)]),
                    0.05 + 0.1 * r.nextDouble(), 0.03 * r.nextDouble());
            double crowdFrom = r.nextDouble() * 40;
            double speed1 = r.nextBoolean() ? 0.5 : 0.4;
            List<ClutteredReplayScene.Segment> segments = List.of(
                    new ClutteredReplayScene.Segment(a, 0, 5, 1, false),
                    new ClutteredReplayScene.Segment(crowd, crowdFrom, 7, 1, false),
                    new ClutteredReplayScene.Segment(crowd, crowdFrom + 2, 3 / speed1, speed1, r.nextBoolean()),
                    new ClutteredReplayScene.Segment(b, 0, 6, 1, false),
                    new ClutteredReplayScene.Segment(b, 2, 6, 0.5, r.nextBoolean()),
                    new ClutteredReplayScene.Segment(crowd, crowdFrom + 10, 5, 1, false));
            List<ClutteredReplayScene.Wipe> wipes = List.of(wipe(r), wipe(r));
            for (String variant : List.of("logo", "nologo", "lookalike")) {
                boolean withLogo = !variant.equals("nologo");
                // lookalike: the same wipes with the design in other colours (ClutteredReplayScene.inOtherColours)
                int drawn = variant.equals("lookalike") ? ClutteredReplayScene.inOtherColours(kind) : kind;
                ClutteredReplayScene.Truth truth = new ClutteredReplayScene(w, h, 25, true, seed, drawn).write(
                        dir.resolve("scene" + seed + "-" + variant + ".mp4"), segments,
                        withLogo ? List.of(2, 4) : List.of(), withLogo ? List.of(1, 3) : List.of(), wipes);
                GameAnalysis found = analyzer.analyze(truth.file(), logo, StageProgress.NONE, BASKETBALL);
                if (variant.equals("lookalike")) {
                    falseLookAlike += found.replays().size();
                    appLookAlike += found.logoAppearances().size();
                    System.out.printf("scene %d look-alike: replays %s%n  appearances %s%n", seed, found.replays(),
                            found.logoAppearances());
                    continue;
                }
                if (!withLogo) {
                    falseWithout += found.replays().size();
                    appWithout += found.logoAppearances().size();
                    found.logoAppearances().forEach(x -> falseConf.add(x.confidence()));
                    if (!found.logoAppearances().isEmpty() || !found.replays().isEmpty()) {
                        System.out.printf("scene %d without logo: replays %s%n  appearances %s%n", seed,
                                found.replays(), found.logoAppearances());
                    }
                    continue;
                }
                for (ClutteredReplayScene.AppearanceTruth t : truth.appearances()) {
                    if (found.logoAppearances().stream()
                            .anyMatch(f -> Math.abs(f.middle() - t.time()) <= APPEARANCE_TOLERANCE)) {
                        appTp++;
                        perKind[kind][0]++;
                    } else {
                        appFn++;
                        perKind[kind][1]++;
                    }
                }
                for (LogoAppearance f : found.logoAppearances()) {
                    boolean real = truth.appearances().stream()
                            .anyMatch(t -> Math.abs(f.middle() - t.time()) <= APPEARANCE_TOLERANCE);
                    (real ? trueConf : falseConf).add(f.confidence());
                    if (!real) {
                        appFp++;
                    }
                }
                for (ClutteredReplayScene.ReplayTruth t : truth.replays()) {
                    Replay match = found.replays().stream().filter(f -> Math.abs(f.start() - t.start()) <= END_TOLERANCE
                            && Math.abs(f.end() - t.end()) <= END_TOLERANCE).findFirst().orElse(null);
                    if (match != null) {
                        repTp++;
                        perKind[kind][2]++;
                        if (match.playFound() && match.playStart() < t.playEnd() && match.playEnd() > t.playStart()) {
                            playsFound++;
                        }
                    } else {
                        repFn++;
                        perKind[kind][3]++;
                    }
                }
                repFp += (int) found.replays().stream().filter(f -> truth.replays().stream().noneMatch(t ->
                        Math.abs(f.start() - t.start()) <= END_TOLERANCE
                                && Math.abs(f.end() - t.end()) <= END_TOLERANCE)).count();
                System.out.printf("scene %d (logo design %d): wipes %s%n  found %s%n  appearances %s%n", seed, kind,
                        wipes, found.replays(), found.logoAppearances());
            }
        }
        System.out.printf("scenes: %d at %dx%d 25 fps (x264 crf 20), each with 2 replays, plus the same without logo%n",
                n, w, h);
        System.out.printf("appearances: precision %.3f recall %.3f (tp %d fp %d fn %d)%n",
                appTp / (double) Math.max(1, appTp + appFp), appTp / (double) Math.max(1, appTp + appFn), appTp, appFp,
                appFn);
        System.out.printf("replays: precision %.3f recall %.3f (tp %d fp %d fn %d); live play found for %d of %d%n",
                repTp / (double) Math.max(1, repTp + repFp), repTp / (double) Math.max(1, repTp + repFn), repTp, repFp,
                repFn, playsFound, repTp);
        for (int k = 0; k < perKind.length; k++) {
            System.out.printf("logo design %d: appearance recall %d/%d, replay recall %d/%d%n", k, perKind[k][0],
                    perKind[k][0] + perKind[k][1], perKind[k][2], perKind[k][2] + perKind[k][3]);
        }
        System.out.printf("without logo: %d false replays, %d false appearances%n", falseWithout, appWithout);
        System.out.printf("the design in other colours instead of the logo: %d false replays, %d false appearances%n",
                falseLookAlike, appLookAlike);
        System.out.printf("confidence: true appearances min %.3f median %.3f; false max %s%n",
                trueConf.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN), median(trueConf),
                falseConf.stream().mapToDouble(Double::doubleValue).max().stream().mapToObj(x -> String.format("%.3f", x))
                        .findFirst().orElse("none"));
    }

    private static ClutteredReplayScene.Wipe wipe(SplittableRandom r) {
        double[] widths = {0.1, 0.15, 0.2, 0.3};
        return new ClutteredReplayScene.Wipe(widths[r.nextInt(widths.length)], 0.7 + 0.2 * r.nextDouble(),
                r.nextBoolean(), 0.35 + 0.3 * r.nextDouble(), 0.3 + 0.3 * r.nextDouble());
    }

    private static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[v.length / 2];
    }

    private static void footage(Path footage, Path dir) throws Exception {
        RegisteredMedia logo = logo(dir);
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        int runs = Math.max(3, Integer.getInteger("bench.runs", 3));
        List<Path> clips;
        try (Stream<Path> files = Files.list(footage)) {
            clips = files.filter(f -> f.toString().endsWith(".mp4") || f.toString().endsWith(".mov")).sorted().toList();
        }
        int falseReplays = 0;
        for (Path clip : clips) {
            GameAnalysis found = analyzer.analyze(clip, logo, StageProgress.NONE, BASKETBALL);
            falseReplays += found.replays().size();
            System.out.printf("no logo in %s: %d replays, %d appearances %s%n", clip.getFileName(),
                    found.replays().size(), found.logoAppearances().size(), found.logoAppearances());
        }
        System.out.printf("footage without the logo: %d clips, %d false replays%n", clips.size(), falseReplays);

        // A real broadcast with one logo-framed replay.
        int w = 1280;
        int h = 720;
        double fps = 30000 / 1001.0;
        ClutteredReplayScene.Source nba = ClutteredReplayScene.video(footage.resolve("bb_nba_xmas_espn.mp4"), w, h, 11);
        ClutteredReplayScene.Source ncaa = ClutteredReplayScene.video(footage.resolve("bb_ncaaw_espn_richmond.mov"),
                w, h, 3.2);
        List<ClutteredReplayScene.Segment> segments = List.of(
                new ClutteredReplayScene.Segment(nba, 0, 10.5, 1, false),
                new ClutteredReplayScene.Segment(nba, 3, 8, 0.5, false),
                new ClutteredReplayScene.Segment(ncaa, 0, 3, 1, false));
        ClutteredReplayScene.Truth truth = new ClutteredReplayScene(w, h, fps, false, 1).write(
                dir.resolve("broadcast-with-replay.mp4"), segments, List.of(1), List.of(0),
                List.of(new ClutteredReplayScene.Wipe(0.15, 0.8, false, 0.5, 0.5)));
        GameAnalysis found = analyzer.analyze(truth.file(), logo, StageProgress.NONE, BASKETBALL);
        ClutteredReplayScene.ReplayTruth expected = truth.replays().get(0);
        boolean exact = found.replays().size() == 1
                && Math.abs(found.replays().get(0).start() - expected.start()) <= END_TOLERANCE
                && Math.abs(found.replays().get(0).end() - expected.end()) <= END_TOLERANCE;
        System.out.printf("broadcast with one replay (%s, 1280x720 %.2f fps): expected %s%n  found %s%n"
                        + "  appearances %s%n  exactly that replay: %s%n", truth.file().getFileName(), fps, expected,
                found.replays(), found.logoAppearances(), exact ? "YES" : "NO");

        // -Dbench.time=broadcast times only the built broadcast (a loaded machine takes minutes per file)
        List<Path> timed = new ArrayList<>("broadcast".equals(System.getProperty("bench.time")) ? List.of() : clips);
        timed.add(truth.file());
        for (Path file : timed) {
            time(analyzer, logo, file, runs);
        }
    }

    /**
     * Analysis against {@code ffmpeg -i IN -an -f null -}, interleaved, each in wall time and in CPU time (user +
     * system: ffmpeg's own -benchmark figures, the analysis JVM's process CPU time), which a loaded machine
     * disturbs less.
     */
    private static void time(GameAnalyzer analyzer, RegisteredMedia logo, Path file, int runs) throws Exception {
        ffmpeg(file);
        analyzer.analyze(file, logo, StageProgress.NONE, BASKETBALL); // warm-up of each
        analyzer.analyze(file, RegisteredMedia.NONE, StageProgress.NONE);
        double[][] ff = new double[2][runs];
        double[][] an = new double[2][runs];
        double[][] bare = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            double[] f = ffmpeg(file);
            ff[0][i] = f[0];
            ff[1][i] = f[1];
            double[] a = timed(() -> analyzer.analyze(file, logo, StageProgress.NONE, BASKETBALL));
            an[0][i] = a[0];
            an[1][i] = a[1];
            double[] b = timed(() -> analyzer.analyze(file, RegisteredMedia.NONE, StageProgress.NONE));
            bare[0][i] = b[0];
            bare[1][i] = b[1];
        }
        for (double[][] m : new double[][][] {ff, an, bare}) {
            Arrays.sort(m[0]);
            Arrays.sort(m[1]);
        }
        for (int k = 0; k < 2; k++) {
            System.out.printf("time %s (%s): ffmpeg min %.3f s median %.3f s; analysis with the logo min %.3f s"
                            + " median %.3f s (ratio %.2f at min, %.2f at median); without registrations min %.3f s"
                            + " median %.3f s (ratio %.2f, %.2f)%n", file.getFileName(), k == 0 ? "wall" : "cpu",
                    ff[k][0], ff[k][runs / 2], an[k][0], an[k][runs / 2], an[k][0] / ff[k][0],
                    an[k][runs / 2] / ff[k][runs / 2], bare[k][0], bare[k][runs / 2], bare[k][0] / ff[k][0],
                    bare[k][runs / 2] / ff[k][runs / 2]);
        }
    }

    /** {wall seconds, process CPU seconds} of one run. */
    private static double[] timed(Runnable run) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        run.run();
        return new double[] {(System.nanoTime() - t) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9};
    }

    /** {wall seconds, CPU seconds (utime + stime from -benchmark)} of ffmpeg decoding the file. */
    private static double[] ffmpeg(Path file) throws Exception {
        long t = System.nanoTime();
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "info", "-nostats", "-benchmark", "-i",
                file.toString(), "-an", "-f", "null", "-").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed on " + file + ": " + out);
        }
        double wall = (System.nanoTime() - t) / 1e9;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s").matcher(out);
        double cpu = m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : Double.NaN;
        return new double[] {wall, cpu};
    }
}
