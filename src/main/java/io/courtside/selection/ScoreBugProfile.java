package io.courtside.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.courtside.scoreboard.BugLayout;
import io.courtside.scoreboard.ScoreRegion;

/**
 * The {@code score-bug:} block of a sport profile as a {@link BugLayout}:
 * <pre>
 * score-bug:
 *   columns:                 # each team's numbers left to right; the last is the score
 *     - {name: games, max: 4}
 *     - {name: points, max: 30}
 *   min-columns: 2           # the fewest a bug shows (leading ones may be missing); default: all
 *   region: [0, 0.6, 0.5, 0.4]  # where to look, fractions of the frame [x, y, w, h]; default: anywhere
 * </pre>
 */
public final class ScoreBugProfile {

    private ScoreBugProfile() {
    }

    /** The {@code score-bug:} block of the sport profile {@code yaml} (for benches and tests: jobs use SportProfiles). */
    public static BugLayout read(java.io.InputStream yaml, String fileName) {
        Map<String, Object> values = new org.yaml.snakeyaml.Yaml().load(yaml);
        return parse(values == null ? null : values.get("score-bug"), fileName);
    }

    @SuppressWarnings("unchecked")
    static BugLayout parse(Object block, String fileName) {
        if (block == null) {
            return BugLayout.GUESS;
        }
        if (!(block instanceof Map<?, ?> map)) {
            throw invalid(fileName, "'score-bug' must be a map with 'columns' (and optionally 'min-columns', 'region')");
        }
        Object columns = map.get("columns");
        if (!(columns instanceof List<?> list) || list.isEmpty()) {
            throw invalid(fileName, "'score-bug.columns' must be a list of {name, max}, the score last");
        }
        List<BugLayout.Column> parsed = new ArrayList<>();
        for (Object c : list) {
            if (!(c instanceof Map<?, ?> column) || !(column.get("name") instanceof String name)
                    || !(column.get("max") instanceof Integer max) || max < 1) {
                throw invalid(fileName, "each of 'score-bug.columns' needs a 'name' and a whole 'max' of at least 1,"
                        + " such as {name: points, max: 30}");
            }
            parsed.add(new BugLayout.Column(name, max));
        }
        Object min = map.get("min-columns");
        if (min != null && (!(min instanceof Integer m) || m < 1 || m > parsed.size())) {
            throw invalid(fileName, "'score-bug.min-columns' must be a whole number from 1 to " + parsed.size());
        }
        return new BugLayout(parsed, min == null ? parsed.size() : (Integer) min, region(map.get("region"), fileName));
    }

    private static ScoreRegion region(Object value, String fileName) {
        if (value == null) {
            return null;
        }
        String wanted = "'score-bug.region' must be [x, y, width, height] as fractions of the frame (0-1), inside it";
        if (!(value instanceof List<?> list) || list.size() != 4 || list.stream().anyMatch(v -> !(v instanceof Number))) {
            throw invalid(fileName, wanted);
        }
        try {
            return new ScoreRegion(((Number) list.get(0)).doubleValue(), ((Number) list.get(1)).doubleValue(),
                    ((Number) list.get(2)).doubleValue(), ((Number) list.get(3)).doubleValue());
        } catch (IllegalArgumentException e) {
            throw invalid(fileName, wanted);
        }
    }

    private static IllegalStateException invalid(String fileName, String what) {
        return new IllegalStateException("Sport profile " + fileName + ": " + what);
    }
}
