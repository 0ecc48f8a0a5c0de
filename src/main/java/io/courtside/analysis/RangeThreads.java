package io.courtside.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.slf4j.MDC;

import io.courtside.kernel.StageProgress;
import io.courtside.media.NativeStallWatchdog;

/**
 * One input analysed as time ranges at once in this process, each range on its own thread with its own decoder
 * and detectors ({@link GameAnalyzer#analyzeRange}, as a worker of a split game analyses its range), the whole
 * input's audio on one more thread ({@link GameAnalyzer#analyzeAudio}); the caller joins the results with
 * {@link RangeMerge}. The job's progress gets the ranges' mean fraction; once one range fails (a canceled job, an
 * exhausted decode budget, a bad file) the others stop at their next progress report and the first failure is
 * thrown on the caller's thread, as the one pass would throw it.
 */
final class RangeThreads {

    /** Thread names, so a stack dump or the stall watchdog's log says which range it is. */
    static final String THREAD_NAME = "courtside-analysis-range-";

    /** What the caller's two kinds of work return: the ranges' results and the audio. */
    record Results(List<RangeAnalysis> ranges, AudioAnalysis audio) {
    }

    /** Thrown in a range's thread when another range has failed: its work is of no use any more. */
    private static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("another range of the analysis failed", null, false, false);
        }
    }

    private RangeThreads() {
    }

    /**
     * Runs {@code range} for each of {@code ranges} and {@code audio} on threads of their own and waits for all.
     * {@code range} reports its fraction (0..1) to the progress it is given; the job's {@code progress} hears their
     * mean. The threads tick {@code watchdog} (when not null) as they report, so a native call stuck on one of them
     * halts the worker as one stuck on the job's thread does, and are released when they end.
     */
    static Results run(List<TimeRange> ranges, BiFunction<TimeRange, StageProgress, RangeAnalysis> range,
                       Function<StageProgress, AudioAnalysis> audio, StageProgress progress,
                       NativeStallWatchdog watchdog) {
        int n = ranges.size();
        double[] fractions = new double[n];
        Object lock = new Object();
        AtomicBoolean failed = new AtomicBoolean();
        Map<String, String> mdc = MDC.getCopyOfContextMap(); // the job's log lines keep its JobId
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n + 1, task -> {
            Thread thread = new Thread(() -> {
                if (mdc != null) {
                    MDC.setContextMap(mdc);
                }
                try {
                    task.run();
                } finally {
                    if (watchdog != null) {
                        watchdog.release();
                    }
                    MDC.clear();
                }
            }, THREAD_NAME + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<RangeAnalysis>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int slot = i;
                StageProgress own = fraction -> {
                    if (failed.get()) {
                        throw new Abandoned();
                    }
                    if (watchdog != null) {
                        watchdog.tick();
                    }
                    synchronized (lock) { // the job's progress is not made for several threads
                        fractions[slot] = fraction;
                        double sum = 0;
                        for (double f : fractions) {
                            sum += f;
                        }
                        progress.report(sum / n);
                    }
                };
                parts.add(pool.submit(() -> failing(failed, () -> range.apply(ranges.get(slot), own))));
            }
            StageProgress alive = fraction -> { // the audio's "still going": not a fraction of the stage
                if (failed.get()) {
                    throw new Abandoned();
                }
                if (watchdog != null) {
                    watchdog.tick();
                }
            };
            Future<AudioAnalysis> sound = pool.submit(() -> failing(failed, () -> audio.apply(alive)));
            List<RangeAnalysis> results = new ArrayList<>();
            RuntimeException first = null;
            for (Future<RangeAnalysis> part : parts) {
                try {
                    results.add(part.get());
                } catch (ExecutionException e) {
                    first = firstReal(first, e.getCause());
                }
            }
            AudioAnalysis measured = null;
            try {
                measured = sound.get();
            } catch (ExecutionException e) {
                first = firstReal(first, e.getCause());
            }
            if (first != null) {
                throw first;
            }
            return new Results(results, measured);
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the ranges were analysed", e);
        } finally {
            pool.shutdown();
        }
    }

    /** {@code work}'s result; a failure also tells the other ranges to stop. */
    private static <T> T failing(AtomicBoolean failed,
                                 Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (Throwable t) {
            failed.set(true);
            throw t;
        }
    }

    /** The failure to throw: the first one that is not a range stopping because another failed. */
    private static RuntimeException firstReal(RuntimeException first, Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        RuntimeException failure = cause instanceof RuntimeException r ? r
                : new IllegalStateException("a range of the analysis failed: " + cause.getMessage(), cause);
        if (first == null || first instanceof Abandoned) {
            return failure;
        }
        return first;
    }
}
