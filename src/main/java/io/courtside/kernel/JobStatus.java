package io.courtside.kernel;

/** Job states as ICE names them, plus Failed and Canceled. */
public enum JobStatus {
    Init, Processing, Finished, Failed, Canceled;

    public boolean isTerminal() {
        return this == Finished || this == Failed || this == Canceled;
    }
}
