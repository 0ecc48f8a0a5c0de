package io.courtside.media;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The last line against poison media: a decode that hangs inside one native FFmpeg/OpenCV call never returns to
 * Java, so no time budget checked between frames can stop it, and its broker transaction would stay open for
 * ever. A job thread is watched from its probe to the end of its decode pass: it ticks here as it goes (the probe,
 * every progress report of the pass), and entering the next stage releases it. A watched thread whose last tick
 * is older than {@code courtside.media.stall-timeout} and that is, right now, inside a native org.bytedeco method
 * is stuck there. Then the JVM running the job halts (exit code 70). By default that is a worker process of the
 * service (courtside.worker.isolation=process), which the service starts again (the worker package's WorkerProcesses)
 * while its API, broker, store and database stay up; in-process, the whole service halts and its own supervisor
 * (compose's restart policy, systemd) must start it again. The broker redelivers the job, and the attempts bound ({@code courtside.worker.max-attempts}) ends a
 * job that hangs every time as Failed. Threads not in a decode pass, or busy in Java, are never taken for stuck.
 */
@Component
public class NativeStallWatchdog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NativeStallWatchdog.class);
    /** Exit code of a halt for a stuck native call (EX_SOFTWARE). */
    public static final int EXIT_CODE = 70;

    private final Map<Thread, Long> lastTicks = new ConcurrentHashMap<>();
    private final long stallNanos;
    private final Consumer<String> halt;
    private final ScheduledExecutorService checker;

    @Autowired
    public NativeStallWatchdog(MediaProperties limits) {
        this(limits.stallTimeout(), reason -> Runtime.getRuntime().halt(EXIT_CODE));
    }

    /** {@code halt} is given the reason; tests pass one that records it instead of ending the JVM. */
    public NativeStallWatchdog(Duration stallTimeout, Consumer<String> halt) {
        this.stallNanos = stallTimeout.toNanos();
        this.halt = halt;
        this.checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "native-stall-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(15_000, stallTimeout.toMillis() / 4));
        checker.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** The calling thread, in a decode pass, is making progress now (and is watched until it is released). */
    public void tick() {
        lastTicks.put(Thread.currentThread(), System.nanoTime());
    }

    /**
     * The calling thread, if watched, is making progress now: it has just come back from a wait in Java (a full
     * queue to a slower thread) that was no stall, and must not be taken for one when it next enters native code.
     */
    public void tickIfWatched() {
        lastTicks.computeIfPresent(Thread.currentThread(), (thread, last) -> System.nanoTime());
    }

    /** {@link System#nanoTime()} of the thread's last tick, or null when it is not watched. */
    public Long lastTick(Thread thread) {
        return lastTicks.get(thread);
    }

    /** The calling thread has left its decode pass: no longer watched. */
    public void release() {
        lastTicks.remove(Thread.currentThread());
    }

    void check() {
        long now = System.nanoTime();
        lastTicks.forEach((thread, last) -> {
            if (!thread.isAlive()) {
                lastTicks.remove(thread, last);
            } else if (now - last > stallNanos) {
                StackTraceElement[] stack = thread.getStackTrace();
                if (stack.length > 0 && stack[0].isNativeMethod() && stack[0].getClassName().startsWith("org.bytedeco.")) {
                    String reason = String.format("Thread %s has been inside %s.%s for over %d s without progress: "
                                    + "native media code is stuck; halting the worker so the broker redelivers the job "
                                    + "(courtside.media.stall-timeout, courtside.worker.max-attempts)", thread.getName(),
                            stack[0].getClassName(), stack[0].getMethodName(), (now - last) / 1_000_000_000L);
                    log.error(reason);
                    lastTicks.remove(thread, last);
                    halt.accept(reason);
                }
            }
        });
    }

    @Override
    public void destroy() {
        checker.shutdownNow();
    }
}
