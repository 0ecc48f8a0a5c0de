package io.courtside.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this process works on jobs, {@code courtside.worker.*} (config/application.yaml documents each key; the
 * isolation keys are worker.WorkerIsolation's).
 */
@ConfigurationProperties("courtside.worker")
public record WorkerProperties(String id, int concurrency, Duration requeueAfter, int maxAttempts) {
    public WorkerProperties {
        if (id == null || id.isBlank()) {
            // host and process: unique per worker process, and says where to look
            id = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("courtside.worker.max-attempts must be at least 1");
        }
    }
}
