package io.courtside.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The one place the defaults are written is config/application.yaml, which the jar carries as its
 * {@code application.yaml}. Code that needs a feature's defaults outside Spring (tests, the few {@code defaults()}
 * callers) binds the feature's record from that file here, placeholders (${courtside.data-dir}, ${ENV:default})
 * resolving as they do in the service.
 */
public final class BundledDefaults {

    /** The bundled configuration on the class path (pom.xml copies config/ there). */
    public static final String RESOURCE = "application.yaml";

    private static volatile Binder binder;

    private BundledDefaults() {
    }

    /** The record {@code type} bound from the bundled application.yaml at {@code prefix}. */
    public static <T> T bind(String prefix, Class<T> type) {
        return binder().bindOrCreate(prefix, type);
    }

    /**
     * The record {@code type} bound at {@code prefix} from {@code set} (keys as written in the yaml, e.g.
     * {@code courtside.analysis.cut-ratio}) over the bundled application.yaml, as the service binds its overrides.
     */
    public static <T> T bind(String prefix, Class<T> type, Map<String, ?> set) {
        StandardEnvironment environment = environment();
        environment.getPropertySources().addFirst(new MapPropertySource("set", Map.copyOf(set)));
        return Binder.get(environment).bindOrCreate(prefix, type);
    }

    private static Binder binder() {
        Binder b = binder;
        if (b == null) {
            b = Binder.get(environment());
            binder = b;
        }
        return b;
    }

    private static StandardEnvironment environment() {
        StandardEnvironment environment = new StandardEnvironment();
        {
            try {
                List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(RESOURCE,
                        new ClassPathResource(RESOURCE, BundledDefaults.class.getClassLoader()));
                if (sources.isEmpty()) {
                    throw new IllegalStateException(RESOURCE + " is not on the class path");
                }
                sources.forEach(environment.getPropertySources()::addLast);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled " + RESOURCE, e);
            }
        }
        return environment;
    }
}
