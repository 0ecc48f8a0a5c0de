package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreBugFootage.Script;

/**
 * What a bug that moves costs to read: its own short animations (a logo sweeping over the score before a change)
 * are not read mid-way, and what keeps moving in it while its score stays (a flag that starts waving once the bug
 * was found) stops making the whole bug read. Designs no other test uses: a light two-line bug at the top left with a
 * logo sweep, a dark one-line bug at the top right with a flag panel.
 */
class MovingBugReadsTest {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final double FPS = 25;

    @TempDir
    Path dir;

    /**
     * Each change comes after a logo sweeps over the score for 0.8 s: the new score is read once the bug stands
     * still again, two reads per score; a read mid-way through the sweep (a half-covered score) is not made.
     */
    @Test
    void aLogoSweepingOverTheScoreIsNotReadMidWay() throws Exception {
        Design design = new Design("sweep-top-left", Layout.TWO_LINES, true, false,
                new Font("SansSerif", Font.BOLD, 24), 0.05);
        List<Change> changes = List.of(new Change(0, 12, 9), new Change(7, 14, 9), new Change(12.5, 14, 12),
                new Change(18, 15, 12), new Change(23.5, 17, 12));
        Script script = new Script(WIDTH, HEIGHT, FPS, 28, design, "LYON", "NICE", changes, List.of(), List.of(),
                0.8, 17);
        int[] reads = new int[1];
        ScoreTimeline timeline = analyse(script, design.name(), (g, t) -> { }, reads);
        assertStates(timeline, changes, "LYON", "NICE");
        // measured: 9 reads (finding it, then about two per change: one when it stands still, one to confirm); 11-13
        // when each sweep was read once half-way through
        assertThat(reads[0]).as("OCR reads").isLessThanOrEqualTo(2 * changes.size());
    }

    /**
     * A flag panel in the bug starts waving once the bug has been found (the pictures kept while finding it did not
     * show it move), so every sample sees the bug move: after it read the same score twice across the flag's
     * changes, the flag's pixels are left out, and the bug is read about as often as its score changes, not every
     * half second.
     */
    @Test
    void aFlagThatStartsWavingInTheBugIsLearnedAsNotTheScore() throws Exception {
        List<Change> changes = List.of(new Change(0, 1, 0), new Change(11, 2, 0), new Change(20, 2, 1));
        Script scene = new Script(WIDTH, HEIGHT, FPS, 26, null, "", "", List.of(), List.of(), List.of(), 0.8, 29);
        int[] reads = new int[1];
        ScoreTimeline timeline = analyse(scene, "flag", (g, t) -> drawBugWithFlag(g, t, changes), reads);
        // (the team on the left, "BAR", reads as another name now and then: the scores are what is checked)
        assertThat(timeline.teams()).hasSize(2);
        assertThat(timeline.states()).extracting(st -> List.of(st.pointsOf(timeline.teams().get(0)),
                st.pointsOf(timeline.teams().get(1)))).containsExactlyElementsOf(
                        changes.stream().map(c -> List.of(c.a(), c.b())).toList());
        // measured: 10 reads; 28 when the waving flag made the bug read every 0.7 s to the end
        assertThat(reads[0]).as("OCR reads").isLessThanOrEqualTo(14);
    }

    private static void assertStates(ScoreTimeline timeline, List<Change> changes, String a, String b) {
        assertThat(timeline.states()).extracting(ScoreState::score).containsExactlyElementsOf(
                changes.stream().map(c -> Map.of(a, c.a(), b, c.b())).toList());
        for (int i = 0; i < changes.size(); i++) {
            assertThat(timeline.states().get(i).time()).as("state %s's time", i)
                    .isCloseTo(changes.get(i).time(), Offset.offset(1.0));
        }
    }

    /** Reads the footage made from {@code script} with {@code overlay} drawn on each frame. */
    private ScoreTimeline analyse(Script script, String name, BiConsumer<Graphics2D, Double> overlay, int[] reads)
            throws Exception {
        Path video = dir.resolve(name + ".mp4");
        ScoreBugFootage.write(script, video, overlay);
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), script.fps())) {
            DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> reader.frame(time, grey,
                    overview, DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT));
            ScoreTimeline timeline = reader.timeline(script.seconds());
            reads[0] = reader.reads();
            return timeline;
        }
    }

    /**
     * A dark one-line bug at the top right, "BAR 1  0 VAL", and a flag of two bands at its right end: still until
     * 6 s, then its bands ripple, a little different at every frame.
     */
    private static void drawBugWithFlag(Graphics2D g, double t, List<Change> changes) {
        Change shown = changes.get(0);
        for (Change c : changes) {
            if (c.time() <= t) {
                shown = c;
            }
        }
        int x = (int) (0.55 * WIDTH);
        int y = 24;
        int w = 330;
        int h = 44;
        g.setColor(new Color(14, 18, 30));
        g.fillRect(x, y, w, h);
        g.setColor(new Color(245, 245, 245));
        g.setFont(new Font("SansSerif", Font.BOLD, 26));
        g.drawString("BAR  " + shown.a() + "  " + shown.b() + "  VAL", x + 24, y + 32);
        int flagW = 48;
        int fx = x + w - flagW - 10;
        int fy = y + 8;
        int fh = h - 16;
        double phase = t < 6 ? 0 : (t - 6) * 7;
        for (int col = 0; col < flagW; col++) {
            int wave = (int) Math.round(3 * Math.sin(phase + col * 0.35));
            g.setColor(new Color(40, 90, 220));
            g.fillRect(fx + col, fy + wave, 1, fh / 2);
            g.setColor(new Color(250, 215, 0));
            g.fillRect(fx + col, fy + wave + fh / 2, 1, fh / 2);
        }
    }

    private static OcrData ocrData() {
        return OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
    }
}
