package io.courtside.demo;

import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.ScoreState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The README demo's game shows what Courtside finds: its seven shots, its crowd bursts and every score it shows. */
class DemoGameTest {

    @TempDir
    Path dir;

    @Test
    void theAnalysisFindsTheDemoGamesShotsBurstsAndScores() throws Exception {
        Path game = dir.resolve("sample-game.mp4");
        double seconds = DemoGame.write(game);
        GameAnalysis analysis = new GameAnalyzer(AnalysisProperties.defaults()).analyze(game, StageProgress.NONE);

        assertThat(analysis.media().durationSeconds()).isCloseTo(seconds, within(0.2));
        assertThat(analysis.shots()).hasSize(7);
        assertThat(analysis.shots().get(1).start()).isCloseTo(3.0, within(0.05));

        List<ScoreState> states = analysis.scores().states();
        assertThat(analysis.scores().teams()).containsExactly("SA", "OKC");
        assertThat(states).extracting(ScoreState::score).containsExactly(
                Map.of("SA", 34, "OKC", 36), Map.of("SA", 36, "OKC", 36), Map.of("SA", 36, "OKC", 39),
                Map.of("SA", 38, "OKC", 39));
        assertThat(states.get(1).time()).isCloseTo(4.6, within(1.0));
        assertThat(states.get(2).time()).isCloseTo(14.8, within(1.0));
        assertThat(states.get(3).time()).isCloseTo(24.9, within(1.0));
        assertThat(states.get(2).scoring().team()).isEqualTo("OKC");
        assertThat(states.get(2).scoring().points()).isEqualTo(3);
    }
}
