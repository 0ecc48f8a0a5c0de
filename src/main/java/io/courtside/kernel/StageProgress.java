package io.courtside.kernel;

/**
 * What a long stage (analysis, rendering) calls as it goes: how far it has got, as a fraction 0..1 of that
 * stage. Calls are cheap and may come every frame. A call throws {@link JobCanceledException} once the job has
 * been canceled, which is how a running job stops within seconds.
 */
@FunctionalInterface
public interface StageProgress {

    /** For callers that track nothing, such as tests and benchmarks. */
    StageProgress NONE = fraction -> { };

    void report(double fraction);
}
