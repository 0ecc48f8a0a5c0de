package io.courtside.commentary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.courtside.kernel.JobFailure;

/**
 * Runs a speech program (espeak-ng, flite, festival's text2wave) as a child process: the text goes in a file or on
 * stdin, never on the command line; the WAV comes back in a file. Output goes to files, not pipes: nothing blocks
 * reading them, so the timeout is what ends a program that hangs, with every process it started.
 */
final class SpeechProgram {

    /** Placeholders in a command: replaced by the text file and the WAV file of the run. */
    static final String TEXT_FILE = "{text}";
    static final String WAV_FILE = "{wav}";

    private SpeechProgram() {
    }

    /**
     * Runs {@code command} (with {@link #TEXT_FILE} / {@link #WAV_FILE} replaced; {@code stdout} true: the WAV is
     * what it writes on stdout) with {@code text}, also on its stdin, and returns the WAV's bytes.
     * {@code engine} names it in errors; {@code fix} says what to change when it fails.
     */
    static byte[] run(String engine, List<String> command, String text, boolean stdout, Duration timeout,
            String fix) {
        Path in = null;
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            in = Files.createTempFile("speech-", ".txt");
            out = Files.createTempFile("speech-", ".wav");
            err = Files.createTempFile("speech-", ".err");
            Files.writeString(in, text + "\n", StandardCharsets.UTF_8);
            List<String> args = new ArrayList<>();
            for (String arg : command) {
                args.add(arg.replace(TEXT_FILE, in.toString()).replace(WAV_FILE, out.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(args).redirectError(err.toFile());
            builder = stdout ? builder.redirectOutput(out.toFile()) : builder.redirectOutput(err.toFile());
            process = builder.start();
            try (var stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // it stopped reading (exited or hung): its exit code or the timeout says which
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                throw new JobFailure(JobFailure.RENDER_ERROR, engine + " (" + command.get(0) + ") did not finish"
                        + " within " + timeout.toSeconds() + " s speaking \"" + text + "\" and was stopped: check that "
                        + command.get(0) + " runs, or " + fix);
            }
            byte[] wav = Files.readAllBytes(out);
            if (process.exitValue() != 0 || wav.length <= 44) {
                String errors = Files.readString(err, StandardCharsets.UTF_8).trim();
                throw new JobFailure(JobFailure.RENDER_ERROR, engine + " could not speak \"" + text + "\" (exit "
                        + process.exitValue() + ": " + errors + "): " + fix);
            }
            return wav;
        } catch (IOException e) {
            throw new JobFailure(JobFailure.RENDER_ERROR, engine + " (" + command.get(0) + ") could not be run: "
                    + e.getMessage() + ": " + fix, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new JobFailure(JobFailure.RENDER_ERROR, "Interrupted while speaking the commentary.", e);
        } finally {
            deleteQuietly(in);
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

    /** The samples of a 16-bit PCM WAV (mono or the first channel; size fields unset when piped are tolerated). */
    static SpeechEngine.Pcm wav(byte[] wav) {
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
                return new SpeechEngine.Pcm(samples, rate);
            }
            at += 8 + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - 16);
        }
        return new SpeechEngine.Pcm(new short[0], rate);
    }

    private static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] << 8);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
