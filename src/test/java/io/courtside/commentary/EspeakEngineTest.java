package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.courtside.kernel.JobFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** espeak-ng run as a real child process: a program that hangs is stopped at the timeout, with its children. */
class EspeakEngineTest {

    @TempDir
    Path dir;

    @Test
    void aHangingEspeakIsStoppedAtTheTimeoutWithItsChildrenAndTheJobGetsAClearError() throws Exception {
        // A fake espeak-ng that writes a little, keeps stdout open through a child, and never ends.
        Path pidFile = dir.resolve("child.pid");
        Path fake = script("hanging-espeak", "#!/bin/sh\nprintf 'RIFF'\nsleep 600 &\necho $! > " + pidFile
                + "\nwait\n");
        EspeakEngine engine = new EspeakEngine(fake, Map.of(), 165, Duration.ofSeconds(2));

        long started = System.nanoTime();
        JobFailure failure = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> org.junit.jupiter.api.Assertions.assertThrows(JobFailure.class,
                        () -> engine.speak("Fast break!", "zh")));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertThat(failure.getMessage()).contains("did not finish within 2 s").contains("Fast break!")
                .contains("courtside.commentary.voice.enabled=false");
        assertThat(seconds).as("ended by the 2 s timeout").isBetween(1.5, 10.0);
        long child = Long.parseLong(Files.readString(pidFile).trim());
        Thread.sleep(200);
        assertThat(running(child)).as("the fake's own child (sleep) is killed too").isFalse();
    }

    @Test
    void aWorkingProgramStillSpeaks() throws Exception {
        // Answers with a tiny valid WAV: 8 samples of 16-bit mono at 22050 Hz.
        Path fake = script("quick-espeak", "#!/bin/sh\ncat > /dev/null\nprintf 'RIFF\\000\\000\\000\\000WAVEfmt "
                + "\\020\\000\\000\\000\\001\\000\\001\\000\\042\\126\\000\\000\\104\\254\\000\\000\\002\\000\\020\\000"
                + "data\\020\\000\\000\\000'\nhead -c 16 /dev/zero\n");
        SpeechEngine.Pcm pcm = new EspeakEngine(fake, Map.of(), 165, Duration.ofSeconds(5)).speak("Hello", "fr");
        assertThat(pcm.samples()).hasSize(8);
        assertEquals(22_050, pcm.sampleRate());
    }

    /** Alive and not a zombie waiting for its (new) parent to reap it. */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private Path script(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
