package io.courtside.broker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The queues' names, {@code courtside.queues.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.queues")
public record QueueProperties(String submit, String jobs, String callbacks) {
}
