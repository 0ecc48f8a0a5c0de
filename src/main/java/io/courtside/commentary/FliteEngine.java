package io.courtside.commentary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Flite 2.2 (Debian: flite), English, with one of its built-in voices (flite -lv: kal, kal16, awb, rms, slt) or a
 * .flitevox file. The text goes in a file, never on the command line.
 */
public class FliteEngine extends EnglishVoiceProgram {

    private volatile Boolean hasVoice;

    public FliteEngine(Path program, String voice, Duration timeout) {
        super(program, voice, timeout);
    }

    @Override
    public String name() {
        return "flite";
    }

    @Override
    String programMissing() {
        return "flite (" + program + ") is not installed: install it (Debian: apt-get install flite)"
                + " or set courtside.commentary.voice.flite-path";
    }

    @Override
    String voiceMissing() {
        return "flite (" + program + ") has no voice " + voice + " (flite -lv lists them): set"
                + " courtside.commentary.voice.flite-voice";
    }

    /** A .flitevox file that exists, or a voice flite -lv lists (asked once). */
    @Override
    boolean hasVoice() {
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
    List<String> command() {
        return List.of(program.toString(), "-voice", voice, "-f", SpeechProgram.TEXT_FILE, "-o",
                SpeechProgram.WAV_FILE);
    }

    @Override
    String otherEngines() {
        return "festival, freetts";
    }
}
