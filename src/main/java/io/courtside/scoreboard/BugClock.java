package io.courtside.scoreboard;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock's box in the crop of a followed score bug ({@link ScoreBugReader}): where a read found the bug's clock
 * ("36.1", "2:59") and the small numbers over or under it (a shot clock, the period), in two reads running. From then
 * on it is left out of the bug's change detection, so a clock that ticks (tenths of a second: every sample) does not
 * make the bug read in full, and the box alone is read about once a second for the clock; the score keeps its reading.
 * One per followed box (its crop's size).
 */
final class BugClock {

    private static final Logger log = LoggerFactory.getLogger(BugClock.class);

    /** Only a box at most this share of the bug's width is the clock's (a clock is a few characters)... */
    private static final double CLOCK_BOX_SHARE = 0.35;
    /** ...and the box alone is read at most this often, in seconds, for the clock the clips show. */
    private static final double READ_CLOCK_EVERY = 1;
    /** A clock as a bug shows it ("2:59", "36.1"). */
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}|\\d{1,2}\\.\\d");
    /** A number or a period beside the clock, as small as its digits (a shot clock, "2Q"): in the clock's box. */
    private static final Pattern BESIDE_CLOCK = Pattern.compile("\\d{1,2}|\\d?[A-Z]{1,2}");

    private final int width;
    private final int height;
    /** A pixel changed by more than this many grey levels: the clock ticked (the reader's change test). */
    private final int pixelChange;
    private int[] box;          // x0, y0, x1, y1 (exclusive), crop pixels: the clock's, left out of change tests
    private int[] seenAt;       // where the last read found the clock, for the next read to confirm
    private byte[] readCrop;    // the crop whose clock box was last read
    private double readAt;

    /** For a bug's crop of {@code width} x {@code height} pixels. */
    BugClock(int width, int height, int pixelChange) {
        this.width = width;
        this.height = height;
        this.pixelChange = pixelChange;
    }

    /** The clock's box is known (two reads running found it in one place). */
    boolean located() {
        return box != null;
    }

    /**
     * The clock's box from the words of a complete reading that shows a clock: the clock's word with the numbers and
     * period as small as it over or under it; true once two reads running found it in the same place (its pixels are
     * then to be left out of change detection, {@link #leaveOut}).
     *
     * @param words the words {@code read} was read from
     */
    boolean locate(double time, byte[] crop, BugReading read, List<BugOcr.Word> words) {
        BugOcr.Word clock = read == null || !read.complete() || read.clock() == null ? null
                : words.stream().filter(w -> w.text().equals(read.clock())).findFirst().orElse(null);
        if (clock == null) {
            seenAt = null;
            return false;
        }
        int[] b = {clock.x(), clock.y(), clock.right(), clock.y() + clock.height()};
        for (BugOcr.Word w : words) {
            boolean under = w.x() < clock.right() && w.right() > clock.x()
                    && Math.max(w.y() - (clock.y() + clock.height()), clock.y() - (w.y() + w.height()))
                            < clock.height();
            if (w != clock && under && w.height() <= 1.2 * clock.height() && BESIDE_CLOCK.matcher(w.text()).matches()) {
                b = new int[] {Math.min(b[0], w.x()), Math.min(b[1], w.y()), Math.max(b[2], w.right()),
                    Math.max(b[3], w.y() + w.height())};
            }
        }
        int margin = Math.max(2, clock.height() / 4);
        b = new int[] {Math.max(0, b[0] - margin), Math.max(0, b[1] - margin), Math.min(width, b[2] + margin),
            Math.min(height, b[3] + margin)};
        if (b[2] - b[0] > CLOCK_BOX_SHARE * width) {
            seenAt = null;
            return false;
        }
        boolean again = seenAt != null && b[0] < seenAt[2] && seenAt[0] < b[2] && b[1] < seenAt[3] && seenAt[1] < b[3];
        if (!again) {
            seenAt = b;
            return false;
        }
        box = new int[] {Math.min(b[0], seenAt[0]), Math.min(b[1], seenAt[1]), Math.max(b[2], seenAt[2]),
            Math.max(b[3], seenAt[3])};
        readCrop = crop;
        readAt = time;
        log.debug("The bug's clock is at {} in its crop: its ticks are not read in full", Arrays.toString(box));
        return true;
    }

    /** Marks the clock's box in {@code live}, the crop's pixels left out of change detection (as the picture behind). */
    void leaveOut(boolean[] live) {
        for (int y = box[1]; y < box[3]; y++) {
            Arrays.fill(live, y * width + box[0], y * width + box[2], true);
        }
    }

    /** The clock's box is to be read alone now: it is known, was last read long enough ago and changed since. */
    boolean due(double time, byte[] crop) {
        return box != null && time - readAt >= READ_CLOCK_EVERY && differs(readCrop, crop);
    }

    /** The clock's box of {@code crop} read alone: the clock it shows, or null when none reads. */
    String read(double time, byte[] crop, BugOcr ocr) {
        readCrop = crop;
        readAt = time;
        int cw = box[2] - box[0];
        int ch = box[3] - box[1];
        byte[] part = new byte[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(crop, (box[1] + y) * width + box[0], part, y * cw, cw);
        }
        List<List<BugOcr.Word>> readings = ocr.read(part, cw, ch,
                words -> words.stream().anyMatch(w -> CLOCK.matcher(w.text()).matches()));
        return readings.stream().flatMap(List::stream).map(BugOcr.Word::text)
                .filter(t -> CLOCK.matcher(t).matches()).findFirst().orElse(null);
    }

    /** Whether the clock's box changed between the two crops. */
    private boolean differs(byte[] a, byte[] b) {
        for (int y = box[1]; y < box[3]; y++) {
            for (int x = box[0], i = y * width + x; x < box[2]; x++, i++) {
                if (Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > pixelChange) {
                    return true;
                }
            }
        }
        return false;
    }
}
