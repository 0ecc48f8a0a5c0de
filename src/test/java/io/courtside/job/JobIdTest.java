package io.courtside.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** JobIds keep ICE's form and are time-ordered, so new jobs are inserted at the end of the job_id index. */
class JobIdTest {

    @Test
    void jobIdsAreThirtyTwoLowerCaseHexDigits() {
        for (int i = 0; i < 1000; i++) {
            assertThat(JobStore.newId()).matches("[0-9a-f]{32}");
        }
    }

    @Test
    void jobIdsMadeLaterSortAfterEarlierOnes() throws InterruptedException {
        String earlier = JobStore.newId();
        Thread.sleep(3);
        String later = JobStore.newId();
        assertThat(later).isGreaterThan(earlier);
        // The first 12 digits are the creation time in milliseconds.
        long millis = Long.parseLong(later.substring(0, 12), 16);
        assertThat(millis).isBetween(System.currentTimeMillis() - 60_000, System.currentTimeMillis());
    }

    @Test
    void jobIdsMadeInTheSameMillisecondDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(JobStore.newId());
        }
        assertThat(ids).hasSize(100_000);
    }
}
