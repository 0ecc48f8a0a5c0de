package io.courtside.commentary;

import io.courtside.kernel.JobPrerequisite;
import io.courtside.kernel.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the commentary needs from the machine, checked before any work: the caption font of each language and a
 * voice for it (the first of the language's chain of speech engines this machine has; which one speaks, and which
 * preferred ones are missing, is logged at start-up and shown per language). Missing ones are logged (WARN) at start-up, shown in
 * the health detail {@code commentary} (part of readiness), and a job that would need one is refused at submit
 * ({@link #missingFor}) instead of failing after its analysis.
 */
@Component("commentary")
public class CommentaryReadiness implements HealthIndicator, JobPrerequisite {

    private static final Logger LOG = LoggerFactory.getLogger(CommentaryReadiness.class);

    private final CommentaryProperties properties;
    private final CommentaryWriter writer;
    private final BundledFonts shipped;
    private final VoiceOver voiceOver;

    /**
     * How long a submit reuses a language's answer: checking the font file and the speech programs on every submit
     * was 2 % of a submit's CPU at 300 submits/s; a font or program installed (or removed) is seen within this.
     */
    static final Duration SUBMIT_CHECK_REUSE = Duration.ofSeconds(5);
    private final LongSupplier nanoTime;
    private final Map<String, Checked> checkedForSubmit = new ConcurrentHashMap<>();

    private record Checked(Optional<String> problem, long atNanos) {
    }

    /** {@code fonts}: the shipped fonts are written out before anything is checked. */
    @Autowired
    public CommentaryReadiness(CommentaryProperties properties, CommentaryWriter writer, BundledFonts fonts,
            VoiceOver voiceOver) {
        this(properties, writer, fonts, voiceOver, System::nanoTime);
    }

    CommentaryReadiness(CommentaryProperties properties, CommentaryWriter writer, BundledFonts fonts,
            VoiceOver voiceOver, LongSupplier nanoTime) {
        this.properties = properties;
        this.writer = writer;
        this.shipped = fonts;
        this.voiceOver = voiceOver;
        this.nanoTime = nanoTime;
    }

    /** What a job with these TransferNames would miss to make its captions and voice, with the fix; or empty. */
    @Override
    public Optional<String> missingFor(JobSpec.InputConfig input) {
        List<JobSpec.NameTransfer> transfers = input.nameTransfers() == null ? List.of() : input.nameTransfers();
        String language = writer.language(transfers);
        return recentlyMissingForLanguage(language).map(problem -> "the commentary of this job is in '"
                + language + "' (from its TransferNames) and " + problem);
    }

    /** {@link #missingForLanguage}, checked again only when the last answer is older than SUBMIT_CHECK_REUSE. */
    private Optional<String> recentlyMissingForLanguage(String language) {
        long now = nanoTime.getAsLong();
        Checked last = checkedForSubmit.get(language);
        if (last != null && now - last.atNanos() < SUBMIT_CHECK_REUSE.toNanos()) {
            return last.problem();
        }
        Optional<String> problem = missingForLanguage(language);
        checkedForSubmit.put(language, new Checked(problem, now));
        return problem;
    }

    Optional<String> missingForLanguage(String language) {
        Path font = properties.fontFor(language);
        if (font == null || !Files.isRegularFile(font)) {
            return Optional.of("captions in '" + language + "' need the font file " + font + ", which this service"
                    + " does not have: set courtside.commentary.fonts." + language + " to a TrueType/OpenType font"
                    + " file (the jar ships " + shipped.directory().resolve(shippedFont(language)) + ") or install"
                    + " it (Debian: " + fontPackage(language) + "), then restart");
        }
        if (properties.voice().enabled()) {
            VoiceOver.VoiceChoice choice = voiceOver.choiceFor(language);
            if (choice.voice().isEmpty()) {
                return Optional.of("the voice-over in '" + language + "' has no voice on this machine: "
                        + String.join("; ", choice.missing()) + "; or set courtside.commentary.voice.enabled=false"
                        + " for captions only, then restart");
            }
        }
        return Optional.empty();
    }

    /** The languages a job may get: the fonts configured, English and Chinese (auto), or the configured one. */
    Set<String> languages() {
        Set<String> languages = new LinkedHashSet<>();
        if ("auto".equalsIgnoreCase(properties.language())) {
            languages.add("en");
            languages.add("zh");
        } else {
            languages.add(properties.language().toLowerCase());
        }
        properties.fonts().keySet().stream().filter(k -> !k.equals("default")).forEach(languages::add);
        return languages;
    }

    Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String language : languages()) {
            missingForLanguage(language).ifPresent(problem -> problems.put(language, problem));
        }
        return problems;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void warnAtStartUp() {
        problems().forEach((language, problem) -> LOG.warn("Jobs with commentary in '{}' will be refused at submit:"
                + " {}", language, problem));
        if (properties.voice().enabled()) {
            for (String language : languages()) {
                VoiceOver.VoiceChoice choice = voiceOver.choiceFor(language);
                choice.voice().ifPresent(voice -> LOG.info("Voice-over in '{}': {}", language, voice));
                if (choice.voice().isPresent() && !choice.missing().isEmpty()) {
                    LOG.warn("Voice-over in '{}' falls back to {}: the preferred voice is missing: {}", language,
                            choice.voice().get(), String.join("; ", choice.missing()));
                }
            }
        }
    }

    /** "ready, voice festival cmu_us_slt_arctic_hts" (and the preferred voices it stands in for), or the problem. */
    private String detail(String language, Map<String, String> problems) {
        if (problems.containsKey(language)) {
            return problems.get(language);
        }
        if (!properties.voice().enabled()) {
            return "ready, captions only (voice-over off)";
        }
        VoiceOver.VoiceChoice choice = voiceOver.choiceFor(language);
        String ready = "ready, voice " + choice.voice().orElse("none");
        return choice.missing().isEmpty() ? ready
                : ready + " (fallback: " + String.join("; ", choice.missing()) + ")";
    }

    /**
     * UP with a detail per language: jobs in the other languages still run, so the service stays ready; a missing
     * font or program is named with its fix.
     */
    @Override
    public Health health() {
        Map<String, String> problems = problems();
        Health.Builder health = Health.up();
        for (String language : languages()) {
            health.withDetail(language, detail(language, problems));
        }
        return health.build();
    }

    private static String shippedFont(String language) {
        return language.equals("zh") ? BundledFonts.CJK : BundledFonts.LATIN;
    }

    private static String fontPackage(String language) {
        return language.equals("zh") ? "fonts-wqy-microhei" : "fonts-dejavu-core";
    }
}
