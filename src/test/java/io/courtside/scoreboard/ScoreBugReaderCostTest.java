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
 * What reading the bug costs: OCR runs when the bug's own pixels changed, not each time the picture behind it moves
 * (a strip of it inside the crop's rim, cut after cut), and a second pass reuses the first one's Tesseract.
 */
class ScoreBugReaderCostTest {

    /** Length of the footage, in seconds. */
    private static final double SECONDS = 30;

    @TempDir
    Path dir;

    /** The first change comes once the bug has been found (how soon it is found is ScoreBugReadingTest's matter). */
    static final List<Change> CHANGES = List.of(new Change(0, 71, 68), new Change(8, 73, 68),
            new Change(13.5, 73, 71), new Change(19, 74, 71), new Change(24.5, 76, 71));

    @Test
    void aBottomBugIsReadAboutOncePerScore() throws Exception {
        Design design = new Design("cost-bottom", Layout.ONE_LINE, false, true,
                new Font("Dialog", Font.BOLD, 31), 0.4);
        assertReadSparingly(new Script(1280, 720, 30, SECONDS, design, "SAC", "UTA", CHANGES, List.of(), List.of(),
                0.8, 21), "SAC", "UTA");
    }

    @Test
    void aTopTwoLineBugIsReadAboutOncePerScore() throws Exception {
        Design design = new Design("cost-top", Layout.TWO_LINES, true, false,
                new Font("SansSerif", Font.BOLD, 19), 0.06);
        assertReadSparingly(new Script(640, 360, 25, SECONDS, design, "ORL", "CHA", CHANGES, List.of(), List.of(),
                0.8, 5), "ORL", "CHA");
    }

    /**
     * A score shown only while the bug was being found (the first look comes about 3 s in) is read back from the kept
     * pictures: each such score needs a second read of a picture whose bytes differ, or it is never a state.
     */
    @Test
    void aScoreShownOnlyWhileTheBugWasBeingFoundIsReadTwice() throws Exception {
        Design design = new Design("cost-early", Layout.ONE_LINE, false, true,
                new Font("Dialog", Font.BOLD, 31), 0.4);
        List<Change> changes = List.of(new Change(0, 64, 60), new Change(1.5, 66, 60), new Change(9, 66, 63));
        Script script = new Script(1280, 720, 30, 14, design, "DEN", "PHX", changes, List.of(), List.of(), 0.8, 33);
        Path video = dir.resolve("cost-early.mp4");
        ScoreBugFootage.write(script, video);
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), script.fps())) {
            feed(video, reader);
            ScoreTimeline timeline = reader.timeline(script.seconds());
            assertThat(timeline.states()).extracting(ScoreState::score).containsExactly(
                    Map.of("DEN", 64, "PHX", 60), Map.of("DEN", 66, "PHX", 60), Map.of("DEN", 66, "PHX", 63));
            for (int i = 0; i < changes.size(); i++) {
                assertThat(timeline.states().get(i).time()).isCloseTo(changes.get(i).time(),
                        org.assertj.core.data.Offset.offset(1.0));
            }
            assertThat(reader.reads()).as("OCR reads").isLessThanOrEqualTo(3 + 3 * changes.size());
        }
    }

    @Test
    void aSecondPassReusesTesseract() {
        OcrData data = ocrData();
        BugOcr first = BugOcrPool.take(data);
        BugOcrPool.give(data, first);
        BugOcr second = BugOcrPool.take(data);
        try {
            assertThat(second).isSameAs(first);
        } finally {
            BugOcrPool.give(data, second);
        }
    }

    private void assertReadSparingly(Script script, String a, String b) throws Exception {
        Path video = dir.resolve(script.design().name() + ".mp4");
        ScoreBugFootage.write(script, video);
        ScoreTimeline timeline;
        int reads;
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), script.fps())) {
            feed(video, reader);
            timeline = reader.timeline(script.seconds());
            reads = reader.reads();
        }
        assertThat(timeline.states()).hasSize(CHANGES.size());
        for (int i = 0; i < CHANGES.size(); i++) {
            assertThat(timeline.states().get(i).score()).isEqualTo(Map.of(a, CHANGES.get(i).a(), b, CHANGES.get(i).b()));
            assertThat(timeline.states().get(i).time()).isCloseTo(CHANGES.get(i).time(),
                    org.assertj.core.data.Offset.offset(1.0));
        }
        // finding reads a few candidate boxes, then about two reads per score shown (a new score is a state once two
        // reads of pictures whose bytes differ agree), one mid-way through the logo sweeping over it and now and then
        // one that failed tried again
        assertThat(reads).as("OCR reads").isLessThanOrEqualTo(3 + 3 * CHANGES.size());
    }

    /** The decode pass's feed: every frame-step-th frame's full grey picture and its 4x-small overview (256 x 144). */
    private static void feed(Path video, ScoreBugReader reader) throws Exception {
        DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> reader.frame(time, grey, overview,
                DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT));
    }

    private static OcrData ocrData() {
        return OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
    }
}
