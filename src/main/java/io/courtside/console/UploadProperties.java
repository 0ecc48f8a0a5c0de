package io.courtside.console;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where POST /files stores what it is sent, {@code courtside.uploads.*}. */
@ConfigurationProperties("courtside.uploads")
public record UploadProperties(String bucket) {
}
