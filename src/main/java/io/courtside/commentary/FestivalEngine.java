package io.courtside.commentary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Festival 2.5 through its text2wave program, English: by default the HTS voice cmu_us_slt_arctic_hts (Debian:
 * festival festvox-us-slt-hts). Not in the default chain: bench/voice-bench.sh measured it no clearer than FreeTTS
 * (word error rate 0.22 against 0.23) and about 100 times slower to render. The text goes in a file, never on
 * the command line; the voice is checked to be a plain name before it goes into text2wave's {@code -eval}.
 */
public class FestivalEngine extends EnglishVoiceProgram {

    /** Where Debian's festvox packages put their voices, one folder per voice under a language folder. */
    static final Path VOICES = Path.of("/usr/share/festival/voices");

    private final Path voices;

    public FestivalEngine(Path program, String voice, Duration timeout) {
        this(program, voice, VOICES, timeout);
    }

    FestivalEngine(Path program, String voice, Path voices, Duration timeout) {
        super(program, checked(voice), timeout);
        this.voices = voices;
    }

    private static String checked(String voice) {
        if (!voice.matches("[A-Za-z0-9_]+")) {
            throw new IllegalArgumentException("courtside.commentary.voice.festival-voice '" + voice + "' is not a"
                    + " festival voice name (letters, digits and _ only, e.g. cmu_us_slt_arctic_hts)");
        }
        return voice;
    }

    @Override
    public String name() {
        return "festival";
    }

    @Override
    String programMissing() {
        return "festival's text2wave (" + program + ") is not installed: install it (Debian:"
                + " apt-get install festival " + voicePackage() + ") or set courtside.commentary.voice.festival-path";
    }

    @Override
    String voiceMissing() {
        return "the festival voice " + voice + " is not installed under " + voices + ": install it"
                + " (Debian: apt-get install " + voicePackage() + ") or set courtside.commentary.voice.festival-voice";
    }

    @Override
    boolean hasVoice() {
        if (!Files.isDirectory(voices)) {
            return false;
        }
        try (Stream<Path> languages = Files.list(voices)) {
            return languages.anyMatch(language -> Files.isDirectory(language.resolve(voice)));
        } catch (IOException e) {
            return false;
        }
    }

    private String voicePackage() {
        return voice.equals("cmu_us_slt_arctic_hts") ? "festvox-us-slt-hts" : "the festvox package of " + voice;
    }

    @Override
    List<String> command() {
        return List.of(program.toString(), "-eval", "(voice_" + voice + ")", SpeechProgram.TEXT_FILE, "-o",
                SpeechProgram.WAV_FILE);
    }

    @Override
    String otherEngines() {
        return "flite, freetts";
    }
}
