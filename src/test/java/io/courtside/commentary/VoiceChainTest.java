package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.courtside.kernel.JobFailure;

/**
 * The voice chain with the real programs (Debian: flite, festival festvox-us-slt-hts, espeak-ng) and real audio:
 * the preferred voice speaks when the machine has it, the next one when it does not, and a machine with none is
 * told what to install. Each rendered line is checked for speech energy and a length that fits the line.
 */
class VoiceChainTest {

    static final CommentaryProperties DEFAULTS = CommentaryProperties.defaults();
    static final String LINE = "Boston Celtics take the lead, 98 to 95!";
    static final Path NOWHERE = Path.of("/nonexistent/bin/speech");

    /** The defaults with another English chain and, optionally, the flite/festival programs moved away. */
    static CommentaryProperties.Voice voice(String englishChain, Path flite, Path festival) {
        CommentaryProperties.Voice d = DEFAULTS.voice();
        return new CommentaryProperties.Voice(true, Map.of("en", englishChain), d.defaultEngine(), d.espeakPath(),
                d.espeakVoices(), d.freettsVoice(), d.leadSeconds(), d.speed(), festival, d.festivalVoice(), flite,
                d.fliteVoice());
    }

    static VoiceOver voiceOver(CommentaryProperties.Voice voice) {
        return new VoiceOver(voice, VoiceOver.engines(voice));
    }

    @Test
    void theDefaultEnglishChainPrefersTheMeasuredBestVoiceOverFreeTts() {
        List<String> chain = DEFAULTS.voice().chainFor("en");
        assertThat(chain).as("bench/voice-bench.sh: the first voice beat FreeTTS on word error rate")
                .hasSizeGreaterThan(1).endsWith("freetts");
        assertThat(chain.get(0)).isNotEqualTo("freetts");
        VoiceOver voiceOver = voiceOver(DEFAULTS.voice());
        assertEquals(chain.get(0), voiceOver.engineFor("en").name(), "this machine has the preferred voice");
        assertThat(voiceOver.choiceFor("en").missing()).isEmpty();
        VoiceTrack track = voiceOver.speak(VoiceOverTest.commentary("en", LINE), 6.0);
        assertSpeech(track, 1.6, 4.5);
    }

    @Test
    void fliteIsPickedWhenPresentAndFreeTtsSpeaksWhenItIsMissing() throws Exception {
        VoiceOver present = voiceOver(voice("flite, freetts", DEFAULTS.voice().flitePath(), NOWHERE));
        SpeechEngine picked = present.engineFor("en");
        assertEquals("flite", picked.name());
        VoiceTrack flite = present.speak(VoiceOverTest.commentary("en", LINE), 6.0);
        assertSpeech(flite, 1.6, 4.5);
        // The very audio the flite program makes for this line (trimmed and at 48 kHz), not FreeTTS's.
        float[] direct = VoiceOver.resample(VoiceOver.trim(picked.speak(LINE, "en")), VoiceOver.SAMPLE_RATE);
        assertEquals(direct.length, flite.clips().get(0).samples().length);

        VoiceOver absent = voiceOver(voice("flite, freetts", NOWHERE, NOWHERE));
        assertEquals("freetts", absent.engineFor("en").name());
        VoiceOver.VoiceChoice choice = absent.choiceFor("en");
        assertThat(choice.voice()).contains("freetts kevin16");
        assertThat(choice.missing()).singleElement().asString().contains("flite", "apt-get install flite");
        VoiceTrack freetts = absent.speak(VoiceOverTest.commentary("en", LINE), 6.0);
        assertSpeech(freetts, 1.6, 4.5);
        assertThat(freetts.clips().get(0).samples().length).as("another voice, another length")
                .isNotEqualTo(flite.clips().get(0).samples().length);
    }

    @Test
    void festivalsHtsVoiceSpeaksAndFallsBackToFliteWhenMissing() {
        VoiceOver present = voiceOver(voice("festival, flite", DEFAULTS.voice().flitePath(),
                DEFAULTS.voice().festivalPath()));
        assertEquals("festival", present.engineFor("en").name());
        assertThat(present.choiceFor("en").voice()).contains("festival cmu_us_slt_arctic_hts");
        assertSpeech(present.speak(VoiceOverTest.commentary("en", LINE), 6.0), 1.6, 4.5);

        VoiceOver absent = voiceOver(voice("festival, flite", DEFAULTS.voice().flitePath(), NOWHERE));
        assertEquals("flite", absent.engineFor("en").name());
        assertThat(absent.choiceFor("en").missing()).singleElement().asString()
                .contains("apt-get install festival festvox-us-slt-hts");
    }

    @Test
    void aMachineWithNoVoiceOfTheChainIsToldWhatToInstall() {
        VoiceOver none = voiceOver(voice("festival, flite", NOWHERE, NOWHERE));
        assertThat(none.choiceFor("en").voice()).isEmpty();
        JobFailure failure = assertThrows(JobFailure.class,
                () -> none.speak(VoiceOverTest.commentary("en", LINE), 6.0));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertThat(failure.getMessage()).contains("No voice for the commentary in 'en'")
                .contains("apt-get install festival festvox-us-slt-hts").contains("apt-get install flite")
                .contains("courtside.commentary.voice.enabled=false");
    }

    @Test
    void chineseIsSpokenAsMandarinSyllablesNotAsSpelledOutPinyin() throws Exception {
        String line = "印第安纳步行者反超比分";
        String voice = DEFAULTS.voice().espeakVoices().get("zh");
        // espeak-ng's own phoneme output says which language each word is spoken in: with voice cmn, 1.51 reads
        // most characters' pinyin as English ("(en)jI55nf'o@55" is "yin four").
        Process process = new ProcessBuilder(DEFAULTS.voice().espeakPath().toString(), "-v", voice, "-q", "-x",
                "--stdin").redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            in.write(line.getBytes(StandardCharsets.UTF_8));
        }
        String phonemes = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(phonemes).as("voice " + voice).isNotBlank().doesNotContain("(en)");

        VoiceOver voiceOver = voiceOver(DEFAULTS.voice());
        assertThat(voiceOver.choiceFor("zh").voice()).contains("espeak-ng " + voice);
        VoiceTrack track = voiceOver.speak(VoiceOverTest.commentary("zh", line), 6.0);
        // 11 syllables: as Mandarin about 3 s; spelled-out pinyin ("yin four di four...") runs over 4 s.
        assertSpeech(track, 1.5, 3.5);
    }

    /** One clip with speech energy (RMS over -26 dBFS after levelling) and a length that fits the line. */
    static void assertSpeech(VoiceTrack track, double minSeconds, double maxSeconds) {
        assertThat(track.clips()).hasSize(1);
        float[] samples = track.clips().get(0).samples();
        assertThat(samples.length / (double) track.sampleRate()).isBetween(minSeconds, maxSeconds);
        assertThat(VoiceOverTest.rms(samples)).as("speech, not silence").isGreaterThan(0.05);
    }
}
