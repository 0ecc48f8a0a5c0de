package io.courtside.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The process-wide {@code courtside.*} keys only: where data lives and which roles this process takes. Each
 * feature's own keys are a record next to it (notify.CallbackProperties, storage.StorageProperties...).
 *
 * @param dataDir   where the broker journal, object store, database and job work directories live
 * @param sportsDir where the per-sport profiles are read from
 * @param roles     which roles this process takes
 */
@ConfigurationProperties("courtside")
public record CourtsideProperties(Path dataDir, Path sportsDir, Roles roles) {

    /**
     * @param api    serve the HTTP API and the JMS submit queue
     * @param worker take jobs from the job queue and process them
     */
    public record Roles(boolean api, boolean worker) {
    }

    /** Per-job scratch files live here; nothing a job writes ever leaves it. */
    public Path workDir() {
        return dataDir.resolve("work");
    }
}
