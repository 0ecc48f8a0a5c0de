package io.courtside.scoreboard;

import static org.bytedeco.opencv.global.opencv_core.BORDER_CONSTANT;
import static org.bytedeco.opencv.global.opencv_core.CV_32S;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_HEIGHT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_LEFT;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_TOP;
import static org.bytedeco.opencv.global.opencv_imgproc.CC_STAT_WIDTH;
import static org.bytedeco.opencv.global.opencv_imgproc.connectedComponentsWithStats;
import static org.bytedeco.opencv.global.opencv_core.copyMakeBorder;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_BLACKHAT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_TOPHAT;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.morphologyEx;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY_INV;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_OTSU;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.tesseract.global.tesseract.OEM_LSTM_ONLY;
import static org.bytedeco.tesseract.global.tesseract.PSM_SINGLE_LINE;
import static org.bytedeco.tesseract.global.tesseract.PSM_SPARSE_TEXT;
import static org.bytedeco.tesseract.global.tesseract.RIL_WORD;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.IntIndexer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.tesseract.ResultIterator;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Tesseract on a crop of the score bug: the grey crop is upscaled (cubic) so its text is a size Tesseract reads
 * well, binarised (Otsu) with dark text on white, and read as sparse text with a whitelist of letters, digits,
 * colon and dot. Passes are added only while the words do not read as the bug's score: the same page a text line
 * at a time (the sparse mode drops a whole row of a two-row bug now and then), the inverted picture (panels of both
 * polarities) merged with the first. What they leave unread on a team's row (a games box of another colour, a column
 * the other row shows) is read alone on {@link PanelInk}'s ink by {@link #readEmptyPanels}; so is a cell of a team's
 * row the first pass read without confidence or as noise ({@link #withUnsureCellsRead}). One per decode pass
 * (Tesseract is not thread-safe).
 */
final class BugOcr implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(BugOcr.class);

    /** Letters (team names, periods), digits (scores, clock), the clock's colon and dot, the hyphen of records and names, and the space between words. */
    private static final String WHITELIST = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:.- ";
    /** A score or a games count as OCR gives it ({@link Word#isNumber}); a panel number has at most two digits. */
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern PANEL_NUMBER = Pattern.compile("\\d{1,2}");
    /** The upscaled crop's height per text line, in pixels, before the scale is clamped. */
    private static final int TARGET_HEIGHT = 120;
    private static final double MAX_SCALE = 5;
    /** Words read with less confidence (0-100) are left out (LSTM confidences of clean digits can be low: voting over samples does the rest). */
    private static final float MIN_CONFIDENCE = 1;

    private final TessBaseAPI api;
    /** Tesseract recognitions and the thread CPU they took, over the process (the bench prints them per clip). */
    static final AtomicLong RECOGNITIONS = new AtomicLong();
    static final AtomicLong RECOGNITION_CPU_NANOS = new AtomicLong();

    /** A word as read, its box in crop pixels. */
    record Word(String text, int x, int y, int width, int height, float confidence) {
        int right() {
            return x + width;
        }

        int centreY() {
            return y + height / 2;
        }

        /** A score or a games count: one to three digits. */
        boolean isNumber() {
            return NUMBER.matcher(text).matches();
        }
    }

    BugOcr(OcrData data) {
        api = new TessBaseAPI();
        if (api.Init(data.directory().toString() + "/", OcrData.ENGLISH, OEM_LSTM_ONLY) != 0) {
            api.close();
            throw new IllegalStateException("Tesseract could not load " + OcrData.ENGLISH + ".traineddata from "
                    + data.directory());
        }
        api.SetPageSegMode(PSM_SPARSE_TEXT);
        api.SetVariable("tessedit_char_whitelist", WHITELIST);
        api.SetVariable("debug_file", "/dev/null");
    }

    /**
     * The words of a tightly packed grey crop, in crop pixels: as read in the polarity most of the crop has, when
     * that is {@code enough}; else read a line at a time, and if that is not enough either, both polarities merged,
     * then each alone, then by line, for the caller to choose from.
     */
    List<List<Word>> read(byte[] grey, int width, int height, java.util.function.Predicate<List<Word>> enough) {
        return read(grey, width, height, enough, true);
    }

    /**
     * As {@link #read(byte[], int, int, java.util.function.Predicate)}; when the ordinary passes read numbers but no
     * names with them and {@code lookCloser} (the caller has not read this bug completely yet), one more: the text
     * against its panels' shading ({@link #textDetail}). A bug those passes read never pays for it.
     */
    List<List<Word>> read(byte[] grey, int width, int height, java.util.function.Predicate<List<Word>> enough,
                          boolean lookCloser) {
        double scale = Math.max(1, Math.min(MAX_SCALE, TARGET_HEIGHT / (double) height));
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        try (Mat crop = new Mat(height, width, CV_8UC1);
             Mat big = new Mat();
             Mat binary = new Mat();
             Size size = new Size(w, h)) {
            crop.data().put(grey);
            resize(crop, big, size, 0, 0, INTER_CUBIC);
            threshold(big, binary, 0, 255, THRESH_BINARY | THRESH_OTSU);
            boolean darkText = mostlyWhite(binary);
            List<Word> unsure = new ArrayList<>();
            List<Word> words = withUnsureCellsRead(grey, width, height,
                    recognise(binary, !darkText, scale, false, unsure), unsure);
            if (enough.test(words)) {
                return List.of(words); // more passes only when this one does not read as a score
            }
            // a line at a time: on a page of several rows the sparse-text mode drops a whole row now and then
            List<Word> lines = recognise(binary, !darkText, scale, true, new ArrayList<>());
            if (enough.test(lines)) {
                return List.of(lines);
            }
            List<Word> other = recognise(binary, darkText, scale, false, new ArrayList<>());
            List<Word> merged = merge(words, other);
            if (!lookCloser || enough.test(merged) || enough.test(other)
                    || !BugReading.numbersWithoutTeams(merged)) {
                return List.of(merged, words, other, lines);
            }
            // last, when numbers were read but no teams with them: the text of the crop's own polarity
            // against its panel's shading (a name on a gradient panel)
            log.debug("A closer look at a {}x{} crop: numbers read but no names with them", width, height);
            try (Mat page = textDetail(crop, size, !darkText)) {
                // names only: the numbers are the ordinary passes' (against the shading a logo's mark reads as
                // digits; kept, they made La Liga's bug read by this pass: 46 -> 62 recognitions)
                List<Word> names = recognise(page, false, scale, false, new ArrayList<>()).stream()
                        .filter(word -> word.text().chars().noneMatch(Character::isDigit)).toList();
                return List.of(merged, words, other, lines, merge(words, names));
            }
        }
    }

    /**
     * A text's height in a crop of the bug, at most this share of the crop's height (a one-row bug's crop is about
     * two to four text lines tall): the stroke of its boldest glyph is under a quarter of that.
     */
    private static final double DETAIL_WINDOW = 0.11;

    /**
     * The crop binarised against its panels' shading rather than one threshold: the text of one polarity ({@code
     * lightText}: light on darker) is what stands out from the background within a window wider than any stroke
     * (a morphological top-hat), so a panel's gradient, lighter in the middle than a name's letters' surround at the
     * edges, falls away with its panel, and so does any blob wider than the window (a team's logo's disc); then
     * Otsu, dark text on white, at {@code size}. ESPN draws CLE in grey 250 on a panel from 60 to 130: one Otsu
     * threshold (116) over the crop joined its letters to the panel's light middle band.
     */
    static Mat textDetail(Mat crop, Size size, boolean lightText) {
        int window = Math.max(5, (int) Math.round(DETAIL_WINDOW * crop.rows()) | 1);
        Mat page = new Mat();
        try (Mat detail = new Mat(); Mat big = new Mat(); Size k = new Size(window, window);
             Mat kernel = getStructuringElement(MORPH_RECT, k)) {
            morphologyEx(crop, detail, lightText ? MORPH_TOPHAT : MORPH_BLACKHAT, kernel);
            resize(detail, big, size, 0, 0, INTER_CUBIC);
            threshold(big, page, 0, 255, THRESH_BINARY_INV | THRESH_OTSU);
        }
        return page;
    }

    /** The place in {@link #read}'s list of the closer look's reading, when there is one (always the last). */
    static final int CLOSER_LOOK = 4;

    /** At most this many panel rows are read alone per crop (each one recognition). */
    static final int MAX_PANEL_READS = 4;
    /** A panel row is read with its digits scaled to about this height in pixels (Tesseract reads 30-40 px best). */
    private static final int PANEL_DIGIT_HEIGHT = 40;
    /** A number read in a panel is drawn about as tall as the row's score (within this share): a flag's star, a serve dot are smaller. */
    private static final double PANEL_DIGIT_SIZE = 0.3;

    /**
     * The numbers in panels the passes left empty: a panel of the crop ({@link PanelInk}: a box of flat colour, a
     * games box) that covers a team's row of {@code words} ({@link BugReading#teamRows}) where no word was read is
     * read alone, a line of digits, its ink judged against that panel (one threshold for the crop leaves a dark digit
     * on a red box on either side with its box). Never a word where one was read; at most {@link #MAX_PANEL_READS}
     * recognitions.
     */
    List<Word> readEmptyPanels(byte[] grey, int width, int height, List<Word> words) {
        List<BugReading.TeamRow> rows = BugReading.teamRows(words);
        List<Word> found = new ArrayList<>();
        if (rows.size() != 2) {
            return found; // a panel row is looked for only on a bug with a row per team
        }
        List<PanelInk.Box> boxes = PanelInk.boxes(PanelInk.panels(grey, width, height), width, height);
        PanelReads reads = new PanelReads(grey, width, height, found);
        for (PanelInk.Box box : boxes) {
            for (BugReading.TeamRow row : rows) {
                if (emptyPanelOf(box, row, words, width, height) && !reads.read(box, row)) {
                    return found;
                }
            }
        }
        // a column one row shows and the other row left empty (a digit under a flash, on the bug's own panel)
        for (BugReading.TeamRow row : rows) {
            for (BugReading.TeamRow other : rows) {
                if (other == row) {
                    continue;
                }
                for (Word n : words) {
                    int h = row.digitHeight();
                    if (!n.isNumber() || n.centreY() < other.digitTop()
                            || n.centreY() >= other.digitBottom()) {
                        continue;
                    }
                    int x0 = Math.max(0, n.x() - h / 3);
                    int x1 = Math.min(width, n.right() + h / 3);
                    int y0 = Math.max(0, row.digitTop() - h / 2);
                    int y1 = Math.min(height, row.digitBottom() + h / 2);
                    PanelInk.Box cell = new PanelInk.Box(x0, y0, x1 - x0, y1 - y0, 1);
                    boolean taken = java.util.stream.Stream.concat(words.stream(), found.stream())
                            .anyMatch(w -> w.x() < x1 && x0 < w.right() && w.y() < row.digitBottom()
                                    && row.digitTop() < w.y() + w.height() && BugReading.readsAsSomething(w));
                    if (!taken && !reads.read(cell, row)) {
                        return found;
                    }
                }
            }
        }
        return found;
    }

    /**
     * Cells of a crop read alone, each a row's part of it, their numbers added to {@code found}: at most
     * {@link #MAX_PANEL_READS} recognitions, on the crop's ink strength worked out at the first.
     */
    private final class PanelReads {
        private final byte[] grey;
        private final int width;
        private final int height;
        private final List<Word> found;
        private byte[] strength;
        private int reads;

        PanelReads(byte[] grey, int width, int height, List<Word> found) {
            this.grey = grey;
            this.width = width;
            this.height = height;
            this.found = found;
        }

        /** Reads the row's part of {@code cell}; false, reading nothing, once the reads are spent. */
        boolean read(PanelInk.Box cell, BugReading.TeamRow row) {
            if (reads++ >= MAX_PANEL_READS) {
                return false;
            }
            strength = strength == null ? PanelInk.strength(grey, width, height) : strength;
            found.addAll(numbers(readPanel(strength, width, cell, row), row));
            return true;
        }
    }

    /** The numbers of {@code read} drawn about as tall as the row's score: a flag's star, a serve dot are smaller. */
    private static List<Word> numbers(List<Word> read, BugReading.TeamRow row) {
        return read.stream().filter(w -> PANEL_NUMBER.matcher(w.text()).matches()
                && Math.abs(w.height() - row.digitHeight()) <= PANEL_DIGIT_SIZE * row.digitHeight()).toList();
    }

    /**
     * {@code box} is a panel inside the bug (not touching the crop's edge, where the picture is) that covers the
     * row's height, is about a number's size (no wider than four digits' height, not the bug's whole background)
     * and no word of a reading read on that row reaches into it.
     */
    private static boolean emptyPanelOf(PanelInk.Box box, BugReading.TeamRow row, List<Word> words, int width,
                                        int height) {
        int h = row.digitHeight();
        int top = Math.max(box.y(), row.digitTop());
        int bottom = Math.min(box.bottom(), row.digitBottom());
        if (box.x() == 0 || box.y() == 0 || box.right() >= width || box.bottom() >= height
                || bottom - top < 0.8 * h || box.width() < 0.5 * h || box.width() > 4 * h || box.fill() < 0.5
                || box.right() < row.left() - 4 * h || box.x() > row.right() + 4 * h) {
            return false;
        }
        // no word of a reading reaches into it (noise read in it, "fj" for a dark zero on a light box, is none)
        return words.stream().noneMatch(w -> w.x() < box.right() && box.x() < w.right() && w.y() < bottom
                && top < w.y() + w.height() && BugReading.readsAsSomething(w));
    }

    /** The row's part of the panel on its ink (strength at or over {@link PanelInk#INK} dark on white), read as a line of digits. */
    private List<Word> readPanel(byte[] strength, int width, PanelInk.Box box, BugReading.TeamRow row) {
        int h = row.digitHeight();
        int y0 = Math.max(box.y(), row.digitTop() - h / 2);
        int y1 = Math.min(box.bottom(), row.digitBottom() + h / 2);
        int x0 = box.x();
        int x1 = box.right();
        byte[] part = new byte[(x1 - x0) * (y1 - y0)];
        for (int y = y0; y < y1; y++) {
            System.arraycopy(strength, y * width + x0, part, (y - y0) * (x1 - x0), x1 - x0);
        }
        double scale = Math.max(1, Math.min(8, PANEL_DIGIT_HEIGHT / (double) row.digitHeight()));
        List<Word> words = new ArrayList<>();
        byte[] ink;
        int inkWidth;
        try (Mat crop = new Mat(y1 - y0, x1 - x0, CV_8UC1); Mat big = new Mat(); Mat page = new Mat();
             Size size = new Size((int) Math.round((x1 - x0) * scale), (int) Math.round((y1 - y0) * scale))) {
            crop.data().put(part);
            resize(crop, big, size, 0, 0, INTER_CUBIC);
            threshold(big, page, PanelInk.INK - 1, 255, THRESH_BINARY_INV);
            ink = new byte[(int) page.total()];
            page.data().get(ink);
            inkWidth = page.cols();
            api.SetVariable("tessedit_char_whitelist", "0123456789");
            try {
                read(page, 0, page.rows(), scale, PSM_SINGLE_LINE, words, new ArrayList<>());
            } finally {
                api.SetVariable("tessedit_char_whitelist", WHITELIST);
            }
        }
        List<Word> inCrop = new ArrayList<>();
        for (Word w : words) {
            // a line read alone is boxed as the whole line, the cell's margin with it: the number's height is its ink's
            int[] rows = inkRows(ink, inkWidth, (int) (w.x() * scale), (int) Math.ceil(w.right() * scale));
            int top = rows == null ? w.y() : (int) (rows[0] / scale);
            int tall = rows == null ? w.height() : (int) Math.max(1, Math.round((rows[1] - rows[0]) / scale));
            inCrop.add(new Word(w.text(), w.x() + x0, top + y0, w.width(), tall, w.confidence()));
        }
        return inCrop;
    }

    /**
     * The longest run of rows [first, end) of a dark-on-white page with ink between columns x0 and x1 (a box's
     * border across the top or bottom is a run of its own, apart from the number), or null when there is none.
     */
    static int[] inkRows(byte[] page, int width, int x0, int x1) {
        int height = page.length / width;
        x0 = Math.max(0, x0);
        x1 = Math.min(width, x1);
        int[] best = null;
        int start = -1;
        for (int y = 0; y <= height; y++) {
            boolean any = false;
            for (int x = x0; y < height && x < x1 && !any; x++) {
                any = page[y * width + x] == 0;
            }
            if (any && start < 0) {
                start = y;
            } else if (!any && start >= 0) {
                if (best == null || y - start > best[1] - best[0]) {
                    best = new int[] {start, y};
                }
                start = -1;
            }
        }
        return best;
    }

    private static long threadCpu() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
    }

    /** A row of the page with ink in at most this share of its width is blank (between lines of text). */
    private static final double BLANK_ROW_INK = 0.03;

    private static boolean mostlyWhite(Mat binary) {
        byte[] bytes = new byte[(int) (binary.total())];
        binary.data().get(bytes);
        int white = 0;
        for (byte b : bytes) {
            if (b != 0) {
                white++;
            }
        }
        return white * 2 > bytes.length;
    }

    /**
     * The words of {@code recognise} with cells read again alone: a word Tesseract read without confidence (a "15"
     * after a games "1" on its line reads at 0 in a clean crop, the same "15" alone at 96) or as letters that are
     * no word (DejaVu's bold zero as "ie") on a team's row ({@link BugReading#teamRows}), drawn as tall as its
     * score and right of its row's other numbers (where the score stands), is read alone as a line of digits ({@link PanelReads}, at most {@link #MAX_PANEL_READS}); a number read
     * there takes its place. The sparse pass reads such a crop right as it stands in nearly every other row (a
     * lone "15", "30-0"), so this costs a recognition only where it would lose a column.
     */
    private List<Word> withUnsureCellsRead(byte[] grey, int width, int height, List<Word> words, List<Word> unsure) {
        List<Word> candidates = new ArrayList<>(unsure);
        words.stream().filter(w -> !BugReading.readsAsSomething(w) && !BugReading.advantageMark(w.text()))
                .forEach(candidates::add);
        if (candidates.isEmpty()) {
            return words;
        }
        List<BugReading.TeamRow> rows = BugReading.teamRows(words);
        if (rows.size() != 2) {
            return words; // cells are read again only on a bug with a row per team
        }
        List<Word> out = new ArrayList<>(words);
        List<Word> found = new ArrayList<>();
        PanelReads reads = new PanelReads(grey, width, height, found);
        for (Word c : candidates) {
            for (BugReading.TeamRow row : rows) {
                int h = row.digitHeight();
                boolean onRow = c.centreY() >= row.digitTop() && c.centreY() < row.digitBottom()
                        && Math.abs(c.height() - h) <= PANEL_DIGIT_SIZE * h && c.width() <= 3.5 * h;
                boolean free = out.stream().noneMatch(w -> w != c && w.x() < c.right() && c.x() < w.right()
                        && w.y() < c.y() + c.height() && c.y() < w.y() + w.height());
                // only where the row's score stands, right of its other numbers: a column before it read alone (a
                // games panel's "1" read "ii") while the other row's stays unread leaves the rows unequal
                boolean last = out.stream().noneMatch(w -> w.isNumber()
                        && w.x() > c.x() && w.centreY() >= row.digitTop() && w.centreY() < row.digitBottom());
                if (!onRow || !free || !last) {
                    continue;
                }
                int x0 = Math.max(0, c.x() - h / 3);
                int x1 = Math.min(width, c.right() + h / 3);
                int y0 = Math.max(0, row.digitTop() - h / 2);
                int y1 = Math.min(height, row.digitBottom() + h / 2);
                int before = found.size();
                if (!reads.read(new PanelInk.Box(x0, y0, x1 - x0, y1 - y0, 1), row)) {
                    return out;
                }
                if (found.size() > before) {
                    out.remove(c);
                    out.addAll(found.subList(before, found.size()));
                }
            }
        }
        return out;
    }

    private List<Word> recognise(Mat binary, boolean invert, double scale, boolean byLine, List<Word> unsure) {
        try (Mat page = new Mat()) {
            threshold(binary, page, 127, 255, invert ? THRESH_BINARY_INV : THRESH_BINARY);
            flipPanels(page);
            clearFrames(page);
            List<Word> words = new ArrayList<>();
            List<int[]> bands = byLine ? textBands(page) : List.of();
            if (bands.size() < 2) {
                read(page, 0, page.rows(), scale, PSM_SPARSE_TEXT, words, unsure);
            } else {
                for (int[] band : bands) {
                    read(page, band[0], band[1], scale, PSM_SINGLE_LINE, words, unsure);
                }
            }
            return words;
        }
    }

    /**
     * Rows of the page that hold text, top to bottom, as [first row, end row): runs of rows with ink between
     * blank rows, those much shorter than the tallest left out (specks, the underline of a panel).
     */
    static List<int[]> textBands(Mat page) {
        int w = page.cols();
        int h = page.rows();
        byte[] bytes = new byte[w * h];
        page.data().get(bytes);
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        // (a row crossed only by the sides of boxes, a flag's outline, is blank between two lines of text)
        int blank = Math.max(1, (int) (BLANK_ROW_INK * w));
        for (int y = 0; y <= h; y++) {
            int count = 0;
            if (y < h) {
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    count += bytes[i] == 0 ? 1 : 0;
                }
            }
            boolean ink = count > blank;
            if (ink && start < 0) {
                start = y;
            } else if (!ink && start >= 0) {
                runs.add(new int[] {start, y});
                start = -1;
            }
        }
        int tallest = runs.stream().mapToInt(r -> r[1] - r[0]).max().orElse(0);
        return runs.stream().filter(r -> r[1] - r[0] >= 0.35 * tallest).toList();
    }

    /**
     * Tesseract on rows [y0, y1) of the page, with a margin; the words in crop pixels are added to {@code words},
     * those read with less than {@link #MIN_CONFIDENCE} to {@code unsure}.
     */
    private void read(Mat page, int y0, int y1, double scale, int mode, List<Word> words, List<Word> unsure) {
        int margin = Math.max(2, (y1 - y0) / 4);
        int top = Math.max(0, y0 - margin);
        int bottom = Math.min(page.rows(), y1 + margin);
        int pad = 16;
        try (Mat rows = page.rowRange(top, bottom); Mat framed = new Mat();
             Scalar white = new Scalar(255, 255, 255, 0)) {
            copyMakeBorder(rows, framed, pad, pad, pad, pad, BORDER_CONSTANT, white);
            api.SetPageSegMode(mode);
            api.SetImage(framed.data(), framed.cols(), framed.rows(), 1, (int) framed.step());
            api.SetSourceResolution(300);
            long cpu = threadCpu();
            int status = api.Recognize(null);
            RECOGNITIONS.incrementAndGet();
            RECOGNITION_CPU_NANOS.addAndGet(threadCpu() - cpu);
            if (status != 0) {
                return;
            }
            try (ResultIterator it = api.GetIterator()) {
                if (it == null || it.isNull()) {
                    return;
                }
                int[] l = new int[1];
                int[] t = new int[1];
                int[] r = new int[1];
                int[] b = new int[1];
                do {
                    BytePointer text = it.GetUTF8Text(RIL_WORD);
                    if (text == null || text.isNull()) {
                        continue;
                    }
                    String s = text.getString().trim();
                    text.deallocate();
                    float confidence = it.Confidence(RIL_WORD);
                    if (s.isEmpty() || !it.BoundingBox(RIL_WORD, l, t, r, b)
                            || stretched(s, r[0] - l[0], b[0] - t[0])) {
                        continue;
                    }
                    Word word = new Word(s, (int) ((l[0] - pad) / scale), (int) ((t[0] - pad + top) / scale),
                            (int) Math.max(1, (r[0] - l[0]) / scale), (int) Math.max(1, (b[0] - t[0]) / scale),
                            confidence);
                    (confidence < MIN_CONFIDENCE ? unsure : words).add(word);
                } while (it.Next(RIL_WORD));
            } finally {
                api.Clear();
            }
        }
    }

    /**
     * The widest a character is drawn, as a share of its word's height: a bold W or M about 1.1. A word whose box
     * is wider per character than this is not what it reads: a panel's border or an empty panel read as letters
     * ("CK:" over a row's empty name box), which would stand over a number the row has.
     */
    private static final double MAX_CHAR_WIDTH = 1.5;

    /** {@code text} read over a box far wider than its characters can be drawn ({@link #MAX_CHAR_WIDTH}). */
    static boolean stretched(String text, int width, int height) {
        return width > MAX_CHAR_WIDTH * height * text.length();
    }

    /**
     * Dark text on white: a filled dark box with light shapes inside (a panel of the other polarity, such as the
     * games box of a table-tennis bug) is inverted in place, so its text reads as dark on white like the rest. A
     * heavy glyph fills its box as much: a panel is told from it by its straight top and bottom, and turned inside its
     * outline ({@link PanelOutline}: square, rounded or a pill; a bold "8" is rounded there).
     */
    private static void flipPanels(Mat page) {
        int w = page.cols();
        int h = page.rows();
        try (Mat ink = new Mat(); Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
            threshold(page, ink, 127, 255, THRESH_BINARY_INV);
            int count = connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
            List<int[]> panels = new ArrayList<>();
            try (IntIndexer st = stats.createIndexer(); IntIndexer l = labels.createIndexer()) {
                for (int i = 1; i < count; i++) {
                    int bw = st.get(i, CC_STAT_WIDTH);
                    int bh = st.get(i, CC_STAT_HEIGHT);
                    double fill = st.get(i, CC_STAT_AREA) / (double) (bw * bh);
                    if (bh >= 0.25 * h && bh < 0.9 * h && bw >= 0.5 * bh && bw < 0.5 * w && fill >= 0.7 && fill <= 0.97) {
                        int[] box = {st.get(i, CC_STAT_LEFT), st.get(i, CC_STAT_TOP), bw, bh, i};
                        if (PanelOutline.isPanel(l, i, box)) {
                            panels.add(box);
                        }
                    }
                }
            }
            if (panels.isEmpty()) {
                return;
            }
            byte[] bytes = new byte[w * h];
            page.data().get(bytes);
            try (IntIndexer l = labels.createIndexer()) {
                for (int[] p : panels) {
                    PanelOutline.flip(bytes, w, l, p[4], p);
                }
            }
            page.data().put(bytes);
        }
    }

    /**
     * Dark text on white: dark shapes that touch the crop's edge (the bug's frame, the picture around it, a panel
     * of the other polarity) or fill most of its height are not text; they become white.
     */
    private static void clearFrames(Mat page) {
        int w = page.cols();
        int h = page.rows();
        try (Mat ink = new Mat(); Mat labels = new Mat(); Mat stats = new Mat(); Mat centroids = new Mat()) {
            threshold(page, ink, 127, 255, THRESH_BINARY_INV);
            int count = connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
            boolean[] clear = new boolean[count];
            boolean any = false;
            try (IntIndexer st = stats.createIndexer()) {
                for (int i = 1; i < count; i++) {
                    int x = st.get(i, CC_STAT_LEFT);
                    int y = st.get(i, CC_STAT_TOP);
                    int bw = st.get(i, CC_STAT_WIDTH);
                    int bh = st.get(i, CC_STAT_HEIGHT);
                    clear[i] = x == 0 || y == 0 || x + bw >= w || y + bh >= h || bh > 0.8 * h
                            || (bw > 0.5 * w && bh < 0.15 * h) || (bw > 0.6 * w && bh > 0.5 * h);
                    any |= clear[i];
                }
            }
            if (!any) {
                return;
            }
            byte[] bytes = new byte[w * h];
            page.data().get(bytes);
            try (IntIndexer l = labels.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        if (clear[l.get(y, x)]) {
                            bytes[y * w + x] = (byte) 255;
                        }
                    }
                }
            }
            page.data().put(bytes);
        }
    }

    /**
     * Both lists' words; where a word of one overlaps a word of the other, the one read with more confidence (a
     * panel of the other polarity reads as confident text in one list and as low-confidence noise in the other).
     */
    static List<Word> merge(List<Word> first, List<Word> second) {
        List<Word> all = new ArrayList<>();
        for (Word w : first) {
            if (second.stream().noneMatch(o -> overlaps(w, o) && o.confidence() > w.confidence())) {
                all.add(w);
            }
        }
        for (Word w : second) {
            if (first.stream().noneMatch(o -> overlaps(w, o) && o.confidence() >= w.confidence())) {
                all.add(w);
            }
        }
        return all;
    }

    private static boolean overlaps(Word a, Word b) {
        return a.x() < b.right() && b.x() < a.right() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
    }

    @Override
    public void close() {
        api.End();
        api.close();
    }
}
