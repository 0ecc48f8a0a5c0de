package io.courtside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times of repeated bench runs of one side (Courtside, or the reference measured in the same run): the benches
 * interleave the two sides, run each at least three times and compare minimum to minimum and median to median.
 */
public final class BenchRuns {

    private final String name;
    private final List<Double> seconds = new ArrayList<>();

    public BenchRuns(String name) {
        this.name = name;
    }

    /** How many timed runs of each side: -Dbench.runs (default 3, at least 3). */
    public static int count() {
        return Math.max(3, Integer.getInteger("bench.runs", 3));
    }

    public void add(double runSeconds) {
        seconds.add(runSeconds);
    }

    public double min() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    public double median() {
        List<Double> sorted = seconds.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "name: min 1.23 s, median 1.30 s over 3 runs (1.30 1.23 1.41)". */
    public String summary() {
        return String.format(Locale.ROOT, "%s: min %.2f s, median %.2f s over %d runs (%s)", name, min(), median(),
                seconds.size(), String.join(" ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s))
                        .toList()));
    }

    /** This side's time over the reference's, at the minimum and at the median. */
    public String ratioTo(BenchRuns reference) {
        return String.format(Locale.ROOT, "time ratio %s/%s: %.2f at the minimum, %.2f at the median", name,
                reference.name, min() / reference.min(), median() / reference.median());
    }
}
