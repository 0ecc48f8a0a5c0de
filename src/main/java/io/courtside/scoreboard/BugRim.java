package io.courtside.scoreboard;

/**
 * The rows and columns along the rim of a bug's crop that show the picture behind the bug, learned while the bug is
 * followed. The crop is cut a little larger than the bug (its box is found on a coarse overview), so a thin strip of
 * the picture may lie inside it, beyond the rim that change detection leaves out anyway. A row or column near the rim
 * that nearly all changed between two samples while the inside of the bug did not (a cut, the camera moving behind
 * the bug) is the picture's: from then on change detection leaves it out, so a line or a player passing behind the
 * bug does not make it look changed and be read again. Text never changes along a whole row while the rest of the
 * bug stays put.
 */
final class BugRim {

    /** A row or column that changed over at least this share of its length, the inside unchanged, is the picture's... */
    private static final double LINE_SHARE = 0.5;
    /**
     * ...a pixel of it changing by more than this many grey levels: less than a change of the bug's text needs, as a
     * cut between two shots of a similar floor shifts its grey only a little.
     */
    private static final int LINE_PIXEL_CHANGE = 12;

    private BugRim() {
    }

    /**
     * Marks in {@code live} the rim rows and columns of a {@code width} x {@code height} crop that show the picture:
     * those within {@code inset} pixels inside the left-out rim that changed over most of their length between
     * {@code before} and {@code after}, while no more than {@code insideLimit} pixels further in changed by more than
     * {@code pixelChange} grey levels (the bug itself did not change).
     */
    static void learn(byte[] before, byte[] after, int width, int height, int inset, int pixelChange, int insideLimit,
                      boolean[] live) {
        int band = 2 * inset;
        if (width <= 2 * band || height <= 2 * band) {
            return; // too small to tell a rim from the inside
        }
        int inside = 0;
        for (int y = band; y < height - band; y++) {
            for (int x = band, i = y * width + band; x < width - band; x++, i++) {
                if (!live[i] && differs(before, after, i, pixelChange) && ++inside > insideLimit) {
                    return; // the bug itself changed (a new score, an animation): nothing to learn
                }
            }
        }
        for (int y = inset; y < height - inset; y++) {
            if (y >= band && y < height - band) {
                continue;
            }
            int changed = 0;
            for (int x = inset, i = y * width + inset; x < width - inset; x++, i++) {
                changed += differs(before, after, i, LINE_PIXEL_CHANGE) ? 1 : 0;
            }
            if (changed >= LINE_SHARE * (width - 2 * inset)) {
                java.util.Arrays.fill(live, y * width, (y + 1) * width, true);
            }
        }
        for (int x = inset; x < width - inset; x++) {
            if (x >= band && x < width - band) {
                continue;
            }
            int changed = 0;
            for (int y = inset; y < height - inset; y++) {
                changed += differs(before, after, y * width + x, LINE_PIXEL_CHANGE) ? 1 : 0;
            }
            if (changed >= LINE_SHARE * (height - 2 * inset)) {
                for (int y = 0; y < height; y++) {
                    live[y * width + x] = true;
                }
            }
        }
    }

    private static boolean differs(byte[] a, byte[] b, int i, int pixelChange) {
        return Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > pixelChange;
    }
}
