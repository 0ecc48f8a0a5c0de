package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.StageProgress;

/**
 * A game analysed in ranges (each decoded on its own with a margin, as workers do it) and joined gives the one-pass
 * timeline: the same shots to the frame, transitions, motion, action track, replays, player sightings, logo
 * appearances, loudness and excitement. The ranges' borders fall on the game's hard spots: a cut exactly at 9.0 s
 * with a replay logo flying over it (the replay 9-12 s starts in one range and ends in the next), a dissolve
 * centred at 18.0 s, and a cut plus logo at 27.0 s.
 */
class SplitAnalysisTest {

    @TempDir
    Path dir;

    @Test
    void rangesJoinedEqualTheOnePassTimeline() throws Exception {
        SyntheticGame.GroundTruth truth = ReplayAndPlayerTest.game().write(dir.resolve("game.mp4"));
        RegisteredMedia registered = ReplayAndPlayerTest.astronautAndLogo(dir);
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalyzer analyzer = new GameAnalyzer(properties);
        ReplayBounds bounds = new ReplayBounds(properties.replayMinSeconds(), properties.replayMaxSeconds());

        GameAnalysis onePass = analyzer.analyze(truth.file(), registered, StageProgress.NONE, bounds);

        List<TimeRange> ranges = TimeRange.split(truth.durationSeconds(), 9.0);
        assertThat(ranges).hasSize(4);
        assertThat(ranges.get(1).from()).isEqualTo(9.0);
        List<RangeAnalysis> parts = new ArrayList<>();
        List<TimeRange> reversed = new ArrayList<>(ranges);
        java.util.Collections.reverse(reversed);
        for (TimeRange range : reversed) { // any order: each range stands alone
            parts.add(analyzer.analyzeRange(truth.file(), registered, range, 5.0, StageProgress.NONE));
        }
        GameAnalysis split = analyzer.merge(parts, analyzer.analyzeAudio(truth.file()), bounds);

        // The game has what makes borders hard, found by the one pass (else the comparison proves little).
        assertThat(onePass.shots().stream().map(Shot::start)).anySatisfy(t -> assertThat(t).isEqualTo(9.0));
        assertThat(onePass.replays()).hasSize(2);
        assertThat(onePass.replays().get(0).start()).isLessThan(9.2);
        assertThat(onePass.transitions()).anySatisfy(t -> assertThat(t.kind()).isEqualTo(Transition.Kind.DISSOLVE));
        assertThat(onePass.players()).isNotEmpty();

        assertThat(split.shots()).as("shots to the frame").isEqualTo(onePass.shots());
        assertThat(split.transitions()).isEqualTo(onePass.transitions());
        assertThat(split.motion()).isEqualTo(onePass.motion());
        assertThat(split.replays()).isEqualTo(onePass.replays()); // records: doubles compared exactly, NaN too
        assertThat(split.logoAppearances()).isEqualTo(onePass.logoAppearances());
        assertThat(split.players()).isEqualTo(onePass.players());
        assertThat(split.loudness().rmsDb()).isEqualTo(onePass.loudness().rmsDb());
        assertThat(split.excitement()).usingRecursiveComparison().isEqualTo(onePass.excitement());
        assertThat(split.action()).usingRecursiveComparison().isEqualTo(onePass.action());
        // and everything else (media facts, score timeline, warnings), exactly
        assertThat(split).usingRecursiveComparison()
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .withEqualsForType((a, b) -> Float.compare(a, b) == 0, Float.class).isEqualTo(onePass);
    }

    @Test
    void aBorderOwnsEachFrameOnce() {
        List<TimeRange> ranges = TimeRange.split(35.6, 9.0);
        assertThat(ranges.get(0).owns(8.96)).isTrue();
        assertThat(ranges.get(0).owns(9.0)).isFalse();
        assertThat(ranges.get(1).owns(9.0)).isTrue();
        assertThat(ranges.get(3).owns(40.0)).as("the last range runs to the end").isTrue();
    }
}
