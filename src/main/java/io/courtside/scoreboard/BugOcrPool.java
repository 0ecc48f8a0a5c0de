package io.courtside.scoreboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tesseract instances kept open between decode passes. Opening one loads its language data, which costs as much CPU
 * as ten reads of a bug (about 0.15 s): once per process instead of once per job. An instance is used by one pass
 * at a time (Tesseract is not thread-safe: one instance per thread that reads) and keeps nothing from one read to
 * the next (its LSTM engine does not adapt), so a reused one reads exactly as a new one would. The service opens one
 * at start-up off the job's path ({@link #warm}) and closes the idle ones at shutdown ({@link #closeIdle}).
 */
public final class BugOcrPool {

    private static final Logger log = LoggerFactory.getLogger(BugOcrPool.class);

    /** Idle instances kept open (a few MB of native memory each): about as many as passes that run at once. */
    private static final int MAX_IDLE = 2;

    private static final Deque<Idle> IDLE = new ArrayDeque<>();

    private record Idle(String directory, BugOcr ocr) {
    }

    private BugOcrPool() {
    }

    /** An idle instance opened on {@code data}'s folder, else a new one (which may throw as {@link BugOcr} does). */
    static BugOcr take(OcrData data) {
        String directory = data.directory().toString();
        synchronized (IDLE) {
            for (Iterator<Idle> it = IDLE.iterator(); it.hasNext(); ) {
                Idle idle = it.next();
                if (idle.directory().equals(directory)) {
                    it.remove();
                    return idle.ocr();
                }
            }
        }
        return new BugOcr(data);
    }

    /**
     * Opens one instance on {@code data} for the first pass unless one is idle already (the service at start-up,
     * on a thread of its own: a worker's first job does not pay for loading the data). Never throws: an instance
     * that cannot open is left for the pass to report.
     */
    public static void warm(OcrData data) {
        if (!data.readable()) {
            return;
        }
        String directory = data.directory().toString();
        synchronized (IDLE) {
            if (IDLE.stream().anyMatch(idle -> idle.directory().equals(directory))) {
                return;
            }
        }
        try {
            give(data, new BugOcr(data));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            log.warn("Tesseract could not be opened ahead of the first job: {}", e.toString());
        }
    }

    /** Closes every idle instance (the service's shutdown); instances in use are closed or kept as they come back. */
    public static void closeIdle() {
        List<BugOcr> closing = new ArrayList<>();
        synchronized (IDLE) {
            IDLE.forEach(idle -> closing.add(idle.ocr()));
            IDLE.clear();
        }
        closing.forEach(BugOcr::close);
    }

    /** Tesseract recognitions (one page or one text line each) since the process started, over every instance (the bench). */
    public static long recognitions() {
        return BugOcr.RECOGNITIONS.get();
    }

    /** The thread CPU those recognitions took, in seconds (the bench). */
    public static double recognitionCpuSeconds() {
        return BugOcr.RECOGNITION_CPU_NANOS.get() / 1e9;
    }

    /** Instances waiting idle (tests). */
    static int idle() {
        synchronized (IDLE) {
            return IDLE.size();
        }
    }

    /** Back for the next pass; the oldest idle one is closed when more than {@value #MAX_IDLE} wait. */
    static void give(OcrData data, BugOcr ocr) {
        BugOcr surplus = null;
        synchronized (IDLE) {
            IDLE.addFirst(new Idle(data.directory().toString(), ocr));
            if (IDLE.size() > MAX_IDLE) {
                surplus = IDLE.removeLast().ocr();
            }
        }
        if (surplus != null) {
            surplus.close();
        }
    }
}
