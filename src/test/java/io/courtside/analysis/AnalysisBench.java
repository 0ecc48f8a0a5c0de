package io.courtside.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.courtside.BenchRuns;
import io.courtside.demo.SyntheticGame;
import io.courtside.demo.SyntheticGame.LoudMoment;
import io.courtside.kernel.StageProgress;

/**
 * The whole analysis chain against plain FFmpeg decoding, with a replay logo and a player's face registered.
 * Not a test: bench/analysis-bench.sh runs it.
 * <ul>
 *   <li>{@code generate OUT.mp4 TRUTH.json WIDTH HEIGHT SECONDS}: a synthetic game with cuts, dissolves, flashes,
 *       crowd bursts, a replay (logo in and out) about every 40 s and the registered face (and strangers) in
 *       known shots; the ground truth goes to TRUTH.json.</li>
 *   <li>{@code logo OUT.png}: the generator's replay logo, to register.</li>
 *   <li>{@code run IN.mp4 TRUTH.json LOGO.png FACE.png}: times {@code ffmpeg -i IN -an -f null -} and the chain
 *       on the same file after one warm-up of each (natives, JIT), interleaved, {@code -Dbench.runs} (at least 3)
 *       times each; prints min and median of each, fps, the ratios at min and median, peak RSS and
 *       precision/recall per signal against the ground truth.</li>
 * </ul>
 */
public final class AnalysisBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Double.parseDouble(args[5]));
        } else if (args.length == 2 && args[0].equals("logo")) {
            SyntheticGame.writeLogo(Path.of(args[1]));
        } else if (args.length == 5 && args[0].equals("run")) {
            run(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
        } else if (args.length >= 2 && args[0].equals("footage")) {
            for (int i = 1; i < args.length; i++) {
                scoreBug(Path.of(args[i]));
            }
        } else if ((args.length == 4 || args.length == 5 && args[4].equals("nobug")) && args[0].equals("scores")) {
            scoresOnMadeFootage(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    args.length == 5);
        } else {
            System.err.println("usage: generate OUT.mp4 TRUTH.json W H SECONDS | logo OUT.png"
                    + " | footage IN... | scores OUT.mp4 W H [nobug]"
                    + " | run IN.mp4 TRUTH.json LOGO.png FACE.png");
            System.exit(2);
        }
    }

    private static void generate(Path out, Path truthFile, int width, int height, double seconds) throws IOException {
        SplittableRandom random = new SplittableRandom(2026);
        List<Double> shots = new ArrayList<>();
        double t = 0;
        while (t < seconds - 4) {
            double d = Math.round((2.5 + random.nextDouble() * 4.5) * 5) / 5.0; // 2.5-7 s, whole 0.2 s
            shots.add(d);
            t += d;
        }
        List<LoudMoment> loud = new ArrayList<>();
        List<Integer> replays = new ArrayList<>();
        List<Integer> astronaut = new ArrayList<>();
        List<Integer> strangers = new ArrayList<>();
        double start = 0;
        double nextReplay = 30;
        for (int i = 0; i < shots.size(); i++) {
            double end = start + shots.get(i);
            if (i >= 2 && i < shots.size() - 2 && start >= nextReplay && !replays.contains(i - 1)) {
                replays.add(i);                                      // shot i replays shot i - 1 ...
                loud.add(new LoudMoment(start - shots.get(i - 1) + 0.5, Math.min(2.5, shots.get(i - 1) - 1)));
                nextReplay = start + 40;
            } else if (i % 7 == 3) {
                loud.add(new LoudMoment(start + 0.5, Math.min(2.0, shots.get(i) - 1)));  // ... and other bursts
            }
            start = end;
        }
        start = 0;
        for (int i = 0; i < shots.size(); i++) {
            boolean busy = replays.contains(i) || replays.contains(i + 1) || replays.contains(i - 1);
            if (!busy && i % 6 == 5) {
                astronaut.add(i);
            } else if (!busy && i % 6 == 2) {
                strangers.add(i);
            }
            start += shots.get(i);
        }
        SyntheticGame.Script script = new SyntheticGame.Script(width, height, 25, shots, loud);
        double[] starts = new double[shots.size() + 1];
        for (int i = 0; i < shots.size(); i++) {
            starts[i + 1] = starts[i] + shots.get(i);
        }
        for (int r : replays) {
            script = script.withReplay(r, r - 1);
        }
        for (int i = 4; i < shots.size() - 1; i += 9) {
            boolean touched = replays.contains(i) || replays.contains(i + 1) || astronaut.contains(i + 1)
                    || strangers.contains(i + 1);
            if (!touched) {
                script = script.withDissolve(i, 1.0);
            }
        }
        for (int i = 2; i < shots.size(); i += 11) {
            if (!replays.contains(i)) {
                script = script.withFlash(starts[i] + 1.0, 2);
            }
        }
        for (int i : astronaut) {
            script = script.withFace(TestFaces.astronaut(starts[i], starts[i] + Math.min(3, shots.get(i)), 0.6, 0.15,
                    0.4));
        }
        int k = 0;
        for (int i : strangers) {
            script = script.withFace(TestFaces.stranger(k++ % 100, starts[i], starts[i] + Math.min(3, shots.get(i)),
                    0.1, 0.25, 0.4));
        }
        SyntheticGame.GroundTruth truth = script.write(out);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fps", truth.fps());
        json.put("frames", truth.frameCount());
        json.put("transitions", truth.transitions());
        json.put("replays", truth.replays());
        json.put("faces", truth.faces());
        json.put("loud", truth.loudMoments());
        JSON.writerWithDefaultPrettyPrinter().writeValue(truthFile.toFile(), json);
        System.out.printf("generated %s: %dx%d, %.0f s, %d shots, %d replays, %d faces%n", out, width, height,
                truth.durationSeconds(), shots.size(), truth.replays().size(), truth.faces().size());
    }

    private static void run(Path in, Path truthFile, Path logo, Path face) throws Exception {
        JsonNode truth = JSON.readTree(truthFile.toFile());
        // -Dbench.register=logo|face|none runs part of the chain, to see what each costs (default: both).
        String register = System.getProperty("bench.register", "both");
        RegisteredMedia registered = new RegisteredMedia(
                register.equals("both") || register.equals("logo")
                        ? List.of(new RegisteredMedia.Image("logo", logo)) : List.of(),
                register.equals("both") || register.equals("face")
                        ? List.of(new RegisteredMedia.Player("Player A", List.of(new RegisteredMedia.Image("face", face))))
                        : List.of(),
                List.of());
        Timed timed = interleaved(in, mode -> analyzer(mode).analyze(in, registered, StageProgress.NONE));
        GameAnalysis first = timed.analyses().values().iterator().next();
        double frames = truth.path("frames").asDouble();
        System.out.printf("%s: %dx%d, %.0f s, %.0f frames%n", in.getFileName(), first.media().width(),
                first.media().height(), first.media().durationSeconds(), frames);
        System.out.printf("  %s; %.0f fps at the minimum%n", timed.ffmpeg().summary(), frames / timed.ffmpeg().min());
        System.out.printf("  %s%n", timed.ffmpegCpu().summary());
        for (var entry : timed.analyses().entrySet()) {
            DecodeProperties.SkipFrames mode = entry.getKey();
            GameAnalysis a = entry.getValue();
            BenchRuns chain = timed.chains().get(mode);
            BenchRuns cpu = timed.chainCpus().get(mode);
            System.out.printf("  skip-frames %s:%n", mode);
            System.out.printf("  %s (registered: %s); %.0f fps at the minimum%n", chain.summary(), register,
                    frames / chain.min());
            System.out.printf("  %s%n", cpu.summary());
            System.out.println("  " + chain.ratioTo(timed.ffmpeg()));
            System.out.println("  " + cpu.ratioTo(timed.ffmpegCpu()));
            scoreCuts(truth, a);
            scoreReplays(truth, a);
            scorePlayers(truth, a);
            scoreExcitement(truth, a);
            sameAsFirst(first, a);
        }
        System.out.println("  peak RSS of the bench's JVM (every mode): " + peakRss() + " (-Xmx"
                + Runtime.getRuntime().maxMemory() / (1 << 20) + "m)");
    }

    /**
     * The settings of {@code courtside.analysis.decode.skip-frames} to time, each against the same ffmpeg runs:
     * {@code -Dbench.modes=none,non-reference,bidirectional} (default: the one config/application.yaml sets).
     */
    static List<DecodeProperties.SkipFrames> modes() {
        String modes = System.getProperty("bench.modes", "");
        if (modes.isBlank()) {
            return List.of(DecodeProperties.defaults().skipFrames());
        }
        return java.util.Arrays.stream(modes.split(",")).map(m -> DecodeProperties.SkipFrames.valueOf(
                m.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'))).toList();
    }

    /** The analyser with config/application.yaml's settings and {@code mode} of skip-frames. */
    private static GameAnalyzer analyzer(DecodeProperties.SkipFrames mode) {
        DecodeProperties configured = DecodeProperties.defaults();
        return new GameAnalyzer(AnalysisProperties.defaults(), new DecodeProperties(configured.skipLoopFilter(),
                configured.audioThread(), mode));
    }

    /** Whether {@code a}'s timeline is {@code first}'s (the first mode's, none when it is timed). */
    private static void sameAsFirst(GameAnalysis first, GameAnalysis a) {
        System.out.printf("  the first mode's timeline: shots %s, transitions %s, replays %s, logo appearances %s,"
                        + " players %s, score states %s, excitement peaks %s%n",
                a.shots().equals(first.shots()), a.transitions().equals(first.transitions()),
                a.replays().equals(first.replays()), a.logoAppearances().equals(first.logoAppearances()),
                a.players().equals(first.players()), a.scores().states().equals(first.scores().states()),
                a.excitement().peaks(6).equals(first.excitement().peaks(6)));
    }

    /**
     * A score bug in a design the tests do not use (bottom centre, Dialog italic, a period and clock beside the
     * score, three-letter teams), at the given size, 40 s with a change every 4-7 s: score-state precision and
     * recall (a state counts when its score matches and its time is within 1 s), the final score, and the time
     * against ffmpeg's decode. {@code withoutBug}: the same game without the bug, to tell what reading it costs.
     */
    private static void scoresOnMadeFootage(Path out, int width, int height, boolean withoutBug) throws Exception {
        var design = new io.courtside.scoreboard.ScoreBugFootage.Design("bench", 
                io.courtside.scoreboard.ScoreBugFootage.Layout.ONE_LINE, false, true,
                new java.awt.Font("Dialog", java.awt.Font.BOLD | java.awt.Font.ITALIC, height / 22), 0.33);
        List<io.courtside.scoreboard.ScoreBugFootage.Change> changes = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(15);
        int a = 51;
        int b = 49;
        changes.add(new io.courtside.scoreboard.ScoreBugFootage.Change(0, a, b));
        for (double t = 4 + random.nextInt(4); t < 38; t += 4 + random.nextInt(4)) {
            if (random.nextBoolean()) {
                a += 1 + random.nextInt(3);
            } else {
                b += 1 + random.nextInt(3);
            }
            changes.add(new io.courtside.scoreboard.ScoreBugFootage.Change(t, a, b));
        }
        var script = new io.courtside.scoreboard.ScoreBugFootage.Script(width, height, 30, 40, design, "DEN", "PHX",
                changes, List.of(), List.of(), 0.8, 3);
        if (withoutBug) {
            script = script.withoutBug();
        }
        if (!java.nio.file.Files.exists(out)) {
            Path raw = out.resolveSibling(out.getFileName() + ".raw.mp4");
            io.courtside.scoreboard.ScoreBugFootage.write(script, raw);
            broadcastEncoded(raw, out, height >= 1080 ? "10M" : "6M");
            java.nio.file.Files.delete(raw);
        }
        Map<DecodeProperties.SkipFrames, GameAnalysis> analyses = scoreBug(out);
        GameAnalysis first = analyses.values().iterator().next();
        for (var entry : analyses.entrySet()) {
        GameAnalysis analysis = entry.getValue();
        System.out.println("  skip-frames " + entry.getKey() + ":");
        int hits = 0;
        for (var c : changes) {
            for (var s : analysis.scores().states()) {
                if (s.pointsOf("DEN") == c.a() && s.pointsOf("PHX") == c.b() && Math.abs(s.time() - c.time()) <= 1) {
                    hits++;
                    break;
                }
            }
        }
        print("score states", hits, analysis.scores().states().size(), changes.size());
        System.out.println("  final score: read " + (analysis.scores().last() == null ? "none"
                : analysis.scores().last().score()) + ", shown DEN=" + a + ", PHX=" + b);
        sameAsFirst(first, analysis);
        }
    }

    /** Analysis time against ffmpeg's decode (interleaved runs), and what the score bug showed, per mode. */
    private static Map<DecodeProperties.SkipFrames, GameAnalysis> scoreBug(Path in) throws Exception {
        long ocr0 = io.courtside.scoreboard.BugOcrPool.recognitions();
        double ocrCpu0 = io.courtside.scoreboard.BugOcrPool.recognitionCpuSeconds();
        Timed timed = interleaved(in, mode -> analyzer(mode).analyze(in, StageProgress.NONE));
        int analyses = (BenchRuns.count() + 1) * timed.analyses().size(); // and the warm-ups: alike
        GameAnalysis first = timed.analyses().values().iterator().next();
        System.out.printf("%s: %dx%d, %.1f s%n  %s%n  %s%n", in.getFileName(), first.media().width(),
                first.media().height(), first.media().durationSeconds(), timed.ffmpeg().summary(),
                timed.ffmpegCpu().summary());
        System.out.printf("  OCR per analysis: %.1f Tesseract recognitions, %.2f s CPU%n",
                (io.courtside.scoreboard.BugOcrPool.recognitions() - ocr0) / (double) analyses,
                (io.courtside.scoreboard.BugOcrPool.recognitionCpuSeconds() - ocrCpu0) / analyses);
        for (var entry : timed.analyses().entrySet()) {
            BenchRuns chain = timed.chains().get(entry.getKey());
            BenchRuns cpu = timed.chainCpus().get(entry.getKey());
            GameAnalysis a = entry.getValue();
            System.out.printf("  skip-frames %s:%n  %s%n  %s%n  %s%n  %s%n", entry.getKey(), chain.summary(),
                    cpu.summary(), chain.ratioTo(timed.ffmpeg()), cpu.ratioTo(timed.ffmpegCpu()));
            var t = a.scores();
            System.out.println("  score bug: " + (t.region() == null ? "none" : java.util.Arrays.toString(t.region().asArray()))
                    + ", teams " + t.teams() + ", hidden " + t.hidden().stream().map(java.util.Arrays::toString).toList());
            t.states().forEach(s -> System.out.printf("    %.2f s %s %s %s%n", s.time(), s.score(),
                    s.scoring() == null ? "" : s.scoring(),
                    java.util.Objects.toString(s.period(), "") + (s.games() == null ? "" : " games " + s.games())));
            t.clock().stream().limit(3).forEach(c -> System.out.println("    clock " + c));
            a.warnings().forEach(w -> System.out.println("  warning: " + w));
        }
        return timed.analyses();
    }

    /** One analysis of the file with a skip-frames mode. */
    @FunctionalInterface
    private interface Analysis {
        GameAnalysis run(DecodeProperties.SkipFrames mode) throws Exception;
    }

    /** Wall and CPU seconds of ffmpeg and of the chain per mode, and each mode's last analysis. */
    private record Timed(BenchRuns ffmpeg, BenchRuns ffmpegCpu, Map<DecodeProperties.SkipFrames, BenchRuns> chains,
                         Map<DecodeProperties.SkipFrames, BenchRuns> chainCpus,
                         Map<DecodeProperties.SkipFrames, GameAnalysis> analyses) {
    }

    /**
     * Times {@code analysis} in each of {@link #modes()} against ffmpeg's decode of {@code in}, after one warm-up
     * of each (natives, JIT), in interleaved runs (ffmpeg, then every mode, again and again) so a machine that gets
     * busier or quieter during the bench weighs on all sides alike. CPU: user+sys of the ffmpeg process (its
     * {@code -benchmark}), and of this JVM during the analysis (every thread: decoder, signals, audio, GC, JIT).
     */
    private static Timed interleaved(Path in, Analysis analysis) throws Exception {
        List<DecodeProperties.SkipFrames> modes = modes();
        Timed timed = new Timed(new BenchRuns("ffmpeg"), new BenchRuns("ffmpeg CPU"), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>());
        for (DecodeProperties.SkipFrames mode : modes) {
            analysis.run(mode);
            timed.chains().put(mode, new BenchRuns("chain"));
            timed.chainCpus().put(mode, new BenchRuns("chain CPU"));
        }
        ffmpegSeconds(in);
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < BenchRuns.count(); run++) {
            double[] ffmpeg = ffmpegSeconds(in);
            timed.ffmpeg().add(ffmpeg[0]);
            timed.ffmpegCpu().add(ffmpeg[1]);
            for (DecodeProperties.SkipFrames mode : modes) {
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                timed.analyses().put(mode, analysis.run(mode));
                timed.chains().get(mode).add((System.nanoTime() - t0) / 1e9);
                timed.chainCpus().get(mode).add((os.getProcessCpuTime() - cpu0) / 1e9);
            }
        }
        System.out.printf("  load average after the runs: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        return timed;
    }

    /**
     * {@code raw} encoded as the bench's other games are (bench/analysis-bench.sh's make_input) and as broadcasts
     * are: temporal noise, x264 veryfast at a broadcast bitrate, GOP 50, its default B-frames (3, pyramid). The made
     * footage itself is baseline H.264 at ~1.2 Mb/s, 87 % of its blocks skipped: FFmpeg decodes it in ~0.6 ms a
     * frame, so a ratio to that decode measures the chain's fixed per-frame cost, not a broadcast's.
     */
    private static void broadcastEncoded(Path raw, Path out, String bitrate) throws Exception {
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", raw.toString(),
                "-vf", "noise=alls=3:allf=t", "-c:v", "libx264", "-preset", "veryfast", "-b:v", bitrate, "-maxrate",
                bitrate, "-bufsize", bitrate, "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "copy", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg could not encode " + raw + ": " + output);
        }
    }

    /** {wall, user+sys CPU} seconds of {@code ffmpeg -i IN -an -f null -}. */
    private static double[] ffmpegSeconds(Path in) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-benchmark", "-i",
                in.toString(), "-an", "-f", "null", "-").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg failed on " + in + ": " + output);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("utime=([0-9.]+)s stime=([0-9.]+)s")
                .matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("ffmpeg -benchmark printed no times: " + output);
        }
        return new double[] {wall, Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2))};
    }

    private static void scoreCuts(JsonNode truth, GameAnalysis a) {
        double frame = 1 / truth.path("fps").asDouble();
        List<Double> found = a.shots().subList(1, a.shots().size()).stream().map(Shot::start).toList();
        int hits = 0;
        boolean[] used = new boolean[found.size()];
        for (JsonNode t : truth.path("transitions")) {
            double from = t.path("start").asDouble() - frame - 1e-6;
            double to = t.path("end").asDouble() + frame + 1e-6;
            for (int i = 0; i < found.size(); i++) {
                if (!used[i] && found.get(i) >= from && found.get(i) <= to) {
                    used[i] = true;
                    hits++;
                    break;
                }
            }
        }
        print("shot boundaries", hits, found.size(), truth.path("transitions").size());
    }

    private static void scoreReplays(JsonNode truth, GameAnalysis a) {
        int hits = 0;
        for (JsonNode r : truth.path("replays")) {
            for (Replay found : a.replays()) {
                if (Math.abs(found.start() - r.path("start").asDouble()) <= 0.25
                        && Math.abs(found.end() - r.path("end").asDouble()) <= 0.25) {
                    hits++;
                    break;
                }
            }
        }
        print("replays (ends within 0.25 s)", hits, a.replays().size(), truth.path("replays").size());
    }

    private static void scorePlayers(JsonNode truth, GameAnalysis a) {
        double fps = truth.path("fps").asDouble();
        long step = Math.round(fps / AnalysisProperties.defaults().facesPerSecond());
        int sampled = 0;
        int seen = 0;
        int correct = 0;
        for (PlayerSighting s : a.players()) {
            if (inAstronaut(truth, s.time())) {
                correct++;
            }
        }
        for (long f = 0; f < truth.path("frames").asLong(); f += step) {
            double t = f / fps;
            if (inAstronaut(truth, t)) {
                sampled++;
                if (a.players().stream().anyMatch(s -> Math.abs(s.time() - t) < 1e-3)) {
                    seen++;
                }
            }
        }
        long strangerFrames = 0;
        for (JsonNode face : truth.path("faces")) {
            if (!face.path("label").asText().equals("astronaut")) {
                strangerFrames += Math.round((face.path("end").asDouble() - face.path("start").asDouble()) * fps / step);
            }
        }
        System.out.printf("  registered player: precision %.3f (%d of %d sightings in her frames), recall %.3f (%d of"
                        + " %d sampled frames showing her); ~%d sampled frames of strangers, named: %d%n",
                a.players().isEmpty() ? 1.0 : correct / (double) a.players().size(), correct, a.players().size(),
                sampled == 0 ? 1.0 : seen / (double) sampled, seen, sampled, strangerFrames,
                a.players().size() - correct);
    }

    private static boolean inAstronaut(JsonNode truth, double t) {
        for (JsonNode face : truth.path("faces")) {
            if (face.path("label").asText().equals("astronaut") && t >= face.path("start").asDouble() - 1e-6
                    && t < face.path("end").asDouble() - 1e-6) {
                return true;
            }
        }
        return false;
    }

    private static void scoreExcitement(JsonNode truth, GameAnalysis a) {
        List<ExcitementTrack.Peak> peaks = a.excitement().peaks(6);
        int found = 0;
        for (JsonNode m : truth.path("loud")) {
            double s = m.path("start").asDouble();
            double e = s + m.path("duration").asDouble();
            if (peaks.stream().anyMatch(p -> p.start() < e && p.end() > s)) {
                found++;
            }
        }
        int right = 0;
        for (ExcitementTrack.Peak p : peaks) {
            for (JsonNode m : truth.path("loud")) {
                double s = m.path("start").asDouble();
                if (p.start() < s + m.path("duration").asDouble() + 0.5 && p.end() > s - 0.5) {
                    right++;
                    break;
                }
            }
        }
        print("crowd bursts (excitement >= 6 dB)", found, peaks.size(), truth.path("loud").size(), right);
    }

    private static void print(String signal, int hits, int found, int truth) {
        print(signal, hits, found, truth, hits);
    }

    private static void print(String signal, int recalled, int found, int truth, int correct) {
        System.out.printf("  %s: precision %.3f (%d of %d found), recall %.3f (%d of %d)%n", signal,
                found == 0 ? 1.0 : correct / (double) found, correct, found,
                truth == 0 ? 1.0 : recalled / (double) truth, recalled, truth);
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " ").substring(7))
                .findFirst().orElse("unknown");
    }
}
