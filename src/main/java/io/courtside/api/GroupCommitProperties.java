package io.courtside.api;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Group commit of submits, {@code courtside.api.group-commit.*} (config/application.yaml documents each key). */
@ConfigurationProperties("courtside.api.group-commit")
public record GroupCommitProperties(int maxJobs, int committers) {

    public GroupCommitProperties {
        if (maxJobs < 1 || committers < 1) {
            throw new IllegalArgumentException("courtside.api.group-commit.max-jobs and .committers must be at least"
                    + " 1 (1 and 1: every submit commits on its own, one at a time)");
        }
    }
}
