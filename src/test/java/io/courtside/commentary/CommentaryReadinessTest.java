package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.kernel.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The submit-time check of a job's commentary needs: answered from a recent check, re-checked after a while. */
class CommentaryReadinessTest {

    @TempDir
    Path dir;

    @Test
    void aSubmitReusesARecentAnswerAndSeesAChangeOnceItIsOld() throws Exception {
        Path font = Files.writeString(dir.resolve("caption.ttf"), "not really a font");
        CommentaryProperties defaults = CommentaryProperties.defaults();
        CommentaryProperties.Voice v = defaults.voice();
        CommentaryProperties.Voice captionsOnly = new CommentaryProperties.Voice(false, v.engines(),
                v.defaultEngine(), v.espeakPath(), v.espeakVoices(), v.freettsVoice(), v.leadSeconds(), v.speed(),
                v.festivalPath(), v.festivalVoice(), v.flitePath(), v.fliteVoice());
        CommentaryProperties properties = new CommentaryProperties(defaults.phrasesDir(), "en",
                defaults.fallbackSport(), defaults.roarDb(), Map.of("default", font), captionsOnly,
                defaults.leadInSeconds());
        AtomicLong nanos = new AtomicLong(1_000);
        CommentaryReadiness readiness = new CommentaryReadiness(properties,
                new CommentaryWriter(properties, new PhraseBooks(properties), null),
                new BundledFonts(dir.resolve("data")), new VoiceOver(properties), nanos::get);
        JobSpec.InputConfig input = new JobSpec.InputConfig("basketball", null, List.of(), List.of(), List.of());

        assertThat(readiness.missingFor(input)).isEmpty();
        Files.delete(font);
        nanos.addAndGet(CommentaryReadiness.SUBMIT_CHECK_REUSE.toNanos() - 1);
        assertThat(readiness.missingFor(input)).as("within the reuse window").isEmpty();

        nanos.addAndGet(1);
        assertThat(readiness.missingFor(input)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("'en'").contains(font.toString()).contains("courtside.commentary.fonts.en"));
        // The health detail is not cached: it names the missing font at once.
        assertThat(readiness.problems()).containsKey("en");
    }
}
