package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.courtside.kernel.JobFailure;

class VoiceOverTest {

    static final CommentaryProperties DEFAULTS = CommentaryProperties.defaults();

    static Commentary commentary(String language, String... lines) {
        List<CommentaryLine> list = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            list.add(new CommentaryLine(i, 3.0 * i, 3.0 * i + 3, lines[i]));
        }
        return new Commentary(language, "test/" + language, Path.of(CommentaryProperties.DEFAULT_FONT), null, list);
    }

    @Test
    void englishIsSpokenByTheFirstVoiceOfItsChainAndPlacedAtItsClips() {
        VoiceTrack track = new VoiceOver(DEFAULTS).speak(commentary("en", "Listen to this crowd!",
                "Fast break, coast to coast!"), 6.0);
        assertEquals(48_000, track.sampleRate());
        assertThat(track.clips()).hasSize(2);
        VoiceTrack.Clip first = track.clips().get(0);
        assertEquals(Math.round(0.2 * 48_000), first.start(), "lead-seconds after the clip starts");
        double seconds = first.samples().length / 48_000.0;
        assertThat(seconds).as("a short sentence").isBetween(0.6, 3.0);
        assertThat(rms(first.samples())).as("speech, not silence").isGreaterThan(0.05);
        VoiceTrack.Clip second = track.clips().get(1);
        assertThat(second.start()).isGreaterThanOrEqualTo(Math.max(first.end(), Math.round(3.2 * 48_000)));
        assertThat(second.end()).isLessThanOrEqualTo(6 * 48_000L);
    }

    @Test
    void eachSpokenLineNamesItsLineNotItsClip() {
        // Clips 4 and 9, the first with two lines (its start and a score change inside it): line and clip numbers
        // differ for every line.
        List<CommentaryLine> lines = List.of(new CommentaryLine(4, 0.0, 3.0, "Tip off."),
                new CommentaryLine(4, 1.5, 3.0, "And the score changes hands!", 1.5),
                new CommentaryLine(9, 3.0, 6.0, "Back down the floor."));
        Commentary commentary = new Commentary("en", "test/en", Path.of(CommentaryProperties.DEFAULT_FONT), null,
                lines);
        VoiceTrack track = new VoiceOver(DEFAULTS).speak(commentary, 9.0);
        assertThat(track.clips()).extracting(VoiceTrack.Clip::line).containsExactly(0, 1, 2);
    }

    @Test
    void chineseIsSpokenByEspeakNg() {
        VoiceTrack track = new VoiceOver(DEFAULTS).speak(commentary("zh", "印第安纳步行者快攻！"), 3.0);
        assertThat(track.clips()).hasSize(1);
        assertThat(track.clips().get(0).samples().length / 48_000.0).isBetween(0.8, 2.8);
        assertThat(rms(track.clips().get(0).samples())).isGreaterThan(0.05);
    }

    @Test
    void aLineLongerThanWhatIsLeftIsFadedOutAtTheEnd() {
        VoiceTrack track = new VoiceOver(DEFAULTS).speak(commentary("en",
                "This is a rather long sentence that cannot possibly fit in one second of video."), 1.0);
        VoiceTrack.Clip clip = track.clips().get(0);
        assertEquals(48_000L, clip.end());
        assertThat(Math.abs(clip.samples()[clip.samples().length - 1])).isLessThan(0.01f);
    }

    @Test
    void aMissingEspeakNgFailsTheJobSayingWhatToInstall() {
        CommentaryProperties.Voice voice = new CommentaryProperties.Voice(true, null, "espeak-ng",
                Path.of("/nonexistent/espeak-ng"), null, "kevin16", 0.2, 165, null, null, null, null);
        CommentaryProperties props = new CommentaryProperties(DEFAULTS.phrasesDir(), "auto", "default", 6, null, voice,
                DEFAULTS.leadInSeconds());
        JobFailure failure = assertThrows(JobFailure.class,
                () -> new VoiceOver(props).speak(commentary("zh", "比赛继续。"), 3.0));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertThat(failure.getMessage()).contains("espeak-ng").contains("apt-get install espeak-ng")
                .contains("courtside.commentary.voice.enabled=false");
    }

    @Test
    void freeTtsRefusesOtherLanguagesAndUnknownEnginesAreNamed() {
        CommentaryProperties.Voice voice = new CommentaryProperties.Voice(true, Map.of("zh", "freetts", "fr", "mbrola"),
                "espeak-ng", DEFAULTS.voice().espeakPath(), null, "kevin16", 0.2, 165, null, null, null, null);
        CommentaryProperties props = new CommentaryProperties(DEFAULTS.phrasesDir(), "auto", "default", 6, null, voice,
                DEFAULTS.leadInSeconds());
        JobFailure zh = assertThrows(JobFailure.class, () -> new VoiceOver(props).speak(commentary("zh", "好球"), 3));
        assertThat(zh.getMessage()).contains("English only").contains("engines.zh");
        JobFailure fr = assertThrows(JobFailure.class, () -> new VoiceOver(props).speak(commentary("fr", "Allez"), 3));
        assertThat(fr.getMessage()).contains("mbrola").contains("engines.fr");
    }

    @Test
    void voiceOffGivesNoTrack() {
        CommentaryProperties.Voice off = new CommentaryProperties.Voice(false, null, "espeak-ng",
                Path.of("/nonexistent/espeak-ng"), null, "kevin16", 0.2, 165, null, null, null, null);
        assertEquals(VoiceTrack.NONE, new VoiceOver(off, Map.of()).speak(commentary("zh", "好球"), 3));
    }

    static double rms(float[] s) {
        double sum = 0;
        for (float v : s) {
            sum += v * v;
        }
        return Math.sqrt(sum / Math.max(1, s.length));
    }
}
