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
 * A clock read twice a time apart that it shows too runs: it is carried on between reads (what the pass records
 * counts on by the time elapsed) and its box read only every few seconds, or at once when the box stops changing.
 * One per followed box (its crop's size).
 */
final class BugClock {

    private static final Logger log = LoggerFactory.getLogger(BugClock.class);

    /** Only a box at most this share of the bug's width is the clock's (a clock is a few characters)... */
    private static final double CLOCK_BOX_SHARE = 0.35;
    /** ...and the box alone is read at most this often, in seconds, for the clock the clips show... */
    private static final double READ_CLOCK_EVERY = 1;
    /**
     * ...or this often while the clock runs: between reads it is carried, counted on by the time elapsed, so what
     * is shown keeps within a second of the bug while OCR reads it a fifth as often. A clock runs at one second a
     * second whatever the sport, so the reads only confirm it.
     */
    static final double READ_RUNNING_CLOCK_EVERY = 5;
    /**
     * A running clock's box changes at least once a second (its seconds); unchanged this long, in seconds, it has
     * stopped: it is no longer carried on, and it is read again.
     */
    static final double STOPPED_AFTER = 1.5;
    /** Two reads at least this far apart, in seconds, tell whether the clock runs. */
    private static final double MIN_RUN_EVIDENCE = 0.75;
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
    // the clock carried between reads
    private double value = Double.NaN; // the clock last read, in seconds
    private double valueAt;            // when it was read
    private boolean tenths;            // shown as "36.1" (else "2:59")
    private boolean paddedMinutes;     // "02:59"
    private int direction;             // +1 counting up, -1 down, 0 not known to run
    private byte[] seenCrop;           // the crop of the last sample that looked at the box
    private double tickedAt = Double.NaN; // when the box last changed between two samples
    private boolean asRead;            // the last sample's box is the one read
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

    /**
     * The clock's box is to be read alone now: it is known, was last read long enough ago and changed since; a
     * running clock (carried between reads) only every {@value #READ_RUNNING_CLOCK_EVERY} s, or at once when its box
     * stopped changing (the clock stopped). Called at each still sample, so it also notes when the box last changed.
     */
    boolean due(double time, byte[] crop) {
        if (box == null) {
            return false;
        }
        if (seenCrop != null && seenCrop.length == crop.length && differs(seenCrop, crop)) {
            tickedAt = time;
        }
        seenCrop = crop;
        asRead = readCrop != null && !differs(readCrop, crop);
        if (time - readAt < READ_CLOCK_EVERY || asRead) {
            return false;
        }
        if (carried(time) != null) {
            return time - readAt >= READ_RUNNING_CLOCK_EVERY || time - lastChange() >= STOPPED_AFTER;
        }
        return true;
    }

    /** When the box last changed, as far as the samples tell: at the last read when not seen since. */
    private double lastChange() {
        return Double.isNaN(tickedAt) ? valueAt : Math.max(tickedAt, valueAt);
    }

    /** The box has not changed for {@value #STOPPED_AFTER} s (only known once it was seen to change). */
    private boolean stopped(double time) {
        return !Double.isNaN(tickedAt) && time - tickedAt >= STOPPED_AFTER;
    }

    /** The whole bug was read at {@code time} from {@code crop}, its clock as {@code clock} (null: none read). */
    void readWith(double time, byte[] crop, String clock) {
        readCrop = crop;
        readAt = time;
        readAlong(time, clock);
    }

    /**
     * A clock read at {@code time} (the box alone or the whole bug; null: none read): two reads whose values differ
     * by the time between them (within the display's whole seconds or tenths), the box still changing, make the
     * clock a running one, counting up or down; a clock that reads the same, jumps (a new period, a misread) or whose
     * box stopped changing is not carried.
     */
    void readAlong(double time, String clock) {
        double v = seconds(clock);
        if (Double.isNaN(v)) {
            direction = 0;
            value = Double.NaN;
            return;
        }
        boolean isTenths = clock.indexOf(':') < 0;
        double slack = isTenths ? 0.5 : 1.25; // a whole-second display is up to a tick off either side
        if (!Double.isNaN(value) && time - valueAt < MIN_RUN_EVIDENCE) {
            // too soon after the last read to tell: it stays the reference, unless this read says otherwise
            double expected = value + direction * (time - valueAt);
            if (isTenths != tenths || Math.abs(v - expected) > slack) {
                direction = 0;
                anchor(time, v, clock, isTenths);
            }
            return;
        }
        if (!Double.isNaN(value) && isTenths == tenths && !stopped(time)) {
            double dv = v - value;
            double dt = time - valueAt;
            direction = dv != 0 && Math.abs(Math.abs(dv) - dt) <= slack ? (int) Math.signum(dv) : 0;
        } else {
            direction = 0;
        }
        anchor(time, v, clock, isTenths);
    }

    private void anchor(double time, double v, String clock, boolean isTenths) {
        asRead = false;
        value = v;
        valueAt = time;
        tenths = isTenths;
        paddedMinutes = !isTenths && clock.indexOf(':') == 2 && clock.charAt(0) == '0';
    }

    /**
     * The clock as the bug shows it at {@code time}, carried on from the last read while it runs (counted on by the
     * elapsed time, to the display's whole seconds or tenths); null when it is not known to run, or when a clock
     * counting down would change how it is shown (under a minute) before it is read again.
     */
    String carried(double time) {
        if (direction == 0 || Double.isNaN(value)) {
            return null;
        }
        // a clock that stopped is not counted on past its last change and the tick that would have followed; one
        // whose box is still the one read shows what was read
        double elapsed = asRead ? 0 : Math.max(0, Math.min(time, lastChange() + 1) - valueAt);
        if (tenths) {
            double v = value + direction * Math.floor(elapsed * 10) / 10;
            return v < 0 || v >= 60 ? null : String.format(java.util.Locale.ROOT, "%.1f", v);
        }
        long v = Math.round(value + direction * Math.floor(elapsed + 0.5));
        if (v < 0 || direction < 0 && v < 60 && value >= 60) {
            return null;
        }
        return (paddedMinutes ? String.format(java.util.Locale.ROOT, "%02d:%02d", v / 60, v % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", v / 60, v % 60));
    }

    /** "2:59" as 179, "36.1" as 36.1; NaN when {@code clock} is not a clock. */
    static double seconds(String clock) {
        if (clock == null || !CLOCK.matcher(clock).matches()) {
            return Double.NaN;
        }
        int colon = clock.indexOf(':');
        return colon < 0 ? Double.parseDouble(clock)
                : Integer.parseInt(clock.substring(0, colon)) * 60 + Integer.parseInt(clock.substring(colon + 1));
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
        String read = readings.stream().flatMap(List::stream).map(BugOcr.Word::text)
                .filter(t -> CLOCK.matcher(t).matches()).findFirst().orElse(null);
        readAlong(time, read);
        return read;
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
