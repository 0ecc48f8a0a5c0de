package io.courtside.scoreboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Tesseract instances kept open between decode passes. Opening one loads its language data, which costs as much CPU
 * as ten reads of a bug (about 0.15 s): once per process instead of once per job. An instance is used by one pass
 * at a time (Tesseract is not thread-safe) and keeps nothing from one read to the next (its LSTM engine does not
 * adapt), so a reused one reads exactly as a new one would.
 */
final class BugOcrPool {

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
