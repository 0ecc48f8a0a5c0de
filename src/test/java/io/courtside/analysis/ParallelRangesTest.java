package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobCanceledException;
import io.courtside.kernel.StageProgress;

/**
 * One worker analyses a long input as ranges at once, each on its own thread with its own decoder and detectors,
 * and joins them (RangeMerge, as for a game split across workers) into the one-pass timeline. The game is
 * SplitAnalysisTest's: in 2 ranges the border falls on the centre of a dissolve (18.0 s), in 4 ranges also on a cut
 * with a replay logo flying over it (9.0 s, the replay 9-12 s straddles it) and a cut plus logo (27.0 s).
 */
class ParallelRangesTest {

    @TempDir
    Path dir;

    private static ParallelRangeProperties ranges(int count, double marginSeconds) {
        return new ParallelRangeProperties(count, Duration.ofSeconds(10),
                Duration.ofMillis(Math.round(marginSeconds * 1000)));
    }

    @Test
    void rangesAtOnceOnTheirOwnThreadsGiveTheOnePassTimeline() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        RegisteredMedia registered = ReplayAndPlayerTest.astronautAndLogo(dir);
        AnalysisProperties properties = AnalysisProperties.defaults();
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());
        GameAnalysis onePass = new GameAnalyzer(properties, ranges(1, 5))
                .analyze(truth.file(), registered, StageProgress.NONE, bounds);
        // The hard spots are there (else equality proves little).
        assertThat(onePass.transitions()).anySatisfy(t -> {
            assertThat(t.kind()).isEqualTo(Transition.Kind.DISSOLVE);
            assertThat(t.start()).isLessThan(18.0);
            assertThat(t.end()).isGreaterThan(18.0);
        });
        assertThat(onePass.shots().stream().map(Shot::start)).contains(9.0);
        assertThat(onePass.replays()).hasSize(2);
        assertThat(onePass.players()).isNotEmpty();

        for (int count : new int[] {2, 4}) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Double> fractions = new CopyOnWriteArrayList<>();
            GameAnalysis inRanges = new GameAnalyzer(properties, ranges(count, 5)).analyze(truth.file(), registered,
                    fraction -> {
                        threads.add(Thread.currentThread().getName());
                        fractions.add(fraction);
                    }, bounds);
            assertThat(threads).as("each range reported from its own thread").hasSize(count)
                    .allSatisfy(name -> assertThat(name).startsWith(RangeThreads.THREAD_NAME));
            assertThat(fractions.get(fractions.size() - 1)).isEqualTo(1.0);
            assertThat(inRanges).as("%d ranges at once", count).usingRecursiveComparison()
                    .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                    .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(onePass);
        }

        // The comparison sees a border decided without context: the same 2 ranges with no margin are not one pass.
        GameAnalysis blind = new GameAnalyzer(properties, ranges(2, 0))
                .analyze(truth.file(), registered, StageProgress.NONE, bounds);
        assertThat(blind).usingRecursiveComparison()
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isNotEqualTo(onePass);
    }

    /**
     * A job canceled while its ranges run: the cancel thrown in one range's thread reaches the caller as itself
     * (not as a range stopped because another failed), and the analysis ends.
     */
    @Test
    void aCancelInOneRangeEndsTheAnalysisWithTheCancel() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalyzer analyzer = new GameAnalyzer(properties, ranges(2, 5));
        StageProgress canceled = fraction -> {
            if (fraction > 0.1) {
                throw new JobCanceledException("job-1");
            }
        };
        assertThatThrownBy(() -> analyzer.analyze(truth.file(), canceled))
                .isInstanceOf(JobCanceledException.class);
        // a game shorter than min-duration is one pass: the progress hears only the job's own thread
        Set<String> threads = ConcurrentHashMap.newKeySet();
        new GameAnalyzer(properties, new ParallelRangeProperties(2, Duration.ofMinutes(1), Duration.ofSeconds(5)))
                .analyze(truth.file(), fraction -> threads.add(Thread.currentThread().getName()));
        assertThat(threads).containsExactly(Thread.currentThread().getName());
    }
}
