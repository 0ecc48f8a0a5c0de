package io.courtside.scoreboard;

import java.util.function.IntFunction;

/**
 * Reads back the pictures kept while the bug was being found. Scores never go down within a game, so two kept
 * pictures that read the same score showed it all the time between them: the pictures are read by halving (the
 * first and last, then the middle of each stretch whose ends read differently), a dozen pictures with one change in
 * about five reads instead of twelve. That matters where every kept picture differs (a clock ticking in the bug, a
 * see-through bug over a moving picture), and most where a lock is let go unconfirmed and the finder locks again
 * and again. A picture between two that read alike takes their reading without its clock (the clock it showed was
 * not read), unless it is the same picture as the first of them. A misread between two alike readings stays one
 * sample, which the voting drops; a picture read as nothing between two read as nothing is taken as nothing.
 */
final class ReadBack {

    /** Whether kept pictures {@code i} and {@code j} are the same picture (no pixel of the bug changed). */
    interface SamePicture {
        boolean same(int i, int j);
    }

    private final IntFunction<BugReading> read;
    private final SamePicture same;
    private final BugReading[] readings;
    private final boolean[] done;

    private ReadBack(int n, IntFunction<BugReading> read, SamePicture same) {
        this.read = read;
        this.same = same;
        this.readings = new BugReading[n];
        this.done = new boolean[n];
    }

    /**
     * What each of {@code n} kept pictures (oldest first) showed.
     *
     * @param last the reading of the last picture when it was read already (the one the bug was found on), else null
     * @param read reads picture i (OCR); called only for pictures whose reading cannot be told from others'
     */
    static BugReading[] readings(int n, BugReading last, IntFunction<BugReading> read, SamePicture same) {
        ReadBack r = new ReadBack(n, read, same);
        if (n == 0) {
            return r.readings;
        }
        if (last != null) {
            r.readings[n - 1] = last;
            r.done[n - 1] = true;
        }
        r.readAt(n - 1, n - 1);
        r.readAt(0, n - 1);
        r.halve(0, n - 1);
        return r.readings;
    }

    /** The pictures strictly between {@code lo} and {@code hi} (both read), read or told from their ends. */
    private void halve(int lo, int hi) {
        if (hi - lo < 2) {
            return;
        }
        if (sameScore(readings[lo], readings[hi])) {
            for (int i = lo + 1; i < hi; i++) {
                readings[i] = same.same(lo, i) ? readings[lo] : withoutClock(readings[lo]);
                done[i] = true;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        readAt(mid, lo);
        halve(lo, mid);
        halve(mid, hi);
    }

    /** Reads picture {@code i}, unless it is the same picture as {@code known} (read): then it reads alike. */
    private void readAt(int i, int known) {
        if (!done[i]) {
            readings[i] = done[known] && same.same(known, i) ? readings[known] : read.apply(i);
            done[i] = true;
        }
    }

    private static boolean sameScore(BugReading a, BugReading b) {
        return a == null ? b == null : b != null && a.key().equals(b.key());
    }

    private static BugReading withoutClock(BugReading r) {
        return r == null || r.clock() == null ? r
                : new BugReading(r.teams(), r.scores(), r.games(), r.period(), null, r.complete());
    }
}
