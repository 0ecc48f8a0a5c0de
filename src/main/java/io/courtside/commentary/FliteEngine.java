package io.courtside.commentary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.courtside.kernel.JobFailure;

/**
 * Flite 2.2 (Debian: flite), English, with one of its built-in voices (flite -lv: kal, kal16, awb, rms, slt) or a
 * .flitevox file. The text goes in a file, never on the command line.
 */
public class FliteEngine implements SpeechEngine {

    private final Path program;
    private final String voice;
    private final Duration timeout;
    private volatile Boolean hasVoice;

    public FliteEngine(Path program, String voice, Duration timeout) {
        this.program = program;
        this.voice = voice;
        this.timeout = timeout;
    }

    @Override
    public String name() {
        return "flite";
    }

    @Override
    public String voice(String language) {
        return voice;
    }

    @Override
    public Optional<String> missing() {
        if (!Files.isExecutable(program)) {
            return Optional.of("flite (" + program + ") is not installed: install it (Debian: apt-get install flite)"
                    + " or set courtside.commentary.voice.flite-path");
        }
        if (!hasVoice()) {
            return Optional.of("flite (" + program + ") has no voice " + voice + " (flite -lv lists them): set"
                    + " courtside.commentary.voice.flite-voice");
        }
        return Optional.empty();
    }

    /** A .flitevox file that exists, or a voice flite -lv lists (asked once). */
    private boolean hasVoice() {
        if (voice.endsWith(".flitevox")) {
            return Files.isRegularFile(Path.of(voice));
        }
        if (hasVoice == null) {
            try {
                Process lv = new ProcessBuilder(program.toString(), "-lv").redirectErrorStream(true).start();
                lv.getOutputStream().close();
                String listed = new String(lv.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!lv.waitFor(10, TimeUnit.SECONDS)) {
                    lv.destroyForcibly();
                    return false;
                }
                hasVoice = List.of(listed.replace("Voices available:", "").trim().split("\\s+")).contains(voice);
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return hasVoice;
    }

    @Override
    public Pcm speak(String text, String language) {
        if (!language.startsWith("en")) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The flite voice " + voice + " speaks English only, not '"
                    + language + "': set courtside.commentary.voice.engines." + language + " to espeak-ng.");
        }
        missing().ifPresent(problem -> {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The voice-over cannot be spoken: " + problem
                    + ", or courtside.commentary.voice.enabled=false for captions without a voice.");
        });
        List<String> command = List.of(program.toString(), "-voice", voice, "-f", SpeechProgram.TEXT_FILE, "-o",
                SpeechProgram.WAV_FILE);
        return SpeechProgram.wav(SpeechProgram.run("flite", command, text, false, timeout,
                "set courtside.commentary.voice.engines.en to another voice (festival, freetts), or"
                + " courtside.commentary.voice.enabled=false for captions without a voice."));
    }
}
