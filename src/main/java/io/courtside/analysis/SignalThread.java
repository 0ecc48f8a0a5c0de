package io.courtside.analysis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.slf4j.MDC;

import io.courtside.media.NativeStallWatchdog;

/**
 * The second half of the video loop: the frame analysers (shots, motion, replay logos, faces, the score bug) run
 * on this thread, in frame order, a few frames behind the decoder, so the decoder thread only decodes and makes
 * the small grey pictures. Each frame's work is handed over with its own copies of the pictures it reads (the
 * decoder reuses its picture at the next frame); at most {@code capacity} frames wait, so memory stays flat. A
 * failure of an analyser ends the pass: {@link #submit} and {@link #finish} throw it on the decoder's thread.
 */
final class SignalThread implements AutoCloseable {

    /** The thread's name, one per analysis pass. */
    static final String THREAD_NAME = "courtside-analysis-signals";

    private static final List<Runnable> END = List.of();

    private final BlockingQueue<List<Runnable>> queue;
    private final NativeStallWatchdog watchdog;
    private final Thread thread;
    private volatile Throwable failure;
    private volatile boolean abandoned;
    private boolean ended;

    /**
     * Starts the thread; it ticks {@code watchdog} (when not null) before each frame's work, so a native call that
     * never returns on it (OpenCV, Tesseract) halts the worker as one on the job's thread does; waiting for work
     * is no stall.
     */
    SignalThread(int capacity, NativeStallWatchdog watchdog) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.watchdog = watchdog;
        Map<String, String> mdc = MDC.getCopyOfContextMap(); // the job's log lines keep its JobId
        this.thread = new Thread(() -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                run(watchdog);
            } finally {
                if (watchdog != null) {
                    watchdog.release();
                }
                MDC.clear();
            }
        }, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    private void run(NativeStallWatchdog watchdog) {
        while (true) {
            List<Runnable> work;
            try {
                work = queue.take();
            } catch (InterruptedException e) {
                failure = e;
                return;
            }
            if (work == END) {
                return;
            }
            if (failure == null && !abandoned) { // else drained unrun, so the decoder never blocks
                if (watchdog != null) {
                    watchdog.tick();
                }
                try {
                    work.forEach(Runnable::run);
                } catch (Throwable t) {
                    failure = t;
                }
            }
        }
    }

    /** One frame's work, run after every frame submitted before it; throws an analyser's earlier failure. */
    void submit(List<Runnable> work) {
        rethrow();
        if (!work.isEmpty()) {
            put(work);
        }
    }

    /** Waits until every submitted frame has been analysed; throws an analyser's failure. */
    void finish() {
        end();
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure;
        if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException("the frame analysers stopped: " + t, t);
        }
    }

    private void put(List<Runnable> work) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(work);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // the decoder may have waited long behind a slow analyser (OCR under load): that wait was progress elsewhere,
        // so its next native call starts a fresh stall clock
        if (watchdog != null) {
            watchdog.tickIfWatched();
        }
    }

    /**
     * Ends the thread and waits for it; frames not yet analysed are dropped (the pass failed or was canceled).
     * After {@link #finish()} it does nothing.
     */
    @Override
    public void close() {
        if (!ended) {
            abandoned = true;
        }
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        put(END);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
