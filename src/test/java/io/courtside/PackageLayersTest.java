package io.courtside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of README's map of the code, kept true: every io.courtside package sits on a named layer
 * and uses (by import or by fully qualified name) only packages on layers below its own, so no cycle can form.
 * A new package must be given a layer here (and a line in README's map).
 */
class PackageLayersTest {

    /** Bottom to top. A package may use packages of lower layers only, never its own layer's other packages. */
    static final List<Set<String>> LAYERS = List.of(
            Set.of("kernel"),                                // the job's own types; imports nothing of Courtside
            Set.of("config"),                                // process-wide settings (database credentials)
            Set.of("egress", "tenancy", "broker"),           // outbound-address guard, key scopes, the broker
            Set.of("media", "storage"),                      // stages: decoding, object store and web inputs
            Set.of("scoreboard"),                            // stage: the score bug
            Set.of("analysis"),                              // stage: what happens in the game
            Set.of("selection"),                             // stage: which moments make the highlights
            Set.of("commentary"),                            // stage: captions and voice-over
            Set.of("render"),                                // stage: the highlight video
            Set.of("notify"),                                // stage: callbacks
            Set.of("job"),                                   // coordination: the job's life over the stages
            Set.of("api"),                                   // entry: the RPC API
            Set.of("security"),                              // entry: authentication, limits, the API's gate
            Set.of("console", "monitoring", "worker", "cli"), // entry points over the API and the jobs
            Set.of("demo"),                                  // the demo job, over the CLI
            Set.of(""));                                     // io.courtside itself: the application class

    private static final Path MAIN = Path.of(System.getProperty("courtside.sources", "src/main/java/io/courtside"));
    private static final Pattern USE = Pattern.compile("\\bio\\.courtside\\.([a-z][a-z0-9]*)\\.[A-Za-z]");

    @Test
    void everyPackageImportsOnlyLayersBelowIt() throws IOException {
        Map<String, Integer> layerOf = layerOf();
        Map<String, Map<String, List<String>>> uses = uses();
        assertThat(new TreeSet<>(uses.keySet())).as("packages without a layer in PackageLayersTest.LAYERS")
                .allSatisfy(p -> assertThat(layerOf).containsKey(p));
        List<String> upward = new ArrayList<>();
        uses.forEach((from, targets) -> targets.forEach((to, files) -> {
            if (!layerOf.containsKey(to)) {
                upward.add(from + " -> " + to + " (no layer) in " + files);
            } else if (layerOf.get(to) >= layerOf.get(from)) {
                upward.add(from + " -> " + to + " in " + files);
            }
        }));
        assertThat(upward).as("imports that do not point down the layers").isEmpty();
    }

    @Test
    void noPackageCycle() throws IOException {
        Map<String, Map<String, List<String>>> uses = uses();
        List<String> cycles = new ArrayList<>();
        for (String start : uses.keySet()) {
            findCycle(start, start, uses, new ArrayList<>(List.of(start)), new HashSet<>(), cycles);
        }
        assertThat(cycles).as("package cycles").isEmpty();
    }

    @Test
    void theCheckSeesAnUpwardImportAndACycle() {
        // The reading of the sources, tried on lines such as a cycle would add.
        Matcher m = USE.matcher("import io.courtside.api.RpcApi;\nx = io.courtside.job.JobStore.find();");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertThat(found).containsExactly("api", "job");
        Map<String, Integer> layerOf = layerOf();
        assertThat(layerOf.get("api")).isGreaterThan(layerOf.get("storage"));
        List<String> cycles = new ArrayList<>();
        Map<String, Map<String, List<String>>> knot = Map.of(
                "storage", Map.of("security", List.of("a")), "security", Map.of("storage", List.of("b")));
        findCycle("storage", "storage", knot, new ArrayList<>(List.of("storage")), new HashSet<>(), cycles);
        assertThat(cycles).containsExactly("storage -> security -> storage");
    }

    private static void findCycle(String start, String at, Map<String, Map<String, List<String>>> uses,
                                  List<String> path, Set<String> seen, List<String> cycles) {
        for (String next : uses.getOrDefault(at, Map.of()).keySet()) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (seen.add(next)) {
                path.add(next);
                findCycle(start, next, uses, path, seen, cycles);
                path.remove(path.size() - 1);
            }
        }
    }

    private static Map<String, Integer> layerOf() {
        Map<String, Integer> layerOf = new LinkedHashMap<>();
        for (int i = 0; i < LAYERS.size(); i++) {
            for (String p : LAYERS.get(i)) {
                layerOf.put(p, i);
            }
        }
        return layerOf;
    }

    /** package -> package it uses -> the files that do, from the main sources. */
    private static Map<String, Map<String, List<String>>> uses() throws IOException {
        Map<String, Map<String, List<String>>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = MAIN.relativize(file);
                String from = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
                uses.computeIfAbsent(from, k -> new TreeMap<>());
                String source = Files.readString(file).replaceFirst("(?m)^package .*;", "");
                Matcher m = USE.matcher(source);
                while (m.find()) {
                    if (!m.group(1).equals(from)) {
                        List<String> where = uses.get(from).computeIfAbsent(m.group(1), k -> new ArrayList<>());
                        if (!where.contains(relative.toString())) {
                            where.add(relative.toString());
                        }
                    }
                }
            }
        }
        return uses;
    }
}
