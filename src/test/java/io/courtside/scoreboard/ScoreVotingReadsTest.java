package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * A score is reported only when read consistently: samples that carry one OCR read of a still bug are not a second
 * read. Samples are a quarter second apart, as the reader takes them; "read" samples are OCR reads of their own
 * picture, "carried" ones repeat the read before them (the picture still, its bytes another frame's noise).
 */
class ScoreVotingReadsTest {

    private static final double STEP = 1.0 / ScoreBugReader.SAMPLES_PER_SECOND;

    private static BugReading score(int cle, int gs) {
        return new BugReading(List.of("CLE", "GS"), new int[] {cle, gs}, null, "4TH", null, true);
    }

    /** {@code count} samples from {@code from} on: the first {@code reads} read, the rest carried. */
    private static double samples(ScoreVoting voting, double from, int count, int reads, BugReading reading) {
        for (int i = 0; i < count; i++) {
            voting.sample(from + i * STEP, reading, i < reads);
        }
        return from + count * STEP;
    }

    @Test
    void oneMisreadCarriedByTheSamplesAfterItIsNoState() {
        ScoreVoting voting = ScoreVoting.onePass();
        double t = samples(voting, 0, 8, 2, score(73, 81));
        // one read of a new score, misread ("GS 82" for a graphic that still shows 81), carried for two seconds: the
        // score the broadcast never showed must not be reported
        t = samples(voting, t, 8, 1, score(73, 82));
        samples(voting, t, 8, 1, score(73, 81));
        assertThat(voting.states()).extracting(ScoreState::score)
                .containsExactly(Map.of("CLE", 73, "GS", 81));
    }

    @Test
    void aMisreadOfTheFirstStateIsNoStateEither() {
        ScoreVoting voting = ScoreVoting.onePass();
        double t = samples(voting, 0, 6, 1, score(73, 2)); // "GS Ss 2": one read, carried
        samples(voting, t, 6, 2, score(73, 81));
        assertThat(voting.states()).extracting(ScoreState::score)
                .containsExactly(Map.of("CLE", 73, "GS", 81));
        assertThat(voting.states().get(0).time()).isEqualTo(t);
    }

    @Test
    void aRealChangeReadTwiceIsConfirmedWithinASecondAtItsFirstSample() {
        ScoreVoting voting = ScoreVoting.onePass();
        double t = samples(voting, 0, 8, 2, score(73, 81));
        double change = t;
        // the reader reads the new score, then the next still picture whose bytes differ: two reads, the rest carried
        samples(voting, change, 3, 2, score(73, 84));
        assertThat(voting.states()).as("confirmed %.2f s after the change", 2 * STEP).hasSize(2);
        ScoreState state = voting.states().get(1);
        assertThat(state.time()).isEqualTo(change);
        assertThat(state.score()).isEqualTo(Map.of("CLE", 73, "GS", 84));
        assertThat(state.scoring().team()).isEqualTo("GS");
        assertThat(state.scoring().points()).isEqualTo(3);
    }

    @Test
    void aMisreadThenTwoGoodReadsGivesTheGoodScoreWithinASecondOfTheChange() {
        ScoreVoting voting = ScoreVoting.onePass();
        double change = samples(voting, 0, 8, 2, score(73, 81));
        voting.sample(change, score(73, 88), true); // the first read of the new score, misread
        double reread = change + STEP;
        samples(voting, reread, 3, 2, score(73, 84)); // read again (the picture's noise differs): read right twice
        assertThat(voting.states()).extracting(ScoreState::score)
                .containsExactly(Map.of("CLE", 73, "GS", 81), Map.of("CLE", 73, "GS", 84));
        assertThat(voting.states().get(1).time()).isEqualTo(reread);
        assertThat(reread + 2 * STEP - change).as("confirmed after").isLessThanOrEqualTo(1.0);
    }

    @Test
    void theReaderIsAskedForAnotherReadOnlyWhileANewReadingLacksReads() {
        ScoreVoting voting = ScoreVoting.onePass();
        assertThat(voting.wantsRead(null)).as("nothing read").isFalse();
        assertThat(voting.wantsRead(score(73, 81))).as("nothing voted yet").isTrue();
        voting.sample(0, score(73, 81), true);
        assertThat(voting.wantsRead(score(73, 81))).as("one read").isTrue();
        voting.sample(STEP, score(73, 81), false);
        assertThat(voting.wantsRead(score(73, 81))).as("a carried sample is no read").isTrue();
        voting.sample(2 * STEP, score(73, 81), true);
        assertThat(voting.wantsRead(score(73, 81))).as("two reads, not yet half a second").isFalse();
        voting.sample(3 * STEP, score(73, 81), false);
        assertThat(voting.states()).hasSize(1);
        assertThat(voting.wantsRead(score(73, 81))).as("the state shown").isFalse();
        assertThat(voting.wantsRead(score(73, 81).swapped())).as("the state shown, rows swapped").isFalse();
        assertThat(voting.wantsRead(score(73, 84))).as("a new score").isTrue();
        assertThat(voting.wantsRead(score(70, 81))).as("a score gone down: maybe a misread of the new one").isTrue();
    }

    @Test
    void runsKeepTheirReadsAndAReplayNeedsThemToo() {
        ScoreVoting voting = ScoreVoting.onePass();
        samples(voting, 0, 6, 1, score(73, 81));
        assertThat(voting.readings()).containsExactly(new ReadingRun(0, 5 * STEP, 6, List.of("CLE", "GS"),
                List.of(73, 81), null, "4TH", false, 1));
        assertThat(voting.states()).isEmpty();
        ScoreVoting replayed = ScoreVoting.onePass();
        voting.readings().forEach(replayed::replay);
        assertThat(replayed.states()).isEmpty();
    }
}
