package io.courtside.job;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What a submitted job may ask for, {@code courtside.api.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.api")
public record SubmitLimits(int maxParameterBytes, int maxUserDataBytes, int maxOutputDuration, int maxQueuedJobs) {
}
