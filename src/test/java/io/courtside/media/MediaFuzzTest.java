package io.courtside.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.StageProgress;
import io.courtside.kernel.FitMode;
import io.courtside.render.HighlightRenderer;
import io.courtside.kernel.RenderSpec;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the probe and the decode pass over mutated MP4s (bit flips, truncations, corrupted box
 * headers, zeroed and repeated ranges), in process, as a job runs them: each mutant ends in an analysis or a
 * JobFailure with a code, within a bounded time; none crashes the JVM, hangs or escapes as another exception.
 * {@code -Dcourtside.fuzz.count=1000 -Dcourtside.fuzz.seed=...} runs a longer campaign.
 */
class MediaFuzzTest {

    private static final int COUNT = Integer.getInteger("courtside.fuzz.count", 400);
    private static final long SEED = Long.getLong("courtside.fuzz.seed", 20261124L);
    private static final Duration PER_FILE = Duration.ofSeconds(30);
    /** Also render a clip of each mutant that analysed ({@code -Dcourtside.fuzz.render=true}; off in CI for time). */
    private static final boolean RENDER = Boolean.getBoolean("courtside.fuzz.render");

    @TempDir
    Path dir;

    @Test
    void mutatedVideosEndInAnAnalysisOrAJobFailure() throws Exception {
        Path original = new SyntheticGame.Script(160, 90, 25, List.of(1.2, 0.8), List.of())
                .write(dir.resolve("seed.mp4")).file();
        byte[] bytes = Files.readAllBytes(original);
        MediaProbe probe = new MediaProbe(MediaProbeTest.DEFAULTS);
        GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());
        HighlightRenderer renderer = new HighlightRenderer();
        MediaProperties limits = new MediaProperties(MediaProbeTest.DEFAULTS.formats(),
                Duration.ofHours(4), 7680, 4320, 16, 240, 10, Duration.ofSeconds(10), Duration.ofMinutes(2));
        DecodeBudget budget = new DecodeBudget(limits, NativeStallWatchdogTest.recording());
        Random random = new Random(SEED);
        Map<String, Integer> outcomes = new TreeMap<>();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        long started = System.nanoTime();
        long slowest = 0;
        try {
            for (int i = 0; i < COUNT; i++) {
                String kind = KINDS[i % KINDS.length];
                Path mutant = dir.resolve("mutant.mp4");
                Files.write(mutant, mutate(bytes, kind, random));
                long t0 = System.nanoTime();
                Future<String> run = pool.submit(() -> {
                    try {
                        ProbedMedia media = probe.probe(mutant);
                        var analysis = analyzer.analyze(mutant, budget.bound(StageProgress.NONE, media.durationSeconds()));
                        if (RENDER) {
                            double end = Math.min(1.5, analysis.media().durationSeconds());
                            renderer.render(mutant, new HighlightPlan(0, List.of(new Segment(0, end, "fuzz", null))),
                                    new RenderSpec(160, 90, FitMode.CROP, "ultrafast", 30), dir.resolve("out.mp4"),
                                    budget.bound(StageProgress.NONE, end));
                            return "rendered";
                        }
                        return "analysed";
                    } catch (JobFailure failure) {
                        return failure.code();
                    }
                });
                String outcome;
                try {
                    outcome = run.get(PER_FILE.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException hung) {
                    Files.copy(mutant, dir.resolveSibling("hung-" + SEED + "-" + i + ".mp4"));
                    throw new AssertionError("mutant " + i + " (" + kind + ", seed " + SEED + ") still decoding after "
                            + PER_FILE, hung);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new AssertionError("mutant " + i + " (" + kind + ", seed " + SEED
                            + ") ended in neither an analysis nor a JobFailure", e.getCause());
                }
                slowest = Math.max(slowest, System.nanoTime() - t0);
                outcomes.merge(kind + " -> " + outcome, 1, Integer::sum);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("FUZZ %d mutants (seed %d) in %.1f s, slowest %.2f s: %s%n", COUNT, SEED,
                (System.nanoTime() - started) / 1e9, slowest / 1e9, outcomes);
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(COUNT);
        assertThat(outcomes.keySet()).allSatisfy(o -> assertThat(o).matches(".* -> (analysed|rendered|InvalidParameter.ResourceContentBad|Render.Failed|Media.DecodeTimeout)"));
    }

    private static final String[] KINDS = {"bitflips", "truncate", "box-header", "zero-range", "repeat-range", "byte-noise"};

    static byte[] mutate(byte[] original, String kind, Random random) {
        byte[] b = original.clone();
        switch (kind) {
            case "bitflips" -> {
                int flips = 1 + random.nextInt(32);
                for (int k = 0; k < flips; k++) {
                    int at = random.nextInt(b.length);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case "truncate" -> b = Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
            case "box-header" -> {
                // Corrupt the size or type of an MP4 box (ftyp, moov, trak, stsz, stco, mdat, ...).
                List<Integer> boxes = boxOffsets(b);
                int at = boxes.get(random.nextInt(boxes.size()));
                int field = random.nextInt(8);
                int[] values = {0, 1, 0xFF, 0x7F, random.nextInt(256)};
                b[at + field] = (byte) values[random.nextInt(values.length)];
                if (random.nextBoolean()) { // and a table entry nearby
                    int near = Math.min(b.length - 1, at + 8 + random.nextInt(64));
                    b[near] = (byte) random.nextInt(256);
                }
            }
            case "zero-range" -> {
                int from = random.nextInt(b.length);
                Arrays.fill(b, from, Math.min(b.length, from + 1 + random.nextInt(4096)), (byte) 0);
            }
            case "repeat-range" -> {
                int from = random.nextInt(b.length / 2);
                int length = 1 + random.nextInt(Math.min(8192, b.length - from - 1));
                int to = random.nextInt(b.length - length);
                System.arraycopy(original, from, b, to, length);
            }
            default -> {
                int from = random.nextInt(b.length);
                for (int k = from; k < Math.min(b.length, from + 1 + random.nextInt(256)); k++) {
                    b[k] = (byte) random.nextInt(256);
                }
            }
        }
        return b;
    }

    /** Offsets of the box headers found by walking the box tree (containers descended into). */
    static List<Integer> boxOffsets(byte[] b) {
        List<Integer> offsets = new java.util.ArrayList<>();
        walk(b, 0, b.length, offsets);
        return offsets.isEmpty() ? List.of(0) : offsets;
    }

    private static void walk(byte[] b, int from, int to, List<Integer> offsets) {
        int at = from;
        while (at + 8 <= to) {
            long size = ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            String type = new String(b, at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (size < 8 || at + size > to) {
                return;
            }
            offsets.add(at);
            if (List.of("moov", "trak", "mdia", "minf", "stbl", "edts", "dinf").contains(type)) {
                walk(b, at + 8, (int) (at + size), offsets);
            }
            at += (int) size;
        }
    }
}
