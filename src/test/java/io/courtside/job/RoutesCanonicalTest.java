package io.courtside.job;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The route files users edit are in Camel's canonical YAML notation: Camel 4.22 warns at every start about a file in
 * the compact one ("YAML DSL compact notation detected"), and tooling reads the canonical one.
 */
class RoutesCanonicalTest {

    @Test
    void everyRouteFileLoadsWithoutTheCompactNotationWarning() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("routes"))) {
            files = listing.filter(p -> p.toString().endsWith(".camel.yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(9);

        Logger yamlDsl = (Logger) LoggerFactory.getLogger("org.apache.camel.dsl.yaml");
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        yamlDsl.addAppender(warnings);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            for (Path file : files) {
                PluginHelper.getRoutesLoader(camel)
                        .loadRoutes(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
            }
            // loading parsed every file: all the route ids are there
            assertThat(camel.getRouteDefinitions()).hasSizeGreaterThanOrEqualTo(files.size() - 1);
        } finally {
            yamlDsl.detachAppender(warnings);
        }
        assertThat(warnings.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(message -> message.contains("compact notation"))
                .isEmpty();
    }
}
