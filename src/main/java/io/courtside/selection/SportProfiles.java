package io.courtside.selection;

import io.courtside.config.CourtsideProperties;
import io.courtside.scoreboard.BugLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.Yaml;

/**
 * The sports Courtside knows: one YAML profile per sport, read from {@code courtside.sports-dir}
 * (users add a sport by adding a file) or, when that folder is absent, from the copy inside the jar.
 */
@Component
public class SportProfiles {

    private final Map<String, SportProfile> profiles = new TreeMap<>();
    private final Map<String, BugLayout> bugLayouts = new TreeMap<>();

    public SportProfiles(CourtsideProperties properties) throws IOException {
        Path dir = properties.sportsDir();
        if (dir != null && Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        add(file.getFileName().toString(), in);
                    }
                }
            }
        } else {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:sports/*.yaml")) {
                try (InputStream in = resource.getInputStream()) {
                    add(resource.getFilename(), in);
                }
            }
        }
        if (profiles.isEmpty()) {
            throw new IllegalStateException("No sport profiles found in " + dir + " nor in the jar");
        }
    }

    private void add(String fileName, InputStream in) {
        String sport = fileName.substring(0, fileName.length() - ".yaml".length());
        Map<String, Object> values = new Yaml().load(in);
        SportProfile d = new SportProfile(sport, 30, 2, 8); // defaults of the keys a profile may leave out
        profiles.put(sport, new SportProfile(sport,
                number(values, "max-duration", fileName),
                number(values, "min-clip", fileName),
                number(values, "max-clip", fileName),
                optional(values, "pre-roll", fileName, d.preRoll()),
                optional(values, "post-roll", fileName, d.postRoll()),
                optional(values, "snap", fileName, d.snap()),
                optional(values, "min-gap", fileName, d.minGap()),
                optional(weights(values, fileName), "excitement", fileName, d.excitementWeight()),
                optional(weights(values, fileName), "loudness", fileName, d.loudnessWeight()),
                optional(weights(values, fileName), "motion", fileName, d.motionWeight()),
                optional(weights(values, fileName), "replay", fileName, d.replayWeight()),
                optional(weights(values, fileName), "replayed-play", fileName, d.replayedPlayWeight()),
                optional(values, "replayed-play-seconds", fileName, d.replayedPlaySeconds()),
                optional(weights(values, fileName), "player", fileName, d.playerWeight()),
                optional(values, "fast-break-motion", fileName, d.fastBreakMotion()),
                optional(values, "excitement-max-db", fileName, d.excitementMaxDb()),
                Boolean.TRUE.equals(values.get("title-card")),
                transitionSeconds(values, fileName),
                scoring(values, fileName),
                optional(values, "replay-min-seconds", fileName, d.replayMinSeconds()),
                optional(values, "replay-max-seconds", fileName, d.replayMaxSeconds())));
        bugLayouts.put(sport, ScoreBugProfile.parse(values == null ? null : values.get("score-bug"), fileName));
        SportProfile added = profiles.get(sport);
        if (added.replayMaxSeconds() <= added.replayMinSeconds()) {
            throw new IllegalStateException("Sport profile " + fileName + " needs replay-max-seconds greater than"
                    + " replay-min-seconds");
        }
    }

    /** The {@code scoring:} block; every key may be left out (basketball's values). */
    @SuppressWarnings("unchecked")
    private static ScoreWeights scoring(Map<String, Object> values, String fileName) {
        Object block = values == null ? null : values.get("scoring");
        if (block != null && !(block instanceof Map)) {
            throw new IllegalStateException("Sport profile " + fileName + ": 'scoring' must be a map");
        }
        Map<String, Object> s = block == null ? Map.of() : (Map<String, Object>) block;
        ScoreWeights d = ScoreWeights.DEFAULTS;
        Object periods = s.get("late-periods");
        if (periods != null && !(periods instanceof java.util.List)) {
            throw new IllegalStateException("Sport profile " + fileName + ": 'scoring.late-periods' must be a list");
        }
        double fraction = optional(s, "late-fraction", fileName, d.lateFraction());
        double after = optional(s, "after-change", fileName, d.afterChange());
        double quietRatio = optional(s, "onset-quiet-ratio", fileName, d.onsetQuietRatio());
        if (fraction > 1 || after < 1 || after > 3 || quietRatio >= 1) {
            throw new IllegalStateException("Sport profile " + fileName + ": 'scoring.late-fraction' must be 0-1,"
                    + " 'scoring.after-change' 1-3 seconds and 'scoring.onset-quiet-ratio' below 1");
        }
        return new ScoreWeights(optional(s, "play", fileName, d.play()),
                optional(s, "per-point", fileName, d.perPoint()),
                optional(s, "lead-change", fileName, d.leadChange()),
                optional(s, "tie", fileName, d.tie()),
                optional(s, "run", fileName, d.run()),
                optional(s, "close-late", fileName, d.closeLate()),
                optional(s, "big-play", fileName, d.bigPlay()),
                (int) optional(s, "run-points", fileName, d.runPoints()),
                (int) optional(s, "close-margin", fileName, d.closeMargin()),
                fraction,
                (int) optional(s, "big-play-points", fileName, d.bigPlayPoints()),
                after,
                periods == null ? d.latePeriods()
                        : ((java.util.List<Object>) periods).stream().map(String::valueOf).toList(),
                quietRatio,
                optional(s, "onset-quiet-seconds", fileName, d.onsetQuietSeconds()),
                optional(s, "onset-min-motion", fileName, d.onsetMinMotion()),
                optional(s, "game", fileName, d.game()),
                optional(s, "set", fileName, d.set()));
    }

    private static double transitionSeconds(Map<String, Object> values, String fileName) {
        double seconds = optional(values, "transition-seconds", fileName, 0);
        if (seconds > 2) {
            throw new IllegalStateException("Sport profile " + fileName + ": 'transition-seconds' must be 0-2 seconds");
        }
        return seconds;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> weights(Map<String, Object> values, String fileName) {
        Object weights = values == null ? null : values.get("weights");
        if (weights != null && !(weights instanceof Map)) {
            throw new IllegalStateException("Sport profile " + fileName + ": 'weights' must be a map of numbers");
        }
        return weights == null ? Map.of() : (Map<String, Object>) weights;
    }

    private static double optional(Map<String, Object> values, String key, String fileName, double fallback) {
        if (values == null || !values.containsKey(key)) {
            return fallback;
        }
        if (!(values.get(key) instanceof Number n) || n.doubleValue() < 0) {
            throw new IllegalStateException("Sport profile " + fileName + ": '" + key + "' must be a number >= 0");
        }
        return n.doubleValue();
    }

    private static double number(Map<String, Object> values, String key, String fileName) {
        if (values == null || !(values.get(key) instanceof Number n) || n.doubleValue() <= 0) {
            throw new IllegalStateException("Sport profile " + fileName + " needs a positive number '" + key + "'");
        }
        return n.doubleValue();
    }

    public Optional<SportProfile> find(String sport) {
        return Optional.ofNullable(profiles.get(sport));
    }

    /**
     * How long replays of {@code sport} are (its profile's replay-min-seconds/replay-max-seconds), for the analysis;
     * the defaults for a sport without a profile (the selection refuses it later).
     */
    public io.courtside.analysis.ReplayBounds replayBounds(String sport) {
        return find(sport).map(SportProfile::replayBounds).orElseGet(() -> new io.courtside.analysis.ReplayBounds(
                SportProfile.DEFAULT_REPLAY_MIN_SECONDS, SportProfile.DEFAULT_REPLAY_MAX_SECONDS));
    }

    /**
     * What {@code sport}'s score bug shows (its profile's {@code score-bug:} block), for the analysis; guessed from
     * what is read for a sport without one.
     */
    public BugLayout bugLayout(String sport) {
        return bugLayouts.getOrDefault(sport, BugLayout.GUESS);
    }

    public java.util.Set<String> names() {
        return profiles.keySet();
    }
}
