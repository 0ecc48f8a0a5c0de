package io.courtside.job;

import io.courtside.render.RenderSpec;
import io.courtside.storage.ObjectLocation;
import java.nio.file.Path;

/** One attempt at a job on this worker: the validated request and the private folder it works in. */
public record JobRun(String jobId, JobSpec spec, Path workDir, RenderSpec renderSpec, int attempt) {

    public Path sourceFile() {
        return workDir.resolve("source");
    }

    public Path outputFile(int index) {
        return workDir.resolve("highlight_" + index + ".mp4");
    }

    public ObjectLocation target(int index) {
        return spec.output().targets().get(index);
    }

    public String mediaUrl(int index) {
        return spec.output().mediaUrl(index);
    }
}
