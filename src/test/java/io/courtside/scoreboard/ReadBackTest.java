package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * Reading back the pictures kept while the bug was being found: every picture gets what it showed, in far fewer OCR
 * reads than pictures when the score changed seldom, and a ticking clock (every picture different) does not make
 * it read them all. Read one by one (the reader before), each of those pictures cost a read.
 */
class ReadBackTest {

    @Test
    void oneChangeInTwentyFourTickingPicturesTakesSixReads() {
        List<BugReading> shown = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            shown.add(reading(i < 10 ? 51 : 53, 49, "7:" + (40 - i))); // the clock ticks: no two pictures alike
        }
        AtomicInteger reads = new AtomicInteger();
        BugReading[] r = ReadBack.readings(24, shown.get(23), i -> {
            reads.incrementAndGet();
            return shown.get(i);
        }, (i, j) -> i == j);
        assertThat(keys(r)).isEqualTo(keys(shown));
        assertThat(reads.get()).isEqualTo(6); // 0, 11, 5, 8, 9, 10 (23 was read when the bug was found)
        // a picture read gives its clock; one told from its neighbours has none (its clock was not read)
        assertThat(r[10].clock()).isEqualTo("7:30");
        assertThat(r[2].clock()).isNull();
    }

    @Test
    void anUnchangedBugIsNotReadAgain() {
        BugReading found = reading(80, 77, "2:01");
        AtomicInteger reads = new AtomicInteger();
        BugReading[] r = ReadBack.readings(20, found, i -> {
            reads.incrementAndGet();
            return found;
        }, (i, j) -> true);
        assertThat(reads.get()).isZero();
        assertThat(r).containsOnly(found); // the same picture: the same clock too
    }

    @Test
    void theLastPictureIsReadWhenItWasNotTheOneFoundOn() {
        List<BugReading> shown = List.of(reading(1, 0, null), reading(1, 0, null), reading(2, 0, null));
        AtomicInteger reads = new AtomicInteger();
        BugReading[] r = ReadBack.readings(3, null, i -> {
            reads.incrementAndGet();
            return shown.get(i);
        }, (i, j) -> i == j);
        assertThat(keys(r)).isEqualTo(keys(shown));
        assertThat(reads.get()).isEqualTo(3);
    }

    /**
     * Random games: the bug absent (read as nothing) for a while, then scores that only go up, changing a few times
     * in the kept pictures. Every picture reads what it showed, and the reads stay a few per change.
     */
    @Test
    void randomStretchesReadAsShownInAFewReadsPerChange() {
        SplittableRandom random = new SplittableRandom(7);
        for (int game = 0; game < 200; game++) {
            int n = 2 + random.nextInt(23);
            int absent = random.nextInt(n / 2 + 1);
            List<BugReading> shown = new ArrayList<>();
            int a = random.nextInt(100);
            int b = random.nextInt(100);
            int changes = 0;
            for (int i = 0; i < n; i++) {
                if (i > absent && random.nextInt(8) == 0) {
                    a += 1 + random.nextInt(3);
                    changes++;
                }
                shown.add(i < absent ? null : reading(a, b, "0:" + (10 + i)));
            }
            AtomicInteger reads = new AtomicInteger();
            BugReading[] r = ReadBack.readings(n, shown.get(n - 1), i -> {
                reads.incrementAndGet();
                return shown.get(i);
            }, (i, j) -> i == j);
            assertThat(keys(r)).as("game %d", game).isEqualTo(keys(shown));
            int stretches = changes + (absent > 0 ? 1 : 0) + 1;
            int log = 32 - Integer.numberOfLeadingZeros(n);
            assertThat(reads.get()).as("game %d: %d pictures, %d stretches", game, n, stretches)
                    .isLessThanOrEqualTo(1 + stretches * log);
        }
    }

    private static BugReading reading(int a, int b, String clock) {
        return new BugReading(List.of("DEN", "PHX"), new int[] {a, b}, null, null, clock, true);
    }

    private static List<String> keys(BugReading[] r) {
        return keys(java.util.Arrays.asList(r));
    }

    private static List<String> keys(List<BugReading> r) {
        List<String> keys = new ArrayList<>();
        for (BugReading x : r) {
            keys.add(x == null ? "-" : x.key());
        }
        return keys;
    }
}
