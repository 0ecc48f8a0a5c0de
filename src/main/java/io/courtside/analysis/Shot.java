package io.courtside.analysis;

/** One shot: the stretch between two cuts, in seconds from the start of the source. */
public record Shot(double start, double end) {
    public double duration() {
        return end - start;
    }
}
