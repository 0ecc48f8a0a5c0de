package io.courtside.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The README's demo job, {@code courtside.demo.*}. */
@ConfigurationProperties("courtside.demo")
public record DemoProperties(boolean enabled, String bucket) {
}
