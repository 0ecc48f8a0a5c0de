package io.courtside.kernel;

/**
 * The stages a job goes through, in order, each with the share of the job's 0..100 progress it covers. The routes
 * name them (the {@code jobProgress.stage(...)} calls); a name that is not one of these fails the service's start
 * (job.RouteStages), so a typo cannot silently get the wrong progress range.
 */
public enum Stage {
    FetchingInput(0, 10),
    Analysing(10, 45),
    Selecting(45, 50),
    Rendering(50, 98),
    Uploading(50, 98);

    private final int from;
    private final int to;

    Stage(int from, int to) {
        this.from = from;
        this.to = to;
    }

    /** The job's progress when the stage starts. */
    public int from() {
        return from;
    }

    /** The job's progress when the stage ends. */
    public int to() {
        return to;
    }
}
