package io.courtside.commentary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.JobSpec;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import io.courtside.selection.SportProfile;
import io.courtside.selection.SportProfiles;

/**
 * Writes the commentary of one output: a line per clip from the clip's events (replay, fast break, crowd roar,
 * the registered player seen, or a generic line), from the sport's phrase set in the job's language, names
 * through TransferNameRegister. Lines vary: each kind's templates are taken in a rotation shuffled by a seed
 * from the JobId and output index (the same job always gets the same lines; a template repeats within an output
 * only once its kind has been used up).
 *
 * <p>Language: ICE's contract has no language parameter, so {@code courtside.commentary.language} decides;
 * {@code auto} (the default) speaks Chinese when any TransferName is written in Han characters (the caller
 * spelled the names in Chinese), else English.
 */
@Component
@EnableConfigurationProperties(CommentaryProperties.class)
public class CommentaryWriter {

    private final CommentaryProperties properties;
    private final PhraseBooks phrases;
    private final SportProfiles profiles;

    public CommentaryWriter(CommentaryProperties properties, PhraseBooks phrases, SportProfiles profiles) {
        this.properties = properties;
        this.phrases = phrases;
        this.profiles = profiles;
    }

    /** The commentary of output {@code plan.index()} of the job. */
    public Commentary write(JobRun job, HighlightPlan plan) {
        JobSpec.InputConfig input = job.spec().input();
        boolean titleCard = profiles.find(input.sportsCategory()).map(SportProfile::titleCard).orElse(false);
        List<String> players = input.faces() == null ? List.of()
                : input.faces().stream().map(JobSpec.FaceRegistration::name).toList();
        return write(job.jobId(), input.sportsCategory(), input.nameTransfers(), players, plan, titleCard);
    }

    /**
     * @param seed      varies the lines between jobs (the JobId)
     * @param transfers TransferNameRegister: original name to the name to show and say
     * @param players   names registered as players (FaceRegister); the other transfers are teams
     */
    public Commentary write(String seed, String sport, List<JobSpec.NameTransfer> transfers, List<String> players,
                            HighlightPlan plan, boolean titleCard) {
        List<JobSpec.NameTransfer> names = transfers == null ? List.of() : transfers;
        String language = language(names);
        PhraseBook book = phrases.find(sport, language);
        Path font = properties.fontFor(language);
        if (font == null || !Files.isRegularFile(font)) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The caption font for language '" + language + "' ("
                    + font + ") does not exist: install it (Debian: fonts-dejavu-core, fonts-wqy-microhei) or set"
                    + " courtside.commentary.fonts." + language + " to a TrueType/OpenType font file.");
        }
        Map<String, String> transfer = new HashMap<>();
        for (JobSpec.NameTransfer t : names) {
            transfer.put(t.originalName(), t.transferName());
        }
        Set<String> playerNames = new HashSet<>(players);
        List<String> teams = names.stream().filter(t -> !playerNames.contains(t.originalName()))
                .map(JobSpec.NameTransfer::transferName).toList();
        Map<String, String> teamValues = new HashMap<>();
        if (!teams.isEmpty()) {
            teamValues.put("home", teams.get(0));
        }
        if (teams.size() > 1) {
            teamValues.put("away", teams.get(1));
        }

        Rotation rotation = new Rotation(book, seed.hashCode() * 31L + plan.index());
        List<CommentaryLine> lines = new ArrayList<>();
        double at = 0;
        int clip = 0;
        for (Segment segment : plan.segments()) {
            ClipEvents events = segment.events();
            Map<String, String> values = new HashMap<>(teamValues);
            if (!events.players().isEmpty()) {
                String player = events.players().get(0);
                values.put("player", transfer.getOrDefault(player, player));
            }
            String text = rotation.next(kind(events), values);
            lines.add(new CommentaryLine(clip++, at, at + segment.duration(), text));
            at += segment.duration();
        }
        String title = null;
        if (titleCard) {
            title = rotation.fill(book.of(PhraseBook.TITLE), teamValues);
            if (title == null && teams.size() == 1) {
                title = teams.get(0);
            }
        }
        return new Commentary(language, book.name(), font, title, lines);
    }

    String language(List<JobSpec.NameTransfer> transfers) {
        String configured = properties.language().toLowerCase(Locale.ROOT);
        if (!"auto".equals(configured)) {
            return configured;
        }
        boolean han = transfers.stream().map(JobSpec.NameTransfer::transferName)
                .anyMatch(name -> name.codePoints().anyMatch(
                        c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        return han ? "zh" : "en";
    }

    private String kind(ClipEvents events) {
        if (events.replay()) {
            return PhraseBook.REPLAY;
        }
        if (events.fastBreak()) {
            return PhraseBook.FAST_BREAK;
        }
        if (events.excitementDb() >= properties.roarDb()) {
            return PhraseBook.ROAR;
        }
        if (!events.players().isEmpty()) {
            return PhraseBook.PLAYER;
        }
        return PhraseBook.GENERIC;
    }

    /** Per kind, templates in a seeded shuffled order, taken in turn. */
    private static final class Rotation {
        private final PhraseBook book;
        private final Random random;
        private final Map<String, List<String>> orders = new LinkedHashMap<>();
        private final Map<String, Integer> next = new HashMap<>();

        Rotation(PhraseBook book, long seed) {
            this.book = book;
            this.random = new Random(seed);
        }

        String next(String kind, Map<String, String> values) {
            String line = take(kind, values);
            if (line == null && !PhraseBook.GENERIC.equals(kind) && values.containsKey("player")) {
                line = take(PhraseBook.PLAYER, values);
            }
            return line != null ? line : take(PhraseBook.GENERIC, values);
        }

        /** The next usable template of the kind, preferring ones that name the player when one is known. */
        private String take(String kind, Map<String, String> values) {
            List<String> order = orders.computeIfAbsent(kind, k -> {
                List<String> shuffled = new ArrayList<>(book.of(k));
                Collections.shuffle(shuffled, random);
                return shuffled;
            });
            int n = order.size();
            int start = next.getOrDefault(kind, 0);
            String fallback = null;
            int fallbackAt = -1;
            for (int i = 0; i < n; i++) {
                String template = order.get((start + i) % n);
                String filled = fill(template, values);
                if (filled == null) {
                    continue;
                }
                boolean namesPlayer = template.contains("{player}");
                if (namesPlayer || !values.containsKey("player")) {
                    next.put(kind, start + i + 1);
                    return filled;
                }
                if (fallback == null) {
                    fallback = filled;
                    fallbackAt = start + i;
                }
            }
            if (fallback != null) {
                next.put(kind, fallbackAt + 1);
            }
            return fallback;
        }

        String fill(List<String> templates, Map<String, String> values) {
            for (String template : templates) {
                String filled = fill(template, values);
                if (filled != null) {
                    return filled;
                }
            }
            return null;
        }

        /** The template with its names filled in, or null when it needs a name that is not known. */
        static String fill(String template, Map<String, String> values) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                int open = template.indexOf('{', i);
                if (open < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                int close = template.indexOf('}', open);
                if (close < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                String value = values.get(template.substring(open + 1, close));
                if (value == null) {
                    return null;
                }
                out.append(template, i, open).append(value);
                i = close + 1;
            }
            return out.toString();
        }
    }
}
