package io.courtside.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
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

    private static Binder binder() {
        Binder b = binder;
        if (b == null) {
            StandardEnvironment environment = new StandardEnvironment();
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
            b = Binder.get(environment);
            binder = b;
        }
        return b;
    }
}
