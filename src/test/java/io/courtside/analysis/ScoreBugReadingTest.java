package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.kernel.StageProgress;
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
        return analysis.scores();
    }

    @Test
    void topLightOnDarkOneLineInSansSerif() {
        Design design = new Design("top-dark", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 20), 0.04);
        ScoreTimeline t = read(ScoreBugFootage.script(design, 25, "CLE", "GS", BASKETS));
        assertStates(t, BASKETS, "CLE", "GS");
    }

    @Test
    void bottomDarkOnLightTwoLinesInDejaVu() {
        Design design = new Design("bottom-light", Layout.TWO_LINES, false, false, ScoreBugFootage.dejaVu(17), 0.7);
        List<Change> changes = List.of(new Change(0, 88, 90), new Change(4, 91, 90), new Change(9, 91, 92),
                new Change(14, 94, 92), new Change(19, 96, 92));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 23, "OKC", "SA", changes));
        assertStates(t, changes, "OKC", "SA");
        assertThat(t.last().score()).isEqualTo(Map.of("OKC", 96, "SA", 92));
    }

    @Test
    void monospacedBugHiddenDuringAReplay() {
        Design design = new Design("top-right-mono", Layout.ONE_LINE, true, false,
                new Font("Monospaced", Font.BOLD, 22), 0.5);
        List<Change> changes = List.of(new Change(0, 3, 5), new Change(6, 5, 5), new Change(16, 5, 8));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 22, "LAL", "BOS", changes).withHidden(9, 13));
        assertStates(t, changes, "LAL", "BOS");
        assertThat(t.hidden()).hasSize(1);
        assertThat(t.hidden().get(0)[0]).isCloseTo(9, org.assertj.core.data.Offset.offset(1.0));
        assertThat(t.hidden().get(0)[1]).isCloseTo(13, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void partlyCoveredBugInventsNoState() {
        Design design = new Design("bottom-dark", Layout.ONE_LINE, false, true, new Font("Serif", Font.BOLD, 21), 0.05);
        List<Change> changes = List.of(new Change(0, 40, 41), new Change(5, 42, 41), new Change(15, 42, 44));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 20, "MIA", "NYK", changes).withCovered(8, 12));
        assertStates(t, changes, "MIA", "NYK");
    }

    @Test
    void noBugNoStatesAndAWarning() {
        Design design = new Design("top-dark", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 20), 0.04);
        Path video = dir.resolve("nobug.mp4");
        ScoreBugFootage.write(ScoreBugFootage.script(design, 15, "CLE", "GS", BASKETS).withoutBug(), video);
        GameAnalysis analysis = analyzer.analyze(video, StageProgress.NONE);
        assertThat(analysis.scores().found()).isFalse();
        assertThat(analysis.scores().states()).isEmpty();
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("No score bug found"));
    }

    @Test
    void tableTennisGamesAndPoints() {
        Design design = new Design("pingpong", Layout.GAMES_AND_POINTS, true, true, ScoreBugFootage.dejaVu(16), 0.04);
        List<Change> changes = List.of(new Change(0, 8, 3, 2, 0), new Change(5, 9, 3, 2, 0),
                new Change(10, 10, 3, 2, 0), new Change(15, 0, 0, 3, 0), new Change(20, 0, 1, 3, 0));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 24, "MA Long", "XU Xin", changes));
        assertThat(t.teams()).containsExactly("MA Long", "XU Xin");
        assertThat(t.states()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            ScoreState s = t.states().get(i);
            assertThat(s.score()).isEqualTo(Map.of("MA Long", c.a(), "XU Xin", c.b()));
            assertThat(s.period()).isEqualTo(c.gamesA() + "-" + c.gamesB());
            assertThat(s.time()).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(t.states().get(3).scoring()).as("a new game is no score by one player").isNull();
        assertThat(t.states().get(4).scoring().team()).isEqualTo("XU Xin");
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
