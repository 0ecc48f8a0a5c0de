package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.media.NativeStallWatchdog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The decoder hands frames to the signal thread through a bounded queue: when an analyser is slow (OCR on a loaded
 * machine) the decoder waits in Java. That wait is no stall, so the decoder's stall clock starts again when it
 * returns; else its next native call (the next grab) was taken for a native hang and the worker halted.
 */
class SignalThreadTest {

    @Test
    void aDecoderThatWaitedBehindASlowAnalyserStartsAFreshStallClock() throws Exception {
        List<String> halts = new CopyOnWriteArrayList<>();
        NativeStallWatchdog watchdog = new NativeStallWatchdog(Duration.ofMinutes(10), halts::add);
        AtomicLong tickBefore = new AtomicLong();
        AtomicLong tickAfter = new AtomicLong();
        AtomicLong waited = new AtomicLong();
        Thread decoder = new Thread(() -> {
            watchdog.tick();
            tickBefore.set(watchdog.lastTick(Thread.currentThread()));
            try (SignalThread signals = new SignalThread(1, watchdog)) {
                Runnable slow = () -> sleep(400);
                long start = System.nanoTime();
                for (int frame = 0; frame < 3; frame++) {
                    signals.submit(List.of(slow)); // the queue holds one: the third waits for the first
                }
                waited.set(System.nanoTime() - start);
                tickAfter.set(watchdog.lastTick(Thread.currentThread()));
                signals.finish();
            } finally {
                watchdog.release();
            }
        }, "decoder");
        decoder.start();
        decoder.join(20_000);
        watchdog.destroy();

        assertThat(waited.get()).as("the decoder waited behind the slow analyser")
                .isGreaterThan(Duration.ofMillis(300).toNanos());
        assertThat(tickAfter.get() - tickBefore.get()).as("its tick moved on by the wait")
                .isGreaterThanOrEqualTo(waited.get() - Duration.ofMillis(100).toNanos());
        assertThat(halts).isEmpty();
    }

    @Test
    void anUnwatchedThreadIsNotWatchedByWaiting() throws Exception {
        NativeStallWatchdog watchdog = new NativeStallWatchdog(Duration.ofMinutes(10), reason -> { });
        try (SignalThread signals = new SignalThread(1, watchdog)) {
            signals.submit(List.of(() -> { }));
            signals.finish();
        }
        assertThat(watchdog.lastTick(Thread.currentThread())).isNull();
        watchdog.destroy();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
