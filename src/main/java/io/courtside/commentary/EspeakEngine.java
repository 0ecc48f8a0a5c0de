package io.courtside.commentary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.courtside.kernel.JobFailure;

/**
 * espeak-ng as a separate program: fast, many languages (Mandarin as voice cmn). The text goes in on stdin (never
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
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            // Output goes to files, not pipes: nothing blocks reading them, so the timeout below is what ends a
            // program that hangs (reading a pipe to its end first waited for ever on one that never closed it).
            out = Files.createTempFile("espeak-", ".wav");
            err = Files.createTempFile("espeak-", ".err");
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try (var in = process.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it stopped reading (exited or hung): its exit code or the timeout says which
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new JobFailure(JobFailure.RENDER_ERROR, "espeak-ng (" + program + ") did not finish within "
                        + timeout.toSeconds() + " s speaking \"" + text + "\" and was stopped: check that "
                        + program + " runs (espeak-ng --version), or set courtside.commentary.voice.enabled=false"
                        + " for captions without a voice.");
            }
            byte[] wav = Files.readAllBytes(out);
            String errors = Files.readString(err, StandardCharsets.UTF_8).trim();
            if (process.exitValue() != 0 || wav.length <= 44) {
                throw new JobFailure(JobFailure.RENDER_ERROR, "espeak-ng could not speak language '" + language
                        + "' with voice '" + voice + "' (exit " + process.exitValue() + ": " + errors + "): set"
                        + " courtside.commentary.voice.espeak-voices." + language + " to a voice espeak-ng --voices"
                        + " lists.");
            }
            return wav(wav);
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "espeak-ng (" + program + ") could not be run: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new JobFailure(JobFailure.RENDER_ERROR, "Interrupted while speaking the commentary.", e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Stops the program and everything it started (a shell wrapper's children too). */
    private static void killTree(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temp file left behind
            }
        }
    }

    /** The samples of a 16-bit PCM WAV (espeak-ng writes mono; its size fields are unset when piped). */
    static Pcm wav(byte[] wav) {
        int at = 12;
        int rate = 22_050;
        int channels = 1;
        while (at + 8 <= wav.length) {
            String id = new String(wav, at, 4, StandardCharsets.US_ASCII);
            long size = le32(wav, at + 4);
            if (id.equals("fmt ")) {
                channels = le16(wav, at + 10);
                rate = (int) le32(wav, at + 12);
            } else if (id.equals("data")) {
                int from = at + 8;
                int bytes = size <= 0 || size > wav.length - from ? wav.length - from : (int) size;
                int frames = bytes / (2 * channels);
                short[] samples = new short[frames];
                for (int i = 0; i < frames; i++) {
                    int p = from + i * 2 * channels;
                    samples[i] = (short) le16(wav, p);
                }
                return new Pcm(samples, rate);
            }
            at += 8 + (int) Math.min(size, Integer.MAX_VALUE - 16);
        }
        return new Pcm(new short[0], rate);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] << 8);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
