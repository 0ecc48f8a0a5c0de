package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreBugFootage.Script;

/**
 * A tennis game whose points stand level in both rows (15-15, 30-30, 40-40 drawn as numbers, 0-0 after the game):
 * every state read at its time, on bug designs no other test uses.
 */
class TennisEqualPointsTest {

    @TempDir
    Path dir;

    /** A game of level points: 15-0, 15-15, 30-15, 30-30, 40-30, 40-40 (no DEUCE label), then the game and 0-0. */
    static final List<Change> LEVEL = List.of(new Change(0, 15, 0, 1, 1, 0, 1), new Change(4, 15, 15, 1, 1, 0, 1),
            new Change(8, 30, 15, 1, 1, 0, 1), new Change(12, 30, 30, 1, 1, 0, 1), new Change(16, 40, 30, 1, 1, 0, 1),
            new Change(20, 40, 40, 1, 1, 0, 1), new Change(24, 0, 0, 1, 2, 0, 1));

    @Test
    void largeSansSerifOnDarkAtTheBottomRight() throws Exception {
        assertLevelGame(new Design("level-sans", Layout.SETS, false, true, new Font("SansSerif", Font.BOLD, 32), 0.6));
    }

    private void assertLevelGame(Design design) throws Exception {
        Script script = new Script(1280, 720, 30, 28, design, "DJOKOVIC", "FRITZ", LEVEL, List.of(), List.of(), 0.8, 11);
        Path video = dir.resolve(design.name() + ".mp4");
        ScoreBugFootage.write(script, video);
        ScoreTimeline timeline;
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), script.fps(), BugReadingLayoutTest.TENNIS)) {
            DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> reader.frame(time, grey, overview,
                    DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT));
            timeline = reader.timeline(script.seconds());
        }
        assertThat(timeline.states()).hasSize(LEVEL.size());
        for (int i = 0; i < LEVEL.size(); i++) {
            Change c = LEVEL.get(i);
            ScoreState s = timeline.states().get(i);
            assertThat(s.score()).as("state %d", i).isEqualTo(Map.of("DJOKOVIC", c.a(), "FRITZ", c.b()));
            assertThat(s.games()).as("state %d", i).isEqualTo(c.setsA() + "-" + c.setsB() + " " + c.gamesA() + "-" + c.gamesB());
            assertThat(s.time()).as("state %d", i).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
    }

    private static OcrData ocrData() {
        return OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
    }
}
