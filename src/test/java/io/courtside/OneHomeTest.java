package io.courtside;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each rule has one home (issue 12): the spelling that marks it appears in the main sources in that one file only.
 * A second copy of a rule (a new parse of NotifyAddress, another "InvalidParameter" literal...) fails here.
 */
class OneHomeTest {

    private static final Path MAIN = Path.of(System.getProperty("courtside.sources", "src/main/java/io/courtside"));

    /** What marks the rule -> the files allowed to spell it. */
    private static final Map<String, List<String>> HOMES = Map.of(
            "\"InvalidParameter", List.of("kernel/ApiErrorCode.java"),
            ".get(\"NotifyAddress\")", List.of(),
            "\"NotifyAddress\"", List.of("kernel/JobSpec.java", "cli/CourtsideCli.java"),
            "bytes (courtside.input.max-bytes)", List.of("storage/InputProperties.java"),
            "\".vtt\"", List.of("kernel/JobRun.java"),
            ".put(t.originalName(), t.transferName())", List.of("kernel/JobSpec.java"),
            "<< Math.min(", List.of(),
            "getMessage().startsWith(", List.of());

    @Test
    void eachRuleIsSpelledInItsHomeOnly() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String name = MAIN.relativize(file).toString();
                HOMES.forEach((mark, homes) -> {
                    if (source.contains(mark)) {
                        assertThat(homes).as("%s spells %s, whose home is %s", name, mark, homes).contains(name);
                    }
                });
            }
        }
    }
}
