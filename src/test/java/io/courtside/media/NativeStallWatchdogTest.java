package io.courtside.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courtside.GameFixtures;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real native hang: FFmpeg opening a named pipe nobody writes to blocks inside avformat_open_input, where no
 * Java-side budget can reach it. The watchdog must see it and halt (here: record the halt); a thread decoding
 * normally, or waiting in Java with an old tick, must never be taken for stuck.
 */
class NativeStallWatchdogTest {

    private static final Duration STALL = Duration.ofMillis(600);

    /** For tests that decode through a DecodeBudget: a watchdog that never halts the test JVM. */
    static NativeStallWatchdog recording() {
        return new NativeStallWatchdog(Duration.ofMinutes(2), reason -> { });
    }

    @TempDir
    Path dir;

    @Test
    void aThreadStuckInNativeDecodingHaltsTheWorker() throws Exception {
        List<String> halts = new CopyOnWriteArrayList<>();
        NativeStallWatchdog watchdog = new NativeStallWatchdog(STALL, halts::add);
        Path pipe = dir.resolve("game.mp4");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

        Thread stuck = new Thread(() -> {
            watchdog.tick();
            try (FFmpegFrameGrabber grabber = MediaInputs.grabber(pipe)) {
                grabber.start(); // blocks in native code until the pipe gets a writer
            } catch (Exception expected) {
                // the test ends the hang by closing the pipe: nothing to read
            }
        }, "job-worker-stuck");
        stuck.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !halts.isEmpty());
            assertThat(halts).hasSize(1);
            assertThat(halts.get(0)).contains("job-worker-stuck").contains("org.bytedeco.ffmpeg")
                    .contains("courtside.media.stall-timeout");
        } finally {
            // Garbage, then end of file, until the open gives up and the thread comes back (FFmpeg may open the
            // pipe again). Opened read-write, the pipe never blocks this side. Until then no other grabber in the
            // JVM could even start: FFmpegFrameGrabber.start holds a JVM-wide lock while it opens.
            for (long end = System.nanoTime() + 20_000_000_000L; stuck.isAlive() && System.nanoTime() < end; ) {
                try (RandomAccessFile release = new RandomAccessFile(pipe.toFile(), "rw")) {
                    release.write(new byte[1024]);
                }
                stuck.join(50);
            }
            stuck.join(10_000);
            watchdog.destroy();
        }
        assertThat(stuck.isAlive()).isFalse();
    }

    @Test
    void decodingThatTicksAndThreadsWaitingInJavaAreNeverStuck() throws Exception {
        List<String> halts = new CopyOnWriteArrayList<>();
        NativeStallWatchdog watchdog = new NativeStallWatchdog(STALL, halts::add);
        Object lock = new Object();
        Thread idle = new Thread(() -> {
            watchdog.tick();
            synchronized (lock) {
                try {
                    lock.wait(); // an idle worker thread between jobs, its last tick getting old
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "job-worker-idle");
        idle.start();
        try {
            // A whole decode pass of a real game, ticking as the decode budget does, on this thread.
            int frames = 0;
            try (FFmpegFrameGrabber grabber = MediaInputs.grabber(GameFixtures.demoGame().file())) {
                grabber.start();
                for (Frame frame; (frame = grabber.grab()) != null; ) {
                    watchdog.tick();
                    frames += frame.image != null ? 1 : 0;
                }
            }
            assertThat(frames).isGreaterThan(100);
            // The pass is over: released, this thread is not watched while it does other native work.
            watchdog.release();
            // Checked again and again while the idle thread's tick grows stale, well past the stall timeout: no halt.
            await("no halt").during(STALL.multipliedBy(3)).atMost(STALL.multipliedBy(5))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        watchdog.check();
                        return halts.isEmpty();
                    });
        } finally {
            idle.interrupt();
            idle.join(5_000);
            watchdog.destroy();
        }
    }
}
