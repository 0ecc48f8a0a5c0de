package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.job.StageProgress;
import io.courtside.scoreboard.ScoreBugFootage;
import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;

/** The score bug found and read in the decode pass, on footage whose bug changes at known times. */
class ScoreBugReadingTest {

    static final GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());

    @TempDir
    Path dir;

    static final List<Change> BASKETS = List.of(new Change(0, 12, 10), new Change(5, 14, 10),
            new Change(10, 14, 13), new Change(15, 20, 13), new Change(20, 20, 15));

    ScoreTimeline read(ScoreBugFootage.Script script) {
        String keep = System.getProperty("scorebug.keep");
        Path video = keep != null ? Path.of(keep) : dir.resolve("game.mp4");
        if (keep == null || !java.nio.file.Files.exists(video)) {
            ScoreBugFootage.write(script, video);
        }
        GameAnalysis analysis = analyzer.analyze(video, StageProgress.NONE);
        System.out.println(analysis.scores() + " " + analysis.warnings());
        analysis.scores().states().forEach(s -> System.out.println("  " + s));
        return analysis.scores();
    }

    @Test
    void topLightOnDarkOneLineInSansSerif() {
        Design design = new Design("top-dark", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 20), 0.04);
        ScoreTimeline t = read(ScoreBugFootage.script(design, 25, "CLE", "GS", BASKETS));
        assertStates(t, BASKETS, "CLE", "GS");
    }

    void assertStates(ScoreTimeline t, List<Change> changes, String a, String b) {
        assertThat(t.found()).isTrue();
        assertThat(t.teams()).containsExactly(a, b);
        assertThat(t.states()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            ScoreState s = t.states().get(i);
            Change c = changes.get(i);
            assertThat(s.score()).isEqualTo(Map.of(a, c.a(), b, c.b()));
            assertThat(s.time()).as("time of %s", s).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
    }
}
