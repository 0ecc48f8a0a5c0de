package io.courtside.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a worker runs its jobs ({@code courtside.worker.*}; config/application.yaml documents each key).
 *
 * @param isolation       {@code process}: the service takes no job itself but runs {@code processes} supervised
 *                        child JVMs that do, so a native crash or a stall halt ends only a child; {@code in-process}:
 *                        this JVM takes jobs (one crash stops the API, broker, store and database with it)
 * @param processes       child worker JVMs (each runs {@code courtside.worker.concurrency} jobs at once)
 * @param restartDelay    a child that exited is started again after this, doubled after each quick exit...
 * @param maxRestartDelay ... up to this
 * @param exitWithParent  set on the children: exit when the supervising process is gone (its pipe to our stdin
 *                        closes), so no child outlives it
 */
@ConfigurationProperties(prefix = "courtside.worker")
public record WorkerIsolation(
        Mode isolation,
        int processes,
        Duration restartDelay,
        Duration maxRestartDelay,
        boolean exitWithParent) {

    public enum Mode { PROCESS, IN_PROCESS }

    public WorkerIsolation {
        if (processes < 1) {
            throw new IllegalArgumentException("courtside.worker.processes must be at least 1");
        }
        if (restartDelay.isNegative() || maxRestartDelay.compareTo(restartDelay) < 0) {
            throw new IllegalArgumentException("courtside.worker.restart-delay must be >= 0 and <= max-restart-delay");
        }
    }
}
