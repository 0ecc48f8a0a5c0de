package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The runs of readings a voting keeps, voted again by another voting, give the same states, times, scorings, periods
 * and games as the samples did: the split join relies on it. Streams drawn at random (seeded): scores that rise,
 * misreads below the score shown, other teams, the rows swapped, unreadable samples, the bug hidden, games columns
 * read or lost, a period now and then, samples that are separate reads and samples that carry the read before them.
 */
class ScoreVotingReplayTest {

    @Test
    void runsVotedAgainGiveTheStatesTheSamplesGave() {
        int states = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Random random = new Random(seed);
            ScoreVoting samples = ScoreVoting.onePass();
            int a = 0;
            int b = 0;
            int games = 0;
            double time = 0;
            for (int i = 0; i < 400; i++) {
                time += 0.1 + random.nextInt(3) * 0.1;
                int roll = random.nextInt(100);
                if (roll < 3) {
                    samples.gap();
                    continue;
                }
                if (roll < 10) {
                    samples.sample(time, null, true);
                    continue;
                }
                if (roll < 14) {
                    if (random.nextBoolean()) {
                        a += 1 + random.nextInt(3);
                    } else {
                        b += 1 + random.nextInt(3);
                    }
                }
                if (roll == 14) {
                    games++;
                    a = 0;
                    b = 0;
                }
                List<String> teams = List.of("HOME", "AWAY");
                int shownA = a;
                int shownB = b;
                if (roll >= 15 && roll < 19) {
                    shownA = Math.max(0, a - 1 - random.nextInt(4)); // a digit misread mid-animation
                } else if (roll == 19) {
                    teams = List.of("HOME", "AWAX"); // a misread name
                }
                String columns = roll == 20 ? null : games + "-0";
                String period = random.nextInt(5) == 0 ? "2ND" : null;
                BugReading reading = new BugReading(teams, new int[] {shownA, shownB}, columns, period, null, true);
                // a third of the samples carry the read before them (a still picture not read again)
                samples.sample(time, random.nextInt(10) == 0 ? reading.swapped() : reading, random.nextInt(3) > 0);
            }
            ScoreVoting replayed = ScoreVoting.onePass();
            samples.readings().forEach(replayed::replay);
            assertThat(replayed.states()).as("seed %d", seed).isEqualTo(samples.states());
            assertThat(samples.readings().size()).as("runs, not samples").isLessThan(400);
            states += samples.states().size();
        }
        assertThat(states).as("states made over all seeds").isGreaterThan(1000);
    }

    @Test
    void aRunKeepsItsFirstSampleItsLastAndHowManyAndAGapStartsAnother() {
        ScoreVoting voting = ScoreVoting.onePass();
        BugReading score = new BugReading(List.of("A", "B"), new int[] {2, 0}, null, "1ST", null, true);
        voting.sample(1.0, score, true);
        voting.sample(1.2, null, true); // unreadable: neither counts nor breaks the run
        voting.sample(1.4, score, true);
        voting.sample(1.6, score, true);
        voting.gap();
        voting.sample(3.0, score, true);
        assertThat(voting.readings()).containsExactly(
                new ReadingRun(1.0, 1.6, 3, List.of("A", "B"), List.of(2, 0), null, "1ST", false, 3),
                new ReadingRun(3.0, 3.0, 1, List.of("A", "B"), List.of(2, 0), null, "1ST", true, 1));
    }
}
