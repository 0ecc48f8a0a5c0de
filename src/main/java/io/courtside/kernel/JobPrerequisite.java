package io.courtside.kernel;

import java.util.Optional;

/**
 * Something this service must have to run a job (a caption font, a speech program...), checked when the job is
 * submitted, before any work: {@link JobSpecParser} refuses a job for which one answers a problem. Implemented by
 * the stages that know their needs, so the job kernel imports none of them.
 */
public interface JobPrerequisite {

    /** What this service lacks to run a job with this input, saying how to fix it; empty when nothing is. */
    Optional<String> missingFor(JobSpec.InputConfig input);
}
