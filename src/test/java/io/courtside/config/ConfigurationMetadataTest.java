package io.courtside.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Every courtside.* key of config/application.yaml is known to the IDE: spring-boot-configuration-processor wrote it
 * (from a feature's @ConfigurationProperties record) or additional-spring-configuration-metadata.json declares it
 * (keys read with @Value or in routes), into target/classes/META-INF/spring-configuration-metadata.json.
 */
class ConfigurationMetadataTest {

    @Test
    void everyCourtsideKeyHasMetadata() throws Exception {
        JsonNode metadata = new ObjectMapper().readTree(
                Files.readString(Path.of("target/classes/META-INF/spring-configuration-metadata.json")));
        Set<String> known = new HashSet<>();
        metadata.get("properties").forEach(p -> known.add(p.get("name").asText()));
        assertThat(known).as("metadata of the records").contains("courtside.callbacks.retry-delay",
                "courtside.analysis.cut-ratio", "courtside.storage.endpoint");

        var yaml = new YamlPropertySourceLoader().load("application", new FileSystemResource("config/application.yaml"));
        List<String> missing = new ArrayList<>();
        for (var source : yaml) {
            for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                if (key.startsWith("courtside.") && !described(key.replaceAll("\\[\\d+]$", ""), known)) {
                    missing.add(key);
                }
            }
        }
        assertThat(missing).as("courtside.* keys of config/application.yaml without metadata").isEmpty();
    }

    /** The key itself, or a map-valued key it is an entry of (courtside.commentary.fonts.zh under ...fonts). */
    private static boolean described(String key, Set<String> known) {
        for (String k = key; k.contains("."); k = k.substring(0, k.lastIndexOf('.'))) {
            if (known.contains(k)) {
                return true;
            }
        }
        return false;
    }
}
