package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.scoreboard.ScoreBugFootage.Script;

/**
 * A game clock that runs, stops (a foul) and runs again, in a bug no other test draws: a light bar in the top left
 * corner, the period and a minutes-and-seconds clock at its right end. The clock's box is read alone every few
 * seconds while it runs and carried on in between ({@link BugClock}), so what the pass records keeps within a second
 * of the clock shown, the stop included, with fewer reads than reading the box once a second.
 */
class RunningClockTest {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final double FPS = 30;
    private static final double SECONDS = 30;
    /** The clock at the start, in seconds (7:45), counting down. */
    private static final int START = 465;
    /** The clock stops from here to {@link #RESTART}, in seconds of video. */
    private static final double STOP = 12;
    private static final double RESTART = 19;

    @TempDir
    Path dir;

    @Test
    void aRunningClockIsCarriedBetweenReadsWithinASecondOfTheBug() throws Exception {
        Path video = dir.resolve("clock.mp4");
        Script scene = new Script(WIDTH, HEIGHT, FPS, SECONDS, null, "", "", List.of(), List.of(), List.of(), 0.8, 7);
        ScoreBugFootage.write(scene, video, RunningClockTest::draw);
        ScoreTimeline timeline;
        int reads;
        try (ScoreBugReader reader = new ScoreBugReader(OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"),
                "courtside-ocr", "tessdata")), FPS, new BugLayout(List.of(new BugLayout.Column("points", 250)), 1,
                null))) {
            DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> reader.frame(time, grey,
                    overview, DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT));
            timeline = reader.timeline(SECONDS);
            reads = reader.reads();
        }
        assertThat(timeline.states()).extracting(ScoreState::score).containsExactly(
                Map.of("LIONS", 51, "TIGERS", 38), Map.of("LIONS", 53, "TIGERS", 38),
                Map.of("LIONS", 53, "TIGERS", 41));
        List<String> off = new ArrayList<>();
        List<ClockReading> clocks = timeline.clock().stream().filter(c -> c.clock() != null).toList();
        for (ClockReading c : clocks) {
            if (Math.abs(BugClock.seconds(c.clock()) - shown(c.time())) > 1) {
                off.add(String.format("%.2f s: %s, shown %d", c.time(), c.clock(), shown(c.time())));
            }
        }
        assertThat(off).as("clock readings more than a second off the clock shown").isEmpty();
        // recorded about once a second from when the bug is followed, through the stop and after it
        assertThat(clocks.stream().filter(c -> c.time() > 6).count()).as("clock readings after 6 s")
                .isGreaterThanOrEqualTo(20);
        assertThat(clocks.stream().filter(c -> c.time() > STOP + 1 && c.time() < RESTART).map(ClockReading::clock)
                .distinct().toList()).as("the stopped clock").hasSize(1);
        assertThat(timeline.clock()).allSatisfy(c -> assertThat(c.period()).isEqualTo("2ND"));
        assertThat(clocks.get(clocks.size() - 1).time()).isCloseTo(SECONDS, Offset.offset(1.5));
        // measured: 23 OCR reads with the box read once a second while the clock runs, 12 when it is carried
        assertThat(reads).as("OCR reads").isLessThanOrEqualTo(16);
    }

    /** The clock the bug shows at {@code t}, in seconds. */
    private static int shown(double t) {
        double run = Math.min(t, STOP) + Math.max(0, t - RESTART);
        return (int) Math.ceil(START - run);
    }

    private static void draw(Graphics2D g, double t) {
        int a = t < 9 ? 51 : 53;
        int b = t < 23 ? 38 : 41;
        int x = 30;
        int y = 24;
        g.setColor(new Color(238, 236, 228));
        g.fillRect(x, y, 470, 44);
        g.setColor(new Color(150, 20, 20));
        g.fillRect(x + 330, y, 140, 44);
        g.setColor(new Color(20, 20, 24));
        g.setFont(new Font("Dialog", Font.BOLD, 24));
        g.drawString("LIONS", x + 10, y + 31);
        g.drawString(String.valueOf(a), x + 100, y + 31);
        g.drawString("TIGERS", x + 165, y + 31);
        g.drawString(String.valueOf(b), x + 270, y + 31);
        g.setColor(Color.WHITE);
        int c = shown(t);
        g.drawString("2ND", x + 338, y + 31);
        g.drawString(String.format("%d:%02d", c / 60, c % 60), x + 400, y + 31);
    }
}
