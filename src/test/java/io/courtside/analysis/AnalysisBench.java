package io.courtside.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.courtside.job.StageProgress;

/**
 * Times the analysis chain on the given files: {@code java ... io.courtside.analysis.AnalysisBench IN.mp4...}.
 * Each file runs twice (the first pays for loading natives and JIT); prints one line per run and the JVM's
 * peak RSS. Not a test: bench/analysis-bench.sh runs it beside {@code ffmpeg -f null}.
 */
public final class AnalysisBench {

    private AnalysisBench() {
    }

    public static void main(String[] args) throws IOException {
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        for (String arg : args) {
            Path file = Path.of(arg);
            for (int run = 1; run <= 2; run++) {
                long t0 = System.nanoTime();
                GameAnalysis a = analyzer.analyze(file, StageProgress.NONE);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double frames = Math.round(a.media().durationSeconds() * a.media().frameRate());
                System.out.printf("chain %s run %d: %dx%d %.0f frames in %.2f s = %.0f fps; %d shots, %d gradual%n",
                        file.getFileName(), run, a.media().width(), a.media().height(), frames, seconds,
                        frames / seconds, a.shots().size(),
                        a.transitions().stream().filter(t -> t.kind() != Transition.Kind.CUT).count());
            }
        }
        System.out.println("chain peak RSS: " + peakRss());
    }

    private static String peakRss() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).map(l -> l.replaceAll("\\s+", " ").substring(7))
                .findFirst().orElse("unknown");
    }
}
