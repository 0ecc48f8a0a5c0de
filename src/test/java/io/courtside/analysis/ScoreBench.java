package io.courtside.analysis;

import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.BugLayout;
import io.courtside.scoreboard.ScoreBugFootage;
import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.selection.ScoreBugProfile;

/**
 * The score bug's bench (bench/score-bench.sh):
 * <ul>
 *   <li>{@code footage EXPECTED.txt DIR}: each clip of {@code DIR} named in {@code EXPECTED.txt} (what its bug shows,
 *   read by eye: bench/score-footage.txt) is analysed once; prints what Courtside read (region, teams, states with
 *   their times) beside what the bug shows, and whether the teams, the final score and the columns match;</li>
 *   <li>{@code designs DIR W H}: three bug designs no test uses (games in panels top right in a monospaced font in
 *   one continuous pan; tennis sets top left under a crawl; two rows bottom right in serif italic whose rows swap,
 *   in a pan with a crawl), 30 s each with a change every 3-6 s: score-state precision and recall (a state counts
 *   when its score and columns match and its time is within 1 s) and the final score.</li>
 * </ul>
 */
public final class ScoreBench {

    private ScoreBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("footage")) {
            footage(Path.of(args[1]), Path.of(args[2]));
        } else if (args.length == 4 && args[0].equals("designs")) {
            designs(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
        } else {
            System.err.println("usage: footage EXPECTED.txt DIR | designs OUTDIR W H");
            System.exit(2);
        }
    }

    private static String plain(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    private static void footage(Path expected, Path dir) throws Exception {
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        int clips = 0;
        int found = 0;
        int teamsRight = 0;
        int finalRight = 0;
        int invented = 0;
        for (String line : Files.readAllLines(expected)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|");
            Path clip = dir.resolve(f[0].trim());
            if (!Files.exists(clip)) {
                System.out.println(f[0].trim() + ": not in " + dir + ", skipped");
                continue;
            }
            clips++;
            String sport = f[1].trim();
            String a = f[2].trim();
            String b = f[3].trim();
            int sa = Integer.parseInt(f[4].trim());
            int sb = Integer.parseInt(f[5].trim());
            String columns = f[6].trim();
            BugLayout layout = layout(sport);
            long t0 = System.nanoTime();
            long ocr0 = io.courtside.scoreboard.BugOcrPool.recognitions();
            double ocrCpu0 = io.courtside.scoreboard.BugOcrPool.recognitionCpuSeconds();
            GameAnalysis analysis = analyzer.analyze(clip, RegisteredMedia.NONE, StageProgress.NONE, BOUNDS, layout);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long ocrCalls = io.courtside.scoreboard.BugOcrPool.recognitions() - ocr0;
            double ocrCpu = io.courtside.scoreboard.BugOcrPool.recognitionCpuSeconds() - ocrCpu0;
            ScoreTimeline t = analysis.scores();
            System.out.printf("%s (%s%s, %.1f s of video, analysed in %.1f s)%n  shows: %s %d, %s %d%s%n",
                    clip.getFileName(), sport, layout.equals(BugLayout.GUESS) ? ": no score-bug profile, columns guessed" : "",
                    analysis.media().durationSeconds(), seconds, a, sa, b, sb, columns.equals("-") ? "" : " (" + columns + ")");
            System.out.printf("  OCR: %d Tesseract recognitions, %.2f s CPU%n", ocrCalls, ocrCpu);
            System.out.println("  read:  region " + (t.region() == null ? "none" : java.util.Arrays.toString(t.region().asArray()))
                    + ", teams " + t.teams());
            for (ScoreState s : t.states()) {
                System.out.printf("    %.2f s %s%s%n", s.time(), s.score(), (s.period() == null ? "" : " " + s.period()) + (s.games() == null ? "" : " " + s.games()));
            }
            analysis.warnings().stream().filter(w -> w.contains("score bug")).forEach(w -> System.out.println("  warning: " + w));
            if (!t.found()) {
                continue;
            }
            found++;
            boolean teams = t.teams().size() == 2 && plain(t.teams().get(0)).equals(plain(a))
                    && plain(t.teams().get(1)).equals(plain(b));
            teamsRight += teams ? 1 : 0;
            ScoreState last = t.last();
            List<Integer> read = new ArrayList<>(last.score().values());
            boolean fin = read.equals(List.of(sa, sb)) && (columns.equals("-") || columns.equals(last.games()));
            finalRight += fin ? 1 : 0;
            for (ScoreState s : t.states()) {
                if (!new ArrayList<>(s.score().values()).equals(List.of(sa, sb))) {
                    invented++;
                }
            }
            System.out.println("  teams " + (teams ? "right" : "wrong") + ", final score " + (fin ? "right" : "wrong"));
        }
        System.out.printf("footage: %d clips, bug found in %d, teams right in %d, final score (and columns) right in %d,"
                + " %d states not shown%n", clips, found, teamsRight, finalRight, invented);
    }

    /** Replay lengths do not matter here: no logos are registered. */
    private static final ReplayBounds BOUNDS = new ReplayBounds(2.5, 20);

    /** The score-bug block of config/sports/SPORT.yaml (as the build copies it), or a guess without one. */
    static BugLayout layout(String sport) throws java.io.IOException {
        try (java.io.InputStream in = ScoreBench.class.getClassLoader().getResourceAsStream("sports/" + sport + ".yaml")) {
            return in == null ? BugLayout.GUESS : ScoreBugProfile.read(in, sport + ".yaml");
        }
    }

    private static void designs(Path dir, int width, int height) throws Exception {
        Files.createDirectories(dir);
        float size = height / 24f;
        run(dir.resolve("bench-panels.mp4"), ScoreBugFootage.script(
                new Design("bench-panels", Layout.PANELS, true, false, new Font("Monospaced", Font.BOLD, (int) size), 0.62),
                30, "WANG Chuqin", "HARIMOTO Tomokazu", changes(5, true, false)).continuousPan().sized(width, height, 25),
                "pingpong");
        run(dir.resolve("bench-sets.mp4"), ScoreBugFootage.script(
                new Design("bench-sets", Layout.SETS, true, true, new Font("Dialog", Font.BOLD, (int) size), 0.03),
                30, "SINNER", "ALCARAZ", changes(6, false, true)).withTicker().sized(width, height, 30), "tennis");
        run(dir.resolve("bench-swap.mp4"), ScoreBugFootage.script(
                new Design("bench-swap", Layout.TWO_LINES, false, true,
                        new Font("Serif", Font.BOLD | Font.ITALIC, (int) (size * 1.1)), 0.72),
                30, "BOS", "MIL", changes(7, false, false)).continuousPan().withTicker().swappedFrom(14.2)
                .sized(width, height, 30), "basketball");
    }

    /** A change every 3-6 s; table tennis: points to 11 then a new game; tennis: 0 15 30 40 then a new game. */
    private static List<Change> changes(long seed, boolean tableTennis, boolean tennis) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Change> out = new ArrayList<>();
        int a = tableTennis || tennis ? 0 : 60 + random.nextInt(20);
        int b = tableTennis || tennis ? 0 : 60 + random.nextInt(20);
        int ga = 1;
        int gb = 1;
        int[] tennisPoints = {0, 15, 30, 40};
        int pa = 0;
        int pb = 0;
        for (double t = 0; t < 28; t += 3 + random.nextInt(4)) {
            if (!out.isEmpty()) {
                boolean first = random.nextBoolean();
                if (tennis) {
                    if (first) { pa++; } else { pb++; }
                    if (pa > 3 || pb > 3) {
                        ga += pa > 3 ? 1 : 0;
                        gb += pb > 3 ? 1 : 0;
                        pa = 0;
                        pb = 0;
                    }
                    a = tennisPoints[pa];
                    b = tennisPoints[pb];
                } else if (tableTennis) {
                    a += first ? 1 : 0;
                    b += first ? 0 : 1;
                    if (a == 11 || b == 11) {
                        ga += a == 11 ? 1 : 0;
                        gb += b == 11 ? 1 : 0;
                        a = 0;
                        b = 0;
                    }
                } else {
                    a += first ? 1 + random.nextInt(3) : 0;
                    b += first ? 0 : 1 + random.nextInt(3);
                }
            }
            out.add(tennis ? new Change(t, a, b, ga, gb, 1, 0) : new Change(t, a, b, ga, gb));
        }
        return out;
    }

    private static void run(Path video, ScoreBugFootage.Script script, String sport) throws Exception {
        if (!Files.exists(video)) {
            ScoreBugFootage.write(script, video);
        }
        long ocr0 = io.courtside.scoreboard.BugOcrPool.recognitions();
        double ocrCpu0 = io.courtside.scoreboard.BugOcrPool.recognitionCpuSeconds();
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(video, RegisteredMedia.NONE,
                StageProgress.NONE, BOUNDS, layout(sport));
        ScoreTimeline t = analysis.scores();
        long ocrCalls = io.courtside.scoreboard.BugOcrPool.recognitions() - ocr0;
        double ocrCpu = io.courtside.scoreboard.BugOcrPool.recognitionCpuSeconds() - ocrCpu0;
        String a = script.teamA();
        String b = script.teamB();
        Layout layout = script.design().layout();
        int hits = 0;
        for (Change c : script.changes()) {
            String columns = layout == Layout.PANELS ? c.gamesA() + "-" + c.gamesB()
                    : layout == Layout.SETS ? c.setsA() + "-" + c.setsB() + " " + c.gamesA() + "-" + c.gamesB() : null;
            for (ScoreState s : t.states()) {
                if (s.pointsOf(a) == c.a() && s.pointsOf(b) == c.b() && Math.abs(s.time() - c.time()) <= 1
                        && (columns == null || columns.equals(s.games()))) {
                    hits++;
                    break;
                }
            }
        }
        System.out.printf("%s (%s, %s, %dx%d): teams read %s%n", video.getFileName(), script.design().name(), sport,
                script.width(), script.height(), t.teams());
        System.out.printf("  OCR: %d Tesseract recognitions, %.2f s CPU%n", ocrCalls, ocrCpu);
        System.out.printf("  score states: precision %.3f (%d of %d found), recall %.3f (%d of %d)%n",
                t.states().isEmpty() ? 1.0 : hits / (double) t.states().size(), hits, t.states().size(),
                hits / (double) script.changes().size(), hits, script.changes().size());
        Change last = script.changes().get(script.changes().size() - 1);
        System.out.println("  final score: read " + (t.last() == null ? "none" : t.last().score() + " " + t.last().games())
                + ", shown " + a + "=" + last.a() + ", " + b + "=" + last.b());
    }
}
