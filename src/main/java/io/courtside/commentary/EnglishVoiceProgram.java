package io.courtside.commentary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.courtside.kernel.JobFailure;

/**
 * A speech engine that is an English-only program run once per line with one voice ({@link FestivalEngine},
 * {@link FliteEngine}): what it misses is the program, then the voice; the text goes in a file, never on the
 * command line (see {@link SpeechProgram}).
 */
abstract class EnglishVoiceProgram implements SpeechEngine {

    protected final Path program;
    protected final String voice;
    private final Duration timeout;

    EnglishVoiceProgram(Path program, String voice, Duration timeout) {
        this.program = program;
        this.voice = voice;
        this.timeout = timeout;
    }

    @Override
    public String voice(String language) {
        return voice;
    }

    @Override
    public Optional<String> missing() {
        if (!Files.isExecutable(program)) {
            return Optional.of(programMissing());
        }
        if (!hasVoice()) {
            return Optional.of(voiceMissing());
        }
        return Optional.empty();
    }

    /** The program is not there: what to install or set. */
    abstract String programMissing();

    /** The voice is not there: what to install or set. */
    abstract String voiceMissing();

    abstract boolean hasVoice();

    /** The command that speaks {@link SpeechProgram#TEXT_FILE} into {@link SpeechProgram#WAV_FILE}. */
    abstract List<String> command();

    /** The other English engines to name in a failure (e.g. "flite, freetts"). */
    abstract String otherEngines();

    @Override
    public Pcm speak(String text, String language) {
        if (!language.startsWith("en")) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The " + name() + " voice " + voice + " speaks English only,"
                    + " not '" + language + "': set courtside.commentary.voice.engines." + language + " to espeak-ng.");
        }
        missing().ifPresent(problem -> {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The voice-over cannot be spoken: " + problem
                    + ", or courtside.commentary.voice.enabled=false for captions without a voice.");
        });
        return SpeechProgram.wav(SpeechProgram.run(name(), command(), text, false, timeout,
                "set courtside.commentary.voice.engines.en to another voice (" + otherEngines() + "), or"
                + " courtside.commentary.voice.enabled=false for captions without a voice."));
    }
}
