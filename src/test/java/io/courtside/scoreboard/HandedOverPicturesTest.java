package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreBugFootage.Script;

/**
 * The decode pass hands the reader its copy of each sample's picture instead of lending it (the finder keeps the
 * copy instead of copying it again): the reader reads exactly what it reads from lent pictures, gives every picture
 * back exactly once, never holds more than its ring, and keeps none after close. Two designs and sizes, the bug
 * hidden for a while (the finder looks again while it is gone) in one of them.
 */
class HandedOverPicturesTest {

    @TempDir
    Path dir;

    @Test
    void aBottomBugReadsTheSameAndEveryPictureComesBackOnce() throws Exception {
        Design design = new Design("handed-bottom", Layout.ONE_LINE, false, true, new Font("Dialog", Font.BOLD, 31),
                0.4);
        assertSameReadingAndAllBack(new Script(1280, 720, 30, 24, design, "SAC", "UTA",
                List.of(new Change(0, 71, 68), new Change(9, 73, 68), new Change(16, 73, 71)), List.of(),
                List.of(), 0.8, 21));
    }

    @Test
    void aTopBugHiddenForAWhileReadsTheSameAndEveryPictureComesBackOnce() throws Exception {
        Design design = new Design("handed-top", Layout.TWO_LINES, true, false,
                new Font("SansSerif", Font.BOLD, 19), 0.06);
        assertSameReadingAndAllBack(new Script(640, 360, 25, 30, design, "ORL", "CHA",
                List.of(new Change(0, 12, 9), new Change(7, 14, 9), new Change(21, 14, 12)),
                List.of(), List.of(), 0.8, 5).withHidden(11, 16));
    }

    private void assertSameReadingAndAllBack(Script script) throws Exception {
        Path video = dir.resolve(script.design().name() + ".mp4");
        ScoreBugFootage.write(script, video);
        ScoreTimeline lent;
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), script.fps())) {
            feed(video, reader, null);
            lent = reader.timeline(script.seconds());
        }
        Map<Mat, Integer> back = new IdentityHashMap<>();
        Map<Mat, Boolean> out = new IdentityHashMap<>();
        int[] most = {0};
        ScoreTimeline handed;
        try (ScoreBugReader reader = new ScoreBugReader(ocrData(), script.fps())) {
            feed(video, reader, new Feed(back, out, most));
            handed = reader.timeline(script.seconds());
        }
        assertThat(lent.states()).isNotEmpty();
        assertThat(handed.states()).isEqualTo(lent.states());
        assertThat(handed.region()).isEqualTo(lent.region());
        assertThat(handed.hidden()).usingRecursiveComparison().isEqualTo(lent.hidden());
        assertThat(out).as("pictures not given back after close").isEmpty();
        assertThat(back.values()).as("times each picture came back").containsOnly(1);
        assertThat(most[0]).as("pictures held at once").isLessThanOrEqualTo(ScoreBugReader.RING + 1);
        back.keySet().forEach(Mat::close);
    }

    /** The pictures handed over and not yet given back, and the most held at once. */
    private record Feed(Map<Mat, Integer> back, Map<Mat, Boolean> out, int[] most) {
        void give(Mat picture) {
            back.merge(picture, 1, Integer::sum);
            out.remove(picture);
        }
    }

    private static void feed(Path video, ScoreBugReader reader, Feed handed) throws Exception {
        DecodePassFeed.feed(video, reader.frameStep(), (time, grey, overview) -> {
            if (handed == null) {
                reader.frame(time, grey, overview, DecodePassFeed.OVERVIEW_WIDTH, DecodePassFeed.OVERVIEW_HEIGHT);
            } else {
                Mat copy = grey.clone();
                handed.out().put(copy, true);
                handed.most()[0] = Math.max(handed.most()[0], handed.out().size());
                reader.frame(time, copy, handed::give, overview, DecodePassFeed.OVERVIEW_WIDTH,
                        DecodePassFeed.OVERVIEW_HEIGHT);
            }
        });
    }

    private static OcrData ocrData() {
        return OcrData.prepare(Path.of(System.getProperty("java.io.tmpdir"), "courtside-ocr", "tessdata"));
    }
}
