package io.courtside.kernel;

import java.nio.file.Path;
import java.util.Set;

/**
 * One attempt at a job on this worker: the validated request and the private folder it works in, and the
 * outputs an earlier attempt already uploaded (a redelivered job uploads each output once).
 */
public record JobRun(String jobId, JobSpec spec, Path workDir, RenderSpec renderSpec, int attempt,
                     Set<Integer> deliveredOutputs) {

    /** Whether an earlier attempt already uploaded output {@code index} (and recorded it). */
    public boolean delivered(int index) {
        return deliveredOutputs.contains(index);
    }

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

    /** Where output {@code index}'s WebVTT captions go: beside it, the same key with .vtt for .mp4. */
    public ObjectLocation captionsTarget(int index) {
        ObjectLocation media = target(index);
        return new ObjectLocation(media.bucket(), vtt(media.key()));
    }

    public String captionsUrl(int index) {
        return vtt(mediaUrl(index));
    }

    /** The captions beside an output: the same name with .vtt for .mp4. The one rule for both keys and files. */
    public static String vtt(String mp4) {
        return mp4.replaceFirst("(?i)\\.mp4$", "") + ".vtt";
    }
}
