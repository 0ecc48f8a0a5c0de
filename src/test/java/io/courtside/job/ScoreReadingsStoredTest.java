package io.courtside.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.courtside.scoreboard.BugForm;
import io.courtside.scoreboard.ClockReading;
import io.courtside.scoreboard.ReadingRun;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreTimeline;

/**
 * A range's score timeline survives the job database as the split join needs it: its runs of readings (which the
 * join votes again), states with their games and period, forms. A timeline stored before runs were kept reads
 * with none.
 */
class ScoreReadingsStoredTest {

    @Test
    void aRangesReadingsAndStatesComeBackAsStored() throws Exception {
        List<ReadingRun> runs = List.of(
                new ReadingRun(1.0, 4.8, 20, List.of("SIN", "ALC"), List.of(0, 0), "1-0 4-3", null, false, 20),
                new ReadingRun(5.0, 9.0, 21, List.of("SIN", "ALC"), List.of(15, 0), "1-0 4-3", "SET 2", true, 3));
        ScoreTimeline timeline = ScoreTimeline.voted(List.of(new BugForm(0, 10, new ScoreRegion(0.1, 0.8, 0.3, 0.1))),
                runs, List.of(new ClockReading(5.0, "SET 2", null)), List.of(new double[] {9.5, 10}));

        ScoreTimeline stored = JobParts.decode(JobParts.encode(timeline), ScoreTimeline.class);

        assertThat(stored.readings()).isEqualTo(runs);
        assertThat(stored.states()).isEqualTo(timeline.states()).hasSize(2);
        assertThat(stored.states().get(1).games()).isEqualTo("1-0 4-3");
        assertThat(stored.states().get(1).period()).isEqualTo("SET 2");
        assertThat(stored.forms()).isEqualTo(timeline.forms());
        assertThat(stored.hidden().get(0)).containsExactly(9.5, 10.0);

        String withoutRuns = JobParts.JSON.writeValueAsString(timeline).replaceAll(",\"readings\":\\[.*?\\]\\}?(?=\\}$)", "");
        assertThat(withoutRuns).doesNotContain("readings");
        assertThat(JobParts.JSON.readValue(withoutRuns, ScoreTimeline.class).readings()).isEmpty();

        // a run stored before its reads were counted: as many reads as samples (it replays as it was voted)
        String withoutReads = JobParts.JSON.writeValueAsString(timeline)
                .replaceAll("\"reads\":\\d+,|,\"reads\":\\d+", "");
        assertThat(withoutReads).doesNotContain("reads");
        assertThat(JobParts.JSON.readValue(withoutReads, ScoreTimeline.class).readings())
                .extracting(ReadingRun::reads).containsExactly(20, 21);
    }
}
