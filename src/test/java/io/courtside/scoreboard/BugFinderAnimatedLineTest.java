package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;

import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Overviews made up here (a noisy moving picture, a bug whose title line appears on it at the second sample, as a
 * bug's title slides on as a broadcast starts): a line that changed once, however much, is not a crawl, so the bug
 * is read at the finder's first look ({@link BugFinder}).
 */
class BugFinderAnimatedLineTest {

    private static final int W = 256;
    private static final int H = 144;

    @Test
    void aTitleThatAppearedOnceIsNotACrawl() {
        AtomicInteger read = new AtomicInteger();
        BugFinder.Pages pages = new BugFinder.Pages() {
            @Override
            public BugReading read(byte[] crop, int width, int height) {
                read.incrementAndGet();
                return new BugReading(List.of("OWLS", "BEES"), new int[] {41, 39}, null, null, null, true);
            }

            @Override
            public boolean changed(byte[] before, byte[] now) {
                return false;
            }
        };
        BugFinder finder = new BugFinder(BugLayout.GUESS, BugFinding.defaults());
        Random random = new Random(3);
        BugFinder.Found found = null;
        try (Mat picture = new Mat(H * 4, W * 4, CV_8UC1)) {
            picture.data().put(new byte[H * 4 * W * 4]);
            for (int sample = 0; sample < BugFinder.MIN_FIND_SAMPLES && found == null; sample++) {
                byte[] overview = new byte[W * H];
                for (int i = 0; i < overview.length; i++) {
                    overview[i] = (byte) (60 + random.nextInt(140)); // the picture, changing at every sample
                }
                drawBug(overview, sample >= 1);
                found = finder.sample(sample * 0.5, picture, overview, W, H, false, pages);
            }
        }
        assertThat(read.get()).as("candidates read").isPositive();
        assertThat(found).as("found at the first look").isNotNull();
        assertThat(found.overviewBox()[1]).as("the box's top: the title's").isLessThanOrEqualTo(100);
    }

    /**
     * A dark bug with light bars (its text) in a light frame whose upper part is empty; {@code title}: a dark title
     * line with text fills that part.
     */
    private static void drawBug(byte[] o, boolean title) {
        fill(o, 80, 98, 176, 99, 230);
        fill(o, 80, 98, 81, 130, 230);
        fill(o, 175, 98, 176, 130, 230);
        fill(o, 81, 112, 175, 130, 30);
        for (int x = 84; x < 172; x += 4) {
            fill(o, x, 116, x + 2, 126, 230);
        }
        if (title) {
            fill(o, 81, 99, 175, 112, 12);
            for (int x = 86; x < 168; x += 5) {
                fill(o, x, 101, x + 2, 109, 240);
            }
        }
    }

    private static void fill(byte[] o, int x0, int y0, int x1, int y1, int grey) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                o[y * W + x] = (byte) grey;
            }
        }
    }
}
