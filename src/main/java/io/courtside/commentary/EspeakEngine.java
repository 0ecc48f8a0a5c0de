package io.courtside.commentary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.courtside.kernel.JobFailure;

/**
 * espeak-ng as a separate program: fast, many languages (Mandarin as voice cmn-latn-pinyin). The text goes in on stdin (never
 * on the command line), a WAV comes back on stdout.
 */
public class EspeakEngine implements SpeechEngine {

    /** How long one line may take to speak (espeak-ng needs well under a second for a sentence). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final Path program;
    private final Map<String, String> voices;
    private final int wordsPerMinute;
    private final Duration timeout;

    public EspeakEngine(Path program, Map<String, String> voices, int wordsPerMinute) {
        this(program, voices, wordsPerMinute, DEFAULT_TIMEOUT);
    }

    /** {@code timeout}: a run that takes longer is stopped (with every process it started) and fails the job. */
    public EspeakEngine(Path program, Map<String, String> voices, int wordsPerMinute, Duration timeout) {
        this.program = program;
        this.voices = voices;
        this.wordsPerMinute = wordsPerMinute;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "espeak-ng";
    }

    @Override
    public String voice(String language) {
        return voices.getOrDefault(language, language);
    }

    @Override
    public Optional<String> missing() {
        if (Files.isExecutable(program)) {
            return Optional.empty();
        }
        return Optional.of("espeak-ng (" + program + ") is not installed: install it (Debian: apt-get install"
                + " espeak-ng) or set courtside.commentary.voice.espeak-path");
    }

    @Override
    public Pcm speak(String text, String language) {
        if (!Files.isExecutable(program)) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The speech engine espeak-ng (" + program + ") is not"
                    + " installed: install it (Debian: apt-get install espeak-ng) or set"
                    + " courtside.commentary.voice.espeak-path, or courtside.commentary.voice.enabled=false for"
                    + " captions without a voice.");
        }
        String voice = voices.getOrDefault(language, language);
        List<String> command = List.of(program.toString(), "-v", voice, "-s", Integer.toString(wordsPerMinute),
                "--stdin", "--stdout");
        return SpeechProgram.wav(SpeechProgram.run("espeak-ng", command, text, true, timeout,
                "set courtside.commentary.voice.espeak-voices." + language + " to a voice espeak-ng --voices lists,"
                + " or courtside.commentary.voice.enabled=false for captions without a voice."));
    }
}
