package io.courtside.analysis;

import java.util.ArrayList;
import java.util.List;

/** One shot: the stretch between two cuts, in seconds from the start of the source. */
public record Shot(double start, double end) {
    public double duration() {
        return end - start;
    }

    /** The shots of a source of {@code duration} seconds cut at {@code transitions}' boundaries (in time order). */
    static List<Shot> between(List<Transition> transitions, double duration) {
        List<Shot> shots = new ArrayList<>();
        double start = 0;
        for (Transition t : transitions) {
            shots.add(new Shot(start, t.boundary()));
            start = t.boundary();
        }
        shots.add(new Shot(start, duration));
        return shots;
    }
}
