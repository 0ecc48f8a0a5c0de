package io.courtside.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.media.MediaProperties;
import io.courtside.notify.CallbackProperties;
import io.courtside.storage.StorageRetries;
import io.courtside.worker.WorkerIsolation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The configuration convention (README, "Configuration"): a feature's record declares each default once, and
 * config/application.yaml, which lists every key with a comment, repeats the same value: it never contradicts the
 * record. Bound from nothing and bound from the yaml, each such record is the same.
 */
class ConfigurationDefaultsTest {

    /** The records that declare their defaults (the others take theirs from config/application.yaml alone). */
    static final List<Class<? extends Record>> DEFAULTS_IN_RECORD = List.of(AnalysisProperties.class,
            MediaProperties.class, CommentaryProperties.class, StorageRetries.class, CallbackProperties.class,
            WorkerIsolation.class);

    @Test
    void theYamlRepeatsTheRecordsDefaults() throws Exception {
        MutablePropertySources sources = new MutablePropertySources();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application",
                new FileSystemResource("config/application.yaml"))) {
            sources.addLast(source);
        }
        // The environment placeholders (secrets and the data folder) resolve to their defaults, as without them.
        StandardEnvironment environment = new StandardEnvironment();
        sources.forEach(environment.getPropertySources()::addLast);
        Binder fromYaml = Binder.get(environment);
        for (Class<? extends Record> record : DEFAULTS_IN_RECORD) {
            String prefix = prefix(record);
            Object defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate(prefix, record);
            Object configured = fromYaml.bindOrCreate(prefix, record);
            assertThat(configured).as("%s as config/application.yaml sets it, against its defaults", prefix)
                    .usingRecursiveComparison()
                    // The default caption font is written into data-dir at start-up (commentary.BundledFonts): the
                    // yaml names it under ${courtside.data-dir}, which the record cannot know; the record's fallback
                    // is the OS's copy. Left to the commentary's owner: the one key whose default is two places.
                    .ignoringFields(record == CommentaryProperties.class ? new String[] {"fonts"} : new String[0])
                    .isEqualTo(defaults);
        }
    }

    @Test
    void theCheckSeesAYamlValueThatContradictsTheRecord() {
        Object defaults = new Binder(new MapConfigurationPropertySource()).bindOrCreate("courtside.callbacks",
                CallbackProperties.class);
        Object contradicting = new Binder(new MapConfigurationPropertySource(
                Map.of("courtside.callbacks.retry-delay", "2s"))).bindOrCreate("courtside.callbacks",
                CallbackProperties.class);
        assertThat(contradicting).usingRecursiveComparison().isNotEqualTo(defaults);
    }

    private static String prefix(Class<?> record) {
        ConfigurationProperties annotation = record.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }
}
