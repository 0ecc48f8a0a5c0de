package io.courtside.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.media.MediaProperties;
import io.courtside.notify.CallbackProperties;
import io.courtside.storage.StorageRetries;
import io.courtside.worker.WorkerIsolation;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;
import org.yaml.snakeyaml.Yaml;

/**
 * The configuration convention (README, "Configuration convention"): each default is written once, in
 * config/application.yaml (which the jar carries); the records hold validation only. So every component of these
 * records has its key in the yaml (nothing is defaulted in code silently), no component declares a
 * {@code @DefaultValue}, and {@code defaults()} is the record bound from that yaml.
 */
class ConfigurationDefaultsTest {

    /** The records that declared their defaults in code before the yaml became the one place. */
    static final List<Class<? extends Record>> RECORDS = List.of(AnalysisProperties.class, MediaProperties.class,
            CommentaryProperties.class, StorageRetries.class, CallbackProperties.class, WorkerIsolation.class,
            io.courtside.analysis.DecodeProperties.class);

    @Test
    void everyRecordComponentHasItsKeyInTheYaml() throws Exception {
        Set<String> keys = yamlKeys();
        for (Class<? extends Record> record : RECORDS) {
            assertThat(missingKeys(prefix(record), record, keys))
                    .as("components of %s without a key in config/application.yaml", record.getSimpleName())
                    .isEmpty();
        }
    }

    @Test
    void noRecordDeclaresADefaultInCode() {
        List<String> declared = new ArrayList<>();
        for (Class<? extends Record> record : RECORDS) {
            collectDefaultValues(record, declared);
        }
        assertThat(declared).as("components with a @DefaultValue (write the default in config/application.yaml)")
                .isEmpty();
    }

    @Test
    void defaultsAreTheRecordsBoundFromTheYaml() throws Exception {
        Binder fromYaml = Binder.get(yamlEnvironment());
        for (Class<? extends Record> record : RECORDS) {
            String prefix = prefix(record);
            assertThat(BundledDefaults.bind(prefix, record)).as("%s from the jar's application.yaml", prefix)
                    .usingRecursiveComparison().isEqualTo(fromYaml.bindOrCreate(prefix, record));
        }
        assertThat(AnalysisProperties.defaults()).usingRecursiveComparison()
                .isEqualTo(fromYaml.bindOrCreate("courtside.analysis", AnalysisProperties.class));
        assertThat(MediaProperties.defaults()).usingRecursiveComparison()
                .isEqualTo(fromYaml.bindOrCreate("courtside.media", MediaProperties.class));
        // The yaml's default font is the copy the service writes into data-dir at start-up; outside it, the OS's.
        assertThat(CommentaryProperties.defaults()).usingRecursiveComparison().ignoringFields("fonts")
                .isEqualTo(fromYaml.bindOrCreate("courtside.commentary", CommentaryProperties.class));
    }

    /** What the yaml says is what the service binds, e.g. the values of issue 12 / 16 kept as they were. */
    @Test
    void theYamlKeepsTheEffectiveValues() {
        AnalysisProperties analysis = AnalysisProperties.defaults();
        assertThat(analysis.frameWidth()).isEqualTo(64);
        assertThat(analysis.logoMinConfidence()).isEqualTo(0.55);
        assertThat(analysis.maxImagePixels()).isEqualTo(40_000_000L);
        CallbackProperties callbacks = BundledDefaults.bind("courtside.callbacks", CallbackProperties.class);
        assertThat(callbacks.queuePrefixes()).containsExactly("ice-callback");
        assertThat(callbacks.retryFor()).hasHours(1);
        assertThat(callbacks.concurrency()).isEqualTo(4);
        assertThat(callbacks.hmacSecret()).isNull();
        WorkerIsolation worker = BundledDefaults.bind("courtside.worker", WorkerIsolation.class);
        assertThat(worker.isolation()).isEqualTo(WorkerIsolation.Mode.PROCESS);
        assertThat(worker.exitWithParent()).isFalse();
        StorageRetries retries = BundledDefaults.bind("courtside.storage.retries", StorageRetries.class);
        assertThat(retries.maxAttempts()).isEqualTo(6);
        assertThat(CommentaryProperties.defaults().voice().chainFor("en")).hasSizeGreaterThan(1).endsWith("freetts");
    }

    /** A record with a component the yaml has no key for. */
    record Unlisted(int maxAttempts, int notInTheYaml) {
    }

    @Test
    void theCheckSeesAComponentWithoutAKey() throws Exception {
        assertThat(missingKeys("courtside.storage.retries", Unlisted.class, yamlKeys()))
                .containsExactly("courtside.storage.retries.not-in-the-yaml");
    }

    private static List<String> missingKeys(String prefix, Class<?> record, Set<String> keys) {
        List<String> missing = new ArrayList<>();
        for (RecordComponent component : record.getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                missing.addAll(missingKeys(key, component.getType(), keys));
            } else if (keys.stream().noneMatch(k -> k.equals(key) || k.startsWith(key + ".")
                    || k.startsWith(key + "["))) {
                missing.add(key);
            }
        }
        return missing;
    }

    private static void collectDefaultValues(Class<?> record, List<String> declared) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.isAnnotationPresent(DefaultValue.class) || Arrays.stream(
                    record.getDeclaredConstructors()).flatMap(c -> Arrays.stream(c.getParameters()))
                    .anyMatch(p -> p.getName().equals(component.getName()) && p.isAnnotationPresent(DefaultValue.class))) {
                declared.add(record.getSimpleName() + "." + component.getName());
            }
            if (component.getType().isRecord()) {
                collectDefaultValues(component.getType(), declared);
            }
        }
    }

    private static Set<String> yamlKeys() throws Exception {
        Set<String> keys = new TreeSet<>();
        for (PropertySource<?> source : yamlSources()) {
            keys.addAll(Arrays.asList(((EnumerablePropertySource<?>) source).getPropertyNames()));
        }
        // An empty map ({}) leaves no property behind, yet the yaml lists its key: read the file's own keys too.
        try (InputStream in = Files.newInputStream(Path.of("config/application.yaml"))) {
            collectKeys("", new Yaml().load(in), keys);
        }
        return keys;
    }

    private static void collectKeys(String prefix, Object node, Set<String> keys) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                String key = prefix.isEmpty() ? String.valueOf(name) : prefix + "." + name;
                keys.add(key);
                collectKeys(key, value, keys);
            });
        }
    }

    private static StandardEnvironment yamlEnvironment() throws Exception {
        // The environment placeholders (secrets and the data folder) resolve as in the service.
        StandardEnvironment environment = new StandardEnvironment();
        yamlSources().forEach(environment.getPropertySources()::addLast);
        return environment;
    }

    private static List<PropertySource<?>> yamlSources() throws Exception {
        return new YamlPropertySourceLoader().load("application", new FileSystemResource("config/application.yaml"));
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static String prefix(Class<?> record) {
        ConfigurationProperties annotation = record.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }
}
