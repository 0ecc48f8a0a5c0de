package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.scoreboard.ScoreBugFootage.Script;

/**
 * A bug as college broadcasts draw it, a design no other test uses: a title line that slides onto it as the clip
 * starts, a panel per team and a clock between them that shows tenths (so some of its pixels change at every sample)
 * over a shot clock and the period, sitting on a full-width strip of other games whose network block is taller than
 * the strip, lettering painted on the floor beside it, one continuous camera shot.
 */
class TenthsClockBugTest {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final double FPS = 30;
    /** The bug's left and right, as shares of the width. */
    private static final double LEFT = 0.3;
    private static final double RIGHT = 0.72;

    @TempDir
    Path dir;

    /**
     * The finder's box is the bug's own: the strip's top edge, joined to the bug's bottom on one row beside it, is
     * not part of it ({@link BugFinder}).
     */
    @Test
    void theBugIsFoundInItsOwnBoxOnAShortClip() throws Exception {
        List<int[]> scores = List.of(new int[] {0, 64, 59});
        ScoreTimeline timeline = analyse("short", 6, scores, new int[1]);
        assertThat(timeline.states()).as("states").isNotEmpty();
        assertThat(timeline.states()).extracting(ScoreState::score).containsOnly(Map.of("HAWKS", 64, "BEARS", 59));
        // the bug spans 0.30-0.72 of the width; the box is found on a 256-wide overview and cut a little wider
        assertThat(timeline.region().x()).as("region's left").isCloseTo(LEFT, Offset.offset(0.03));
        assertThat(timeline.region().x() + timeline.region().width()).as("region's right")
                .isCloseTo(RIGHT, Offset.offset(0.03));
    }

    /**
     * A clock showing tenths changes some of the bug's pixels at every sample (it stood still while the bug was being
     * found, so the pixels that kept changing then did not tell it): once a read found the clock in the same place twice, its box is left out of change detection and read alone about once a second, so the bug is read in
     * full about as often as its score changes, not every half second.
     */
    @Test
    void aTenthsClockDoesNotMakeEverySampleAFullRead() throws Exception {
        List<int[]> scores = List.of(new int[] {0, 64, 59}, new int[] {9, 66, 59}, new int[] {16, 66, 62});
        int[] reads = new int[1];
        ScoreTimeline timeline = analyse("clock", 24, scores, reads);
        assertThat(timeline.states()).extracting(ScoreState::score).containsExactly(
                Map.of("HAWKS", 64, "BEARS", 59), Map.of("HAWKS", 66, "BEARS", 59), Map.of("HAWKS", 66, "BEARS", 62));
        for (int i = 1; i < scores.size(); i++) {
            assertThat(timeline.states().get(i).time()).isCloseTo(scores.get(i)[0], Offset.offset(1.0));
        }
        // the clock is still read (the clips show it): about once a second
        assertThat(timeline.clock().stream().filter(c -> c.clock() != null && c.time() > 12).count())
                .as("clock readings after 12 s").isGreaterThanOrEqualTo(5);
        // measured: 23 reads (finding, reading back, a few full reads per score, the clock's box alone about once a
        // second); 28 with the clock's ticks read in full, 54 samples of 96 then seen as moving
        assertThat(reads[0]).as("OCR reads").isLessThanOrEqualTo(25);
    }

    private ScoreTimeline analyse(String name, double seconds, List<int[]> scores, int[] reads) throws Exception {
        Path video = dir.resolve(name + ".mp4");
        Script scene = new Script(WIDTH, HEIGHT, FPS, seconds, null, "", "", List.of(), List.of(), List.of(), 0.8, 41)
                .continuousPan();
        ScoreBugFootage.write(scene, video, (g, t) -> draw(g, t, scores));
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), FPS, basketball())) {
            DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> reader.frame(time, grey,
                    overview, DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT));
            ScoreTimeline timeline = reader.timeline(seconds);
            reads[0] = reader.reads();
            return timeline;
        }
    }

    private static BugLayout basketball() {
        return new BugLayout(List.of(new BugLayout.Column("points", 250)), 1, null);
    }

    private static void draw(Graphics2D g, double t, List<int[]> scores) {
        int[] score = scores.get(0);
        for (int[] s : scores) {
            if (s[0] <= t) {
                score = s;
            }
        }
        int stripTop = HEIGHT - 40;
        // lettering painted on the floor beside the bug, drifting with the camera
        g.setFont(new Font("Serif", Font.BOLD, 40));
        g.setColor(new Color(40, 30, 20));
        g.drawString("RIVER ARENA", (int) (0.02 * WIDTH - 12 * t), stripTop - 8);
        // the strip of other games: full width, its network block taller, a logo box at its right end
        g.setColor(new Color(30, 30, 36));
        g.fillRect(0, stripTop, WIDTH, HEIGHT - stripTop);
        g.setColor(new Color(200, 20, 30));
        g.fillRect(0, stripTop - 8, WIDTH / 7, HEIGHT - stripTop + 8);
        g.setColor(Color.WHITE);
        g.setFont(new Font("SansSerif", Font.BOLD, 18));
        g.drawString("NEWS", WIDTH / 7 - 70, HEIGHT - 14);
        g.setColor(new Color(230, 230, 230));
        g.drawString("LOU 54   MTSU 57   FINAL      UCONN 80   JACKSON ST 49   4TH", WIDTH / 7 + 14, HEIGHT - 14);
        g.drawRect(WIDTH - 70, stripTop + 6, 58, HEIGHT - stripTop - 12);
        // the bug, on the strip: a title line over a panel per team and the clock between them
        int x0 = (int) (LEFT * WIDTH);
        int x1 = (int) (RIGHT * WIDTH);
        int rowTop = stripTop - 50;
        int titleTop = rowTop - 30;
        if (t >= 0.3) {
            int slide = (int) (Math.max(0, 0.9 - t) / 0.6 * (x1 - x0)); // slides in from the right
            g.setColor(new Color(236, 236, 232));
            g.fillRect(x0 + slide, titleTop, x1 - x0 - slide, 30);
            g.setColor(new Color(10, 10, 14));
            g.setFont(new Font("SansSerif", Font.BOLD, 20));
            g.drawString("CONFERENCE FINAL   GAME 3", x0 + slide + 50, titleTop + 23);
        }
        int panel = (x1 - x0) * 2 / 5;
        g.setColor(new Color(20, 40, 95));
        g.fillRect(x0, rowTop, panel, 50);
        g.setColor(new Color(95, 20, 40));
        g.fillRect(x1 - panel, rowTop, panel, 50);
        g.setColor(new Color(8, 8, 8));
        g.fillRect(x0 + panel, rowTop, x1 - x0 - 2 * panel, 50);
        g.setColor(Color.WHITE);
        g.setFont(new Font("Dialog", Font.BOLD, 22));
        g.drawString("HAWKS", x0 + 12, rowTop + 33);
        g.drawString("BEARS", x1 - panel + 12, rowTop + 33);
        g.setFont(new Font("Dialog", Font.BOLD, 36));
        g.drawString(String.valueOf(score[1]), x0 + panel - 56, rowTop + 40);
        g.drawString(String.valueOf(score[2]), x1 - 56, rowTop + 40);
        // the clock stands (a free throw) while the bug is being found, then runs
        double running = Math.max(0, t - 4);
        double clock = Math.max(0, 58.0 - running);
        int mid = x0 + panel + 6;
        g.setFont(new Font("Dialog", Font.BOLD, 18));
        g.drawString(String.format("%.1f", clock), mid, rowTop + 21);
        g.setColor(new Color(250, 210, 60));
        g.setFont(new Font("Dialog", Font.BOLD, 14));
        g.drawString(String.valueOf(24 - (int) (running % 24)) + "  3Q", mid, rowTop + 42);
    }

    private static OcrData ocrData() {
        return OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
    }
}
