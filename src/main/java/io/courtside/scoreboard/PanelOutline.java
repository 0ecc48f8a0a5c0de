package io.courtside.scoreboard;

import java.util.ArrayDeque;

import org.bytedeco.javacpp.indexer.IntIndexer;

/**
 * A filled dark shape of a binarised bug page (dark text on white) that is a panel of the other polarity, and its
 * turning to dark on light ({@link BugOcr}'s panels). A panel is a box whose top and bottom are straight: square, its
 * corners rounded a little, or its ends rounded to half its height (a pill, as several broadcasts draw their clock).
 * A heavy digit fills most of its box as much, but its top and bottom are round (ESPN's bold "8" of "81").
 * <p>
 * Only the inside of the outline is turned: a pill's box holds, outside its rounded ends, the bug's own background,
 * which turned would stand as four dark wedges beside the panel's text (read as brackets or lost with it).
 */
final class PanelOutline {

    /**
     * A square panel's corners are ink: at least this share of four squares an eighth of its shorter side at its
     * box's corners (a corner rounded to a third of its height still passes). A bold digit that fills most of its box (an
     * "8", a "0") is rounded there (ESPN's "81": about 0.1 inked, its square clock panel 0.45 to 0.9).
     */
    static final double MIN_CORNER_INK = 0.3;

    /**
     * A panel's top and bottom are straight: between its ends (rounded at most to half its height, a pill's) at least
     * this share of bands an eighth of its height deep along them is ink. Measured on wide shapes only (a straight
     * run to measure). Two heavy digits joined, as wide as a short pill, dip where they meet (their bands 0.1 to 0.45
     * inked, a pill's 1.0).
     */
    static final double MIN_EDGE_INK = 0.8;

    private PanelOutline() {
    }

    /**
     * Component {@code label} of {@code labels}, boxed {@code box} (x, y, width, height), is a panel: its box's corners
     * are ink (square, or rounded a little), or its top and bottom are straight between ends rounded to half its height
     * (a pill, a box rounded more).
     */
    static boolean isPanel(IntIndexer labels, int label, int[] box) {
        if (cornerInk(labels, label, box) >= MIN_CORNER_INK) {
            return true;
        }
        int end = box[3] / 2;
        int run = box[2] - 2 * end;
        return run >= Math.max(2, box[3] / 8)
                && edgeInk(labels, label, new int[] {box[0] + end, box[1], run, box[3]}) >= MIN_EDGE_INK;
    }

    /**
     * The share of the four corners of {@code box} (x, y, width, height; squares an eighth of its shorter side) that
     * component {@code label} inks.
     */
    static double cornerInk(IntIndexer labels, int label, int[] box) {
        int k = Math.max(2, Math.min(box[2], box[3]) / 8);
        int inked = 0;
        for (int top : new int[] {box[1], box[1] + box[3] - k}) {
            for (int left : new int[] {box[0], box[0] + box[2] - k}) {
                for (int y = top; y < top + k; y++) {
                    for (int x = left; x < left + k; x++) {
                        inked += labels.get(y, x) == label ? 1 : 0;
                    }
                }
            }
        }
        return inked / (4.0 * k * k);
    }

    /**
     * The share of the top and bottom bands of {@code box} (its whole width, an eighth of its height deep) that
     * component {@code label} inks.
     */
    static double edgeInk(IntIndexer labels, int label, int[] box) {
        int k = Math.max(2, box[3] / 8);
        int inked = 0;
        for (int top : new int[] {box[1], box[1] + box[3] - k}) {
            for (int y = top; y < top + k; y++) {
                for (int x = box[0]; x < box[0] + box[2]; x++) {
                    inked += labels.get(y, x) == label ? 1 : 0;
                }
            }
        }
        return inked / (2.0 * k * box[2]);
    }

    /**
     * Turns panel {@code label} (boxed {@code box}) of {@code page} ({@code width} pixels a row, 0 ink, 255 white)
     * to light with dark text. A square panel's box is inverted whole. A rounded one's own pixels become white, and
     * every other pixel of its box that the outside cannot reach without crossing it (its text, the counters of its
     * digits) is inverted; what lies outside its outline in the box (beyond a pill's rounded ends) is left as it is.
     */
    static void flip(byte[] page, int width, IntIndexer labels, int label, int[] box) {
        int x0 = box[0];
        int y0 = box[1];
        int bw = box[2];
        int bh = box[3];
        if (cornerInk(labels, label, box) >= MIN_CORNER_INK) {
            // a box with inked corners is its own outline: turned whole, a sliver of its rim with it, as ever (kept
            // white, that sliver changed how Tesseract split a row of PanelWordsTest's teal boxes: ODUYA read "op")
            for (int y = y0; y < y0 + bh; y++) {
                for (int x = x0; x < x0 + bw; x++) {
                    page[y * width + x] = (byte) ~page[y * width + x];
                }
            }
            return;
        }
        boolean[] outside = new boolean[bw * bh];
        ArrayDeque<Integer> todo = new ArrayDeque<>();
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                boolean rim = x == 0 || y == 0 || x == bw - 1 || y == bh - 1;
                if (rim && labels.get(y0 + y, x0 + x) != label) {
                    outside[y * bw + x] = true;
                    todo.add(y * bw + x);
                }
            }
        }
        // 4-connected: a panel's outline is 8-connected, so the outside never slips through it diagonally
        while (!todo.isEmpty()) {
            int i = todo.poll();
            int x = i % bw;
            int y = i / bw;
            int[][] steps = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
            for (int[] s : steps) {
                if (s[0] < 0 || s[1] < 0 || s[0] >= bw || s[1] >= bh) {
                    continue;
                }
                int j = s[1] * bw + s[0];
                if (!outside[j] && labels.get(y0 + s[1], x0 + s[0]) != label) {
                    outside[j] = true;
                    todo.add(j);
                }
            }
        }
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int p = (y0 + y) * width + x0 + x;
                if (labels.get(y0 + y, x0 + x) == label) {
                    page[p] = (byte) 255;
                } else if (!outside[y * bw + x]) {
                    page[p] = (byte) ~page[p];
                }
            }
        }
    }
}
