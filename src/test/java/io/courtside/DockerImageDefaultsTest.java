package io.courtside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The image runs every default: each file or program that config/application.yaml names by absolute path
 * (caption fonts, espeak-ng...) is provided by docker/Dockerfile's runtime stage, through one of its apt packages
 * (which package holds a file is asked of dpkg, as installed by .ci/run) or a COPY line. Docker cannot run here,
 * so the Dockerfile is read rather than built.
 */
class DockerImageDefaultsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^:}]+:([^}]*)}");

    @Test
    void everyFileAndProgramTheDefaultsNameIsInTheImage() throws Exception {
        Map<String, String> named = absolutePaths(new Yaml().load(Files.readString(Path.of("config/application.yaml"))));
        // The defaults this test exists for: if they move, this test must move with them. (The caption fonts,
        // fonts.default and fonts.zh, are shipped in the jar and written into the data dir: not the image's business.)
        assertThat(named).containsKey("courtside.commentary.voice.espeak-path")
                .doesNotContainKeys("courtside.commentary.fonts.default", "courtside.commentary.fonts.zh");

        Image image = Image.read(Path.of("docker/Dockerfile"));
        assertThat(image.aptPackages()).as("the runtime stage's apt-get install").isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> entry : named.entrySet()) {
            String file = entry.getValue();
            if (image.copied(file)) {
                continue;
            }
            String owner = debianPackageOf(file);
            if (owner == null) {
                missing.add(entry.getKey() + " = " + file + ": no Debian package here holds it (install the package"
                        + " that provides it, as .ci/run does, so this test can tell which one the image needs)");
            } else if (!image.aptPackages().contains(owner)) {
                missing.add(entry.getKey() + " = " + file + ": add the apt package " + owner
                        + " to docker/Dockerfile's runtime stage");
            }
        }
        assertThat(missing).as("defaults the image does not provide").isEmpty();
    }

    @Test
    void theImageCarriesTheOcrDataForScoreboards() throws Exception {
        assertThat(Image.read(Path.of("docker/Dockerfile")).aptPackages())
                .contains("tesseract-ocr-eng", "tesseract-ocr-chi-sim");
    }

    /** Every string default that is an absolute path, by its dotted key; ${VAR:default} counts as its default. */
    static Map<String, String> absolutePaths(Object yaml) {
        Map<String, String> found = new LinkedHashMap<>();
        walk("", yaml, found);
        return found;
    }

    private static void walk(String key, Object node, Map<String, String> found) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(key.isEmpty() ? String.valueOf(k) : key + "." + k, v, found));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(key + "[" + i + "]", list.get(i), found);
            }
        } else if (node instanceof String text) {
            Matcher placeholder = PLACEHOLDER.matcher(text);
            String value = placeholder.matches() ? placeholder.group(1) : text;
            if (value.startsWith("/") && !value.startsWith("//") && !value.contains(" ")) {
                found.put(key, value);
            }
        }
    }

    /** The Debian package that holds this file on this machine (dpkg -S), or null. */
    static String debianPackageOf(String file) throws IOException, InterruptedException {
        Process dpkg = new ProcessBuilder("dpkg", "-S", file).redirectErrorStream(true).start();
        String answer = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!dpkg.waitFor(30, TimeUnit.SECONDS) || dpkg.exitValue() != 0) {
            return null;
        }
        // "fonts-dejavu-core: /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf" (maybe "pkg:amd64: ...")
        return answer.lines().findFirst().map(line -> line.substring(0, line.indexOf(": ")).replaceFirst(":.*", ""))
                .orElse(null);
    }

    /** What the Dockerfile's last stage (the image that runs) installs and copies. */
    record Image(Set<String> aptPackages, List<String> copyDestinations, String workdir) {

        static Image read(Path dockerfile) throws IOException {
            String text = Files.readString(dockerfile).replaceAll("\\\\\\s*\\n", " ");
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.startsWith("#")).toList();
            int from = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith("FROM ")) {
                    from = i;
                }
            }
            Set<String> packages = new LinkedHashSet<>();
            List<String> copies = new ArrayList<>();
            String workdir = "/";
            for (String line : lines.subList(from, lines.size())) {
                if (line.startsWith("WORKDIR ")) {
                    workdir = line.substring(8).trim();
                } else if (line.startsWith("COPY ")) {
                    String[] words = line.split("\\s+");
                    String dest = words[words.length - 1];
                    copies.add(dest.startsWith("/") ? dest : workdir + "/" + dest.replaceFirst("^\\./", ""));
                } else if (line.startsWith("RUN ")) {
                    for (String command : line.substring(4).split("&&|;")) {
                        String[] words = command.trim().split("\\s+");
                        int install = List.of(words).indexOf("install");
                        if (words.length > 0 && words[0].matches("apt-get|apt") && install > 0) {
                            for (String word : List.of(words).subList(install + 1, words.length)) {
                                if (!word.startsWith("-")) {
                                    packages.add(word.replaceFirst("=.*", ""));
                                }
                            }
                        }
                    }
                }
            }
            return new Image(packages, copies, workdir);
        }

        boolean copied(String file) {
            return copyDestinations.stream().anyMatch(dest -> file.equals(dest)
                    || file.startsWith(dest.endsWith("/") ? dest : dest + "/"));
        }
    }
}
