package io.courtside.scoreboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the broadcast's score bug and reads every score state it shows, fed by the one decode pass a few times a
 * second ({@link #frameStep()}): each sample brings the frame's full-size grey picture and a small overview of it.
 * <p>
 * <b>Finding</b> ({@link BugFinder}): the bug is an overlay, so its edges stay put while the picture behind it
 * changes: camera cuts, and just as well a camera that pans or players that move in one continuous shot. Stable edges
 * are joined into boxes, ranked, and read by OCR; the first box that reads as two teams with a score each is the bug.
 * Until then the last {@value #RING} samples' pictures are kept, and once the bug is found they are read too, so the
 * states shown while it was being found are not lost. No configuration is needed.
 * <p>
 * <b>Following</b>: at each sample the bug's own stable edges are checked; when most are gone the bug is hidden
 * (a replay, a full-screen graphic), a hidden stretch is recorded, and when it stays gone for long the bug is looked
 * for again (a new design). OCR runs only when the bug's pixels changed since they were last read and are still
 * (not mid-animation); a logo animated over the score makes samples that neither count nor break a vote. A strip of
 * the picture inside the crop's rim is learned and left out ({@link BugRim}), so what moves behind the bug does not
 * make it read again; a reading that failed is tried again now and then. Tesseract is kept open between passes
 * ({@link BugOcrPool}).
 * {@link ScoreVoting} turns the readings into states.
 */
public final class ScoreBugReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScoreBugReader.class);

    /** Samples per second of media. */
    static final double SAMPLES_PER_SECOND = 4;
    /** Finder samples are every this many samples (2 a second). */
    private static final int FIND_EVERY = 2;
    /** Pictures kept while the bug is being found. */
    static final int RING = 24;
    /** Fewer of the bug's own edges than this share: the bug is not on screen. */
    private static final double PRESENT_SHARE = 0.45;
    /** Hidden at least this long to count as a hidden stretch, in seconds. */
    private static final double MIN_HIDDEN_SECONDS = 0.5;
    /** Hidden this long, the bug is looked for again, in seconds. */
    private static final double RELOCATE_AFTER_SECONDS = 20;
    /** A pixel changed by more than this many grey levels counts as changed... */
    private static final int PIXEL_CHANGE = 40;
    /** ...and the bug changed when more than this share of its pixels did. */
    private static final double CHANGED_SHARE = 0.002;
    /** A bug that never stands still (transparent over a moving picture) is read at most this often, in seconds... */
    private static final double READ_MOVING_EVERY = 0.5;
    /**
     * ...once it has been moving this long, in seconds, when its score was voted already: a bug's own animations (a
     * logo sweeping over the score, a flash on a change) last under a second and end still, where the new score is
     * read (the first sample after one differs from the last one during it: it too is seen moving); read mid-way
     * they only give a half-covered score. Longer, a score changed during a long motion (a see-through bug over a
     * pan) would be voted more than a second late.
     */
    static final double MOVING_BEFORE_READ = 1;
    /** A pixel that changed this many times between two reads of one score is left out of change detection. */
    static final int MOVED_UNDER_ONE_SCORE = 2;
    /** A still bug that read as nothing is read again at most this often, in seconds, when any of its pixels differ. */
    private static final double READ_UNREAD_EVERY = 1;

    /** An unchanged bug that did not read is read again after this many seconds... */
    private static final double RETRY_SECONDS = 1;
    /** ...at most this many times. */
    private static final int MAX_RETRIES = 3;
    /**
     * A reading not yet voted a state is read again from the next still picture whose bytes differ (another frame's
     * noise), at most this many times per picture read after a change (1.5 s of samples): two separate reads must
     * agree, some may disagree, and a bug whose still pictures mostly read as nothing (a small font) may need several.
     */
    private static final int MAX_CONFIRMING_READS = 6;

    private final OcrData data;
    private final BugLayout layout;
    /** Strip width and weight, how long a lock may go unconfirmed, how long a box let go is passed over. */
    private final BugFinding finding;
    private final int frameStep;
    private final ScoreVoting voting = ScoreVoting.onePass();
    private final List<double[]> hidden = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private BugOcr ocr;
    private List<BugOcr.Word> lastWords = List.of();
    private List<BugOcr.Word> readWords = List.of(); // the words of the last reading returned
    private boolean ocrFailed;
    private boolean reading;       // a read is under way: the instance is not given back while it is
    private int reads;
    private boolean readComplete;
    private boolean readCloser;    // the bug read completely only by BugOcr's closer look
    private int retries;
    private int confirmingReads;   // reads of the still bug since it changed, to confirm its reading
    private int columns;
    private int samples;
    // finding
    private final BugFinder finder;
    /** How the finder reads its candidates: as the bug is read, and its change test. */
    private final BugFinder.Pages pages = new BugFinder.Pages() {
        @Override
        public BugReading read(byte[] crop, int width, int height) {
            return ScoreBugReader.this.read(crop, width, height);
        }

        @Override
        public boolean changed(byte[] before, byte[] now) {
            return ScoreBugReader.this.changed(before, now);
        }
    };
    private final Deque<Stored> ring = new ArrayDeque<>();
    // following
    private Rect box;              // full-size pixels
    private boolean[] live;        // crop pixels where the picture behind the bug shows
    private int inset;             // the crop's rim left out of change detection, in pixels
    private ScoreRegion region;
    private int[] reference;       // overview indices of the bug's stable edges
    private int overviewWidth;
    private byte[] previousCrop;
    /** Per crop pixel: how many times it changed between two reads of one score (see {@link #learnWhatMoves}). */
    private int[] movedUnderOneScore;
    /** Per crop pixel: it changed between two samples since the last read. */
    private boolean[] movedSinceRead;
    private int[] changedPixels;
    private byte[] lastReadCrop;
    private BugReading lastReading;
    private double stableSince;
    private BugClock clock;          // the clock's box in the crop, read alone when it ticks
    private boolean firstStable;
    private double movingSince = Double.NaN;
    private double lastRead = Double.NEGATIVE_INFINITY;
    private double absentSince = Double.NaN;
    private double lastTime;
    private double lockedAt;
    private boolean confirmed;       // read consistently since the lock
    private String runKey;
    private int run;
    private List<String> formTeams;  // the teams as a later form of the bug names them (RMA for REAL MADRID)
    private boolean formCrossed;     // ...the later form's first team is the first form's second (AWAY-HOME)
    private int[] lockedBox;         // overview box of the lock
    // the forms the bug took
    private final List<BugForm> forms = new ArrayList<>();
    private double firstTime = Double.NaN;
    private double formFrom;         // when the form now followed appeared
    private double nextFrom = Double.NaN; // when the next form to lock appeared: the last one's end (first: NaN)

    private record Stored(double time, Mat picture, java.util.function.Consumer<Mat> done) {
        /** The picture is no longer needed: back to whoever handed it over, else closed. */
        void release() {
            if (done != null) {
                done.accept(picture);
            } else {
                picture.close();
            }
        }
    }

    /** @param data Tesseract's data; without English the bug is not read and {@link #warnings()} says why */
    public ScoreBugReader(OcrData data, double fps) {
        this(data, fps, BugLayout.GUESS);
    }

    /**
     * @param layout what the sport's bug shows (its columns, where to look), from its profile; {@link BugLayout#GUESS}
     *               when unknown
     */
    public ScoreBugReader(OcrData data, double fps, BugLayout layout) {
        this(data, fps, layout, BugFinding.defaults());
    }

    /** @param finding how the finder tells the bug from other overlays ({@code courtside.analysis.score-bug.*}) */
    public ScoreBugReader(OcrData data, double fps, BugLayout layout, BugFinding finding) {
        this.data = data;
        this.layout = layout;
        this.finding = finding;
        this.finder = new BugFinder(layout, finding);
        this.frameStep = Math.max(1, (int) Math.round(fps / SAMPLES_PER_SECOND));
        if (!data.readable()) {
            warnings.add("No score bug read: " + data.problem());
            ocrFailed = true;
        }
    }

    /** Frames between samples (about {@value #SAMPLES_PER_SECOND} a second). */
    public int frameStep() {
        return frameStep;
    }

    /** False when the bug cannot be read at all (no OCR data): the decode pass need not feed this. */
    public boolean active() {
        return !ocrFailed;
    }

    /**
     * One sample: the frame's full-size grey picture (valid for this call only) and an overview of it, tightly
     * packed, {@code overviewWidth} x {@code overviewHeight}.
     */
    public void frame(double time, Mat picture, byte[] overview, int overviewWidth, int overviewHeight) {
        sample(time, picture, null, overview, overviewWidth, overviewHeight);
    }

    /**
     * As {@link #frame(double, Mat, byte[], int, int)}, the picture handed over instead of lent: the finder keeps
     * it as it is while it needs it (no copy of its own) and gives it to {@code done} once it does not, at once when
     * this sample is not kept. {@code done} may be called on this thread at any later call or at {@link #close()}.
     */
    public void frame(double time, Mat picture, java.util.function.Consumer<Mat> done, byte[] overview,
                      int overviewWidth, int overviewHeight) {
        sample(time, picture, done, overview, overviewWidth, overviewHeight);
    }

    /**
     * One sample; {@code done} non-null: the picture is handed over, and given to {@code done} before this returns
     * unless the finder keeps it in its ring (which gives it back when it lets it go).
     */
    private void sample(double time, Mat picture, java.util.function.Consumer<Mat> done, byte[] overview,
                        int overviewWidth, int overviewHeight) {
        boolean toFinder = false;
        try {
            toFinder = followed(time, picture, overview);
        } finally {
            if (!toFinder && done != null) {
                done.accept(picture);
            }
        }
        if (toFinder) {
            find(time, picture, done, overview, overviewWidth, overviewHeight);
        }
    }

    /** The sample as the bug is followed; true when it goes to the finder instead (no bug, or the bug gone). */
    private boolean followed(double time, Mat picture, byte[] overview) {
        if (ocrFailed) {
            return false;
        }
        lastTime = time;
        if (Double.isNaN(firstTime)) {
            firstTime = time;
        }
        samples++;
        if (box == null) {
            return samples % FIND_EVERY == 1 || FIND_EVERY == 1;
        }
        if (!confirmed && time - lockedAt >= finding.unconfirmedSeconds()) {
            // nothing read consistently there (a strip of other games, a sponsor's panel): look elsewhere
            log.info("Nothing read consistently in {} since {} s: looking for the score bug again", region,
                    String.format("%.1f", lockedAt));
            finder.refuse(lockedBox, time);
            endForm(time);
            lose();
            return false;
        }
        if (!present(overview)) {
            if (Double.isNaN(absentSince)) {
                absentSince = time;
                voting.gap();
                previousCrop = null;
                restartFinder(finding.minRelookSamples());
            } else if (time - absentSince >= RELOCATE_AFTER_SECONDS) {
                log.info("The score bug has been gone since {} s: looking for it again", absentSince);
                endForm(absentSince);
                lose();
                return false;
            }
            // the bug may have changed form (a wide graphic shrunk into a corner clock): look for the new one
            return samples % FIND_EVERY == 1 || FIND_EVERY == 1;
        }
        if (!Double.isNaN(absentSince)) {
            if (time - absentSince >= MIN_HIDDEN_SECONDS) {
                hidden.add(new double[] {absentSince, time});
            }
            absentSince = Double.NaN;
            restartFinder(BugFinder.MIN_FIND_SAMPLES);
        }
        follow(time, crop(picture, box));
        return false;
    }

    // ---- finding ----

    /** The finder starts over from the next sample (its counts, its kept pictures), first looking after {@code first}. */
    private void restartFinder(int first) {
        finder.restart(first);
        ring.forEach(Stored::release);
        ring.clear();
    }

    /**
     * A finder sample; {@code done} non-null: the picture is handed over and kept as it is while the finder needs it
     * (no copy of its own), else it is lent for this call and copied.
     */
    private void find(double time, Mat picture, java.util.function.Consumer<Mat> done, byte[] overview, int w, int h) {
        if (ring.size() == RING) {
            ring.removeFirst().release();
        }
        ring.addLast(done != null ? new Stored(time, picture, done) : new Stored(time, picture.clone(), null));
        BugFinder.Found found = finder.sample(time, picture, overview, w, h, box != null, pages);
        if (found != null) {
            found(time, found, picture);
        }
    }

    /** The finder's box read as a score bug: it is followed from now on (a new form of it when one was followed). */
    private void found(double time, BugFinder.Found found, Mat picture) {
        int fullWidth = picture.cols();
        int fullHeight = picture.rows();
        BugReading reading = found.reading();
        Rect full = found.full();
        if (box != null) {
            // the bug changed form: follow the new one, its teams (maybe named otherwise) standing for the same
            log.info("The score bug changed form at {} s: {} now reads {}", String.format("%.1f", time),
                    Arrays.toString(Arrays.copyOf(found.overviewBox(), 4)), reading.key());
            endForm(Double.isNaN(absentSince) ? time : absentSince);
            newForm(reading);
        }
        lock(found, fullWidth, fullHeight);
        formFrom = Double.isNaN(nextFrom) ? firstTime : nextFrom;
        lockedAt = time;
        confirmed = false;
        run = 0;
        log.info("Found the score bug at {} ({}x{} px) at {} s, reading {}", region, full.width(),
                full.height(), String.format("%.1f", time), reading.key());
        locateClock(time, found.crop(), reading); // (the finder's read was the last)
        // read what was shown while it was being found, in order
        List<Stored> kept = new ArrayList<>(ring);
        ring.clear();
        liveMask(kept);
        readBack(kept, time, reading, found.crop());
        // from now on the finder only looks for a form the bug changes into, with what shows once it is gone
        restartFinder(finding.minRelookSamples());
    }

    /** Reads back what the pictures kept while the bug was being found showed ({@link ReadBack}), and votes it. */
    private void readBack(List<Stored> kept, double time, BugReading found, byte[] foundCrop) {
        int n = kept.size();
        byte[][] crops = new byte[n][];
        for (int i = 0; i < n; i++) {
            Stored s = kept.get(i);
            crops[i] = s.time() == time && i == n - 1 ? foundCrop : crop(s.picture(), box);
            s.release();
        }
        boolean lastIsFound = n > 0 && kept.get(n - 1).time() == time;
        boolean[] read = new boolean[n];
        if (lastIsFound) {
            read[n - 1] = true;
        }
        BugReading[] readings = ReadBack.readings(n, lastIsFound ? found : null, i -> {
            read[i] = true;
            return read(crops[i], box.width(), box.height());
        }, (i, j) -> !changed(crops[i], crops[j]));
        confirmKept(crops, readings, read);
        for (int i = 0; i < n; i++) {
            // a picture told from others' readings is a read only when byte-identical to one read with that reading
            boolean asRead = read[i];
            for (int j = 0; j < n && !asRead; j++) {
                asRead = read[j] && sameKey(readings[i], readings[j]) && Arrays.equals(crops[i], crops[j]);
            }
            vote(kept.get(i).time(), readings[i], asRead);
        }
        lastReadCrop = n > 0 ? crops[n - 1] : foundCrop;
        lastReading = n > 0 ? readings[n - 1] : found;
        lastRead = time;
        previousCrop = n > 0 ? crops[n - 1] : null;
    }

    /**
     * The kept pictures read back tell a still bug's stretch from one read: for each stretch of one reading long
     * enough to be voted a state, read by one OCR read only, one more of its pictures whose bytes differ is read (two
     * tried at most, newest first), so its state has the two agreeing reads the voting needs. The last
     * stretch goes on into the following, which confirms it there.
     */
    private void confirmKept(byte[][] crops, BugReading[] readings, boolean[] read) {
        // the pictures that read, in order: those read as nothing neither count nor break a stretch, as in the voting
        int[] readable = java.util.stream.IntStream.range(0, readings.length).filter(i -> readings[i] != null)
                .toArray();
        int start = 0;
        while (start < readable.length) {
            int end = start + 1;
            while (end < readable.length && sameKey(readings[readable[start]], readings[readable[end]])) {
                end++;
            }
            if (end < readable.length && end - start >= ScoreVoting.MIN_SAMPLES) {
                int reads = 0;
                int once = -1;
                for (int k = start; k < end; k++) {
                    reads += read[readable[k]] ? 1 : 0;
                    once = read[readable[k]] ? readable[k] : once;
                }
                // newest first; one that reads as nothing is no evidence either way: the next is tried, twice at most
                int tries = 0;
                for (int k = end - 1; k >= start && reads == 1 && tries < 2; k--) {
                    int i = readable[k];
                    if (!read[i] && !Arrays.equals(crops[i], crops[once])) {
                        tries++;
                        BugReading again = read(crops[i], box.width(), box.height());
                        if (again != null) {
                            readings[i] = again;
                            read[i] = true;
                            reads++;
                        }
                    }
                }
            }
            start = end;
        }
    }

    /**
     * The form followed until now was last seen at {@code end}: it is one of the bug's forms when it read
     * consistently (else it was not the bug: a panel let go), and the next form is taken to appear there.
     */
    private void endForm(double end) {
        if (box == null) {
            return;
        }
        if (confirmed) {
            forms.add(new BugForm(formFrom, Math.max(formFrom, end), region));
            nextFrom = end;
        }
    }

    /**
     * The bug changed form: the old one's following state goes; the new form's teams, where they are named
     * otherwise ("RMA" for "REAL MADRID"), stand for the teams already read, paired by their names (a wide
     * graphic's HOME-AWAY may become a corner's AWAY-HOME), in screen order when the names do not tell.
     */
    private void newForm(BugReading reading) {
        List<String> teams = voting.teams();
        formTeams = teams.isEmpty() || teams.equals(reading.teams()) || reading.teams().size() != 2
                || reading.swapped().teams().equals(teams) ? null : reading.teams();
        formCrossed = formTeams != null && crossed(teams, formTeams);
        if (formTeams != null) {
            log.info("The new form's {} stand for {}", formTeams,
                    formCrossed ? List.of(teams.get(1), teams.get(0)) : teams);
        }
        dropBox();
        absentSince = Double.NaN;
    }

    /** Forgets the bug's box and what was read in it (a new form, or the bug lost). */
    private void dropBox() {
        box.close();
        box = null;
        live = null;
        previousCrop = null;
        movedUnderOneScore = null;
        movedSinceRead = null;
        lastReadCrop = null;
        lastReading = null;
        readComplete = false;
        readCloser = false;
        columns = 0;
        clock = null;
    }

    /**
     * The new names pair with the old ones the other way round ({@code [SEV, RMA]} for
     * {@code [REAL MADRID, SEVILLA FC]}): each new name matches the old one across by its letters (an
     * abbreviation's letters in order in the full name, first letters equal) and not the one in its own place.
     */
    static boolean crossed(List<String> old, List<String> now) {
        int straight = nameMatch(now.get(0), old.get(0)) + nameMatch(now.get(1), old.get(1));
        int across = nameMatch(now.get(0), old.get(1)) + nameMatch(now.get(1), old.get(0));
        return across > straight;
    }

    /**
     * How well one name stands for another: 2 when the shorter one's letters appear in order in the longer
     * one's and their first letters are the same ("RMA" in "REAL MADRID", "SEV" in "SEVILLA FC"), 1 when
     * only the letters do, else 0.
     */
    static int nameMatch(String a, String b) {
        String x = a.toUpperCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        String y = b.toUpperCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        String shorter = x.length() <= y.length() ? x : y;
        String longer = shorter == x ? y : x;
        int at = 0;
        for (int i = 0; i < shorter.length(); i++) {
            at = longer.indexOf(shorter.charAt(i), at);
            if (at < 0) {
                return 0;
            }
            at++;
        }
        return shorter.charAt(0) == longer.charAt(0) ? 2 : 1;
    }

    private static boolean sameKey(BugReading a, BugReading b) {
        return a != null && b != null && a.key().equals(b.key());
    }

    /**
     * One sample's reading to the voting, in the teams' first names.
     *
     * @param read OCR read this sample's picture (or one byte-identical to it) rather than carrying an earlier read
     */
    private void vote(double time, BugReading reading, boolean read) {
        reading = forVoting(reading);
        if (reading != null && (voting.teams().isEmpty() || voting.teams().equals(reading.teams())
                || voting.teams().equals(reading.swapped().teams()))) {
            run = reading.key().equals(runKey) ? run + 1 : 1;
            runKey = reading.key();
            confirmed |= run >= 3;
        }
        voting.sample(time, reading, read);
    }

    /** The reading as the voting takes it: in the teams' first names and in the order they were read. */
    private BugReading forVoting(BugReading reading) {
        if (reading != null && formTeams != null) {
            // in the new form's screen order or with its rows swapped: each team's score to its first name
            BugReading inOrder = reading.teams().equals(formTeams) ? reading
                    : reading.swapped().teams().equals(formTeams) ? reading.swapped() : null;
            if (inOrder != null) {
                BugReading paired = formCrossed ? inOrder.swapped() : inOrder;
                reading = paired.named(voting.teams());
            }
        }
        if (reading != null && !voting.teams().isEmpty()) {
            reading = inTeamsRead(reading, voting.teams());
        }
        return reading;
    }

    /**
     * A reading that lost a word of a name ("FOKINA" for "DAVIDOVICH FOKINA": a word on a busy panel not read)
     * stands for the teams already read when each of its two different names is whole words of one of theirs, in
     * screen order or with the rows swapped. Else it is as read (another name: a misread, left to the voting).
     */
    static BugReading inTeamsRead(BugReading reading, List<String> teams) {
        List<String> read = reading.teams();
        if (read.equals(teams) || read.size() != 2 || teams.size() != 2 || read.get(0).equals(read.get(1))) {
            return reading;
        }
        BugReading inOrder = wordsOf(read.get(0), teams.get(0)) && wordsOf(read.get(1), teams.get(1)) ? reading
                : wordsOf(read.get(0), teams.get(1)) && wordsOf(read.get(1), teams.get(0)) ? reading.swapped() : null;
        return inOrder == null ? reading : inOrder.named(teams);
    }

    private static boolean wordsOf(String part, String whole) {
        List<String> words = List.of(whole.trim().split("\\s+"));
        String[] partWords = part.trim().split("\\s+");
        return !part.isBlank() && Arrays.stream(partWords).allMatch(words::contains);
    }

    private void lock(BugFinder.Found found, int fullWidth, int fullHeight) {
        Rect full = found.full();
        box = full;
        region = new ScoreRegion(full.x() / (double) fullWidth, full.y() / (double) fullHeight,
                full.width() / (double) fullWidth, full.height() / (double) fullHeight);
        reference = found.reference();
        inset = (int) Math.ceil(2 * fullWidth / (double) found.overviewWidth());
        overviewWidth = found.overviewWidth();
        lockedBox = found.overviewBox();
        clock = new BugClock(full.width(), full.height(), PIXEL_CHANGE);
    }

    /**
     * The crop's pixels where the picture behind shows (around a bug that is not rectangular, between its panels):
     * those that changed between most of the kept samples. Change detection leaves them out.
     */
    private void liveMask(List<Stored> kept) {
        int n = box.width() * box.height();
        live = new boolean[n];
        if (kept.size() < 4) {
            return;
        }
        int[] changes = new int[n];
        byte[] before = null;
        for (Stored s : kept) {
            byte[] c = crop(s.picture(), box);
            if (before != null) {
                for (int i = 0; i < n; i++) {
                    if (Math.abs((c[i] & 0xff) - (before[i] & 0xff)) > PIXEL_CHANGE) {
                        changes[i]++;
                    }
                }
            }
            before = c;
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            live[i] = changes[i] >= 0.3 * (kept.size() - 1);
            count += live[i] ? 1 : 0;
        }
        log.debug("{} of the bug's {} pixels show the picture behind it", count, n);
    }

    private void lose() {
        dropBox();
        reference = null;
        finder.restart(BugFinder.MIN_FIND_SAMPLES);
        voting.gap();
    }

    // ---- following ----

    private boolean present(byte[] overview) {
        int on = 0;
        int w = overviewWidth;
        for (int i : reference) {
            if (i % w > 0 && i % w < w - 1 && i >= w && i + w < overview.length && BugFinder.edge(overview, w, i)) {
                on++;
            }
        }
        return on >= PRESENT_SHARE * reference.length;
    }

    private void follow(double time, byte[] crop) {
        if (previousCrop != null && live != null && live.length == crop.length) {
            // a strip of the picture inside the crop's rim is left out from now on (else it looks like a change)
            BugRim.learn(previousCrop, crop, box.width(), box.height(), inset, PIXEL_CHANGE,
                    (int) (CHANGED_SHARE * crop.length), live);
        }
        boolean moving = previousCrop != null && changed(previousCrop, crop, true);
        boolean first = previousCrop == null;
        previousCrop = crop;
        if (moving || first) {
            log.debug("Sample {} s: {}", String.format("%.2f", time), moving ? "moving" : "first");
            stableSince = time;
            firstStable = true;
            if (moving && Double.isNaN(movingSince)) {
                movingSince = time;
            }
            // a score already voted is not read again until the motion outlasts an animation; one not yet voted
            // (the bug just found, a tenths clock ticking in it from then on) is read as soon as before
            boolean voted = confirmed && lastReading != null && !voting.wantsRead(forVoting(lastReading));
            double readAfter = voted ? MOVING_BEFORE_READ : READ_MOVING_EVERY;
            if (moving && time - movingSince >= readAfter && time - lastRead >= READ_MOVING_EVERY) {
                // never still: read it anyway now and then
                readNow(time, crop);
                confirmingReads = 0; // a new picture read: its reading gets its own tries to be confirmed
                vote(time, lastReading, true);
            }
            return;
        }
        movingSince = Double.NaN;
        // a reading that failed is tried again now and then: a slightly different picture may read
        boolean retry = lastReading == null && time - lastRead >= READ_UNREAD_EVERY
                && !Arrays.equals(lastReadCrop, crop);
        if (lastReadCrop == null || retry || changed(lastReadCrop, crop)) {
            readNow(time, crop);
            retries = 0;
            confirmingReads = 0;
        } else if (lastReading != null && clock.due(time, crop)) {
            // the clock ticked, the rest did not: the clock's box alone is read
            readClock(time, crop);
        } else if (lastReading == null && retries < MAX_RETRIES && time - lastRead >= RETRY_SECONDS) {
            // unread and unchanged: another frame's noise may read where this one did not, a few times only
            readNow(time, crop);
            retries++;
        } else if (confirmingReads < MAX_CONFIRMING_READS && !Arrays.equals(lastReadCrop, crop)
                && voting.wantsRead(forVoting(lastReading))) {
            // a new reading is a state only once two separate reads agree: read this frame's noise too (a picture
            // byte-identical to the one read would read alike, Tesseract being deterministic, so it is not read
            // again but counts as a read: a clean digital bug cannot disagree with itself)
            confirmingReads++;
            BugReading again = read(crop, box.width(), box.height());
            if (again != null) {
                lastReading = again;
                lastReadCrop = crop;
                lastRead = time;
                clock.readWith(time, crop, again.clock());
            } // read as nothing: no evidence either way, the reading before is carried and the next picture tried
        }
        vote(firstStable ? stableSince : time, withClockCarried(time, lastReading), Arrays.equals(lastReadCrop, crop));
        if (log.isDebugEnabled()) {
            log.debug("Sample {} s: {}", String.format("%.2f", time), lastReading == null ? lastWords : lastReading.key());
        }
        firstStable = false;
    }

    private void readNow(double time, byte[] crop) {
        BugReading before = lastReading;
        lastReading = read(crop, box.width(), box.height());
        learnWhatMoves(before, lastReading);
        lastReadCrop = crop;
        lastRead = time;
        clock.readWith(time, crop, lastReading == null ? null : lastReading.clock());
        if (!clock.located()) {
            locateClock(time, crop, lastReading);
        }
    }

    /**
     * Where the clock is, from a reading and the words it was read from ({@link BugClock#locate}); once known, its box
     * is left out of change detection.
     */
    private void locateClock(double time, byte[] crop, BugReading read) {
        if (clock.locate(time, crop, read, readWords)) {
            if (live == null || live.length != crop.length) {
                live = new boolean[crop.length];
            }
            clock.leaveOut(live);
        }
    }

    /** {@code reading} with its clock as the bug shows it now when the clock runs and is carried between reads. */
    private BugReading withClockCarried(double time, BugReading reading) {
        String carried = reading == null || reading.clock() == null ? null : clock.carried(time);
        return carried == null || carried.equals(reading.clock()) ? reading
                : new BugReading(reading.teams(), reading.scores(), reading.games(), reading.period(), carried,
                        reading.complete());
    }

    /** The clock's box alone read: the clock read there goes with the score read before (the rest did not change). */
    private void readClock(double time, byte[] crop) {
        reads++;
        reading = true;
        String read = clock.read(time, crop, ocr);
        reading = false;
        if (read != null) {
            lastReading = new BugReading(lastReading.teams(), lastReading.scores(), lastReading.games(),
                    lastReading.period(), read, lastReading.complete());
        }
    }

    private BugReading read(byte[] crop, int width, int height) {
        if (ocr == null) {
            try {
                ocr = BugOcrPool.take(data);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                ocrFailed = true;
                warnings.add("No score bug read: Tesseract could not start (" + e.getMessage() + ")");
                log.warn("Tesseract could not start: the score bug is not read", e);
                return null;
            }
        }
        reads++;
        reading = true;
        List<List<BugOcr.Word>> readings = ocr.read(crop, width, height, words -> {
            BugReading r = BugReading.of(words, layout);
            return r != null && r.complete();
        }, !readComplete || readCloser);
        reading = false;
        lastWords = readings.get(0);
        // the first that reads completely (every row's columns), else the first that reads at all, unless this bug
        // has been read completely before: then a column was missed and the reading is noise
        // (fewer columns than this bug has shown before is a column missed too)
        BugReading partial = null;
        List<BugOcr.Word> partialWords = readings.get(0);
        BugReading best = null;
        for (int i = 0; i < readings.size(); i++) {
            List<BugOcr.Word> words = readings.get(i);
            BugReading reading = BugReading.of(words, layout);
            if (reading != null && reading.complete() && reading.columns() >= columns) {
                best = reading;
                partialWords = words;
                // a bug first read by the closer look (names on shaded panels) needs it at every read
                readCloser |= i == BugOcr.CLOSER_LOOK;
                break;
            }
            if (partial == null && reading != null) {
                partial = reading;
                partialWords = words;
            }
        }
        if (layout.known() && !layout.scoreOnly() && (best == null || best.columns() < layout.columns().size())) {
            // a column of the sport's not read: its number may sit in a panel the passes left empty
            BugReading fuller = withEmptyPanels(crop, width, height, partialWords, best != null ? best : partial);
            best = fuller != null ? fuller : best;
        }
        readWords = partialWords;
        if (best != null) {
            readComplete = true;
            columns = best.columns();
            return best;
        }
        return readComplete ? null : partial;
    }

    /**
     * {@code words} with the numbers read alone in panels their passes left empty ({@link BugOcr#readEmptyPanels}),
     * when that reads completely with more columns than {@code read} and the same teams and scores (a panel adds a
     * column, it never changes what was read), or null.
     */
    private BugReading withEmptyPanels(byte[] crop, int width, int height, List<BugOcr.Word> words, BugReading read) {
        List<BugOcr.Word> panels = ocr.readEmptyPanels(crop, width, height, words);
        List<BugOcr.Word> all = new ArrayList<>(words);
        all.addAll(panels);
        BugReading fuller = BugReading.of(all, layout);
        boolean more = fuller != null && fuller.complete() && fuller.columns() >= columns
                && fuller.columns() > (read == null ? 1 : read.columns());
        boolean same = read == null || fuller != null && fuller.teams().equals(read.teams())
                && Arrays.equals(fuller.scores(), read.scores());
        return more && same ? fuller : null;
    }

    /**
     * Two reads of the bug running gave one score ({@code before}, then {@code now}): the pixels that changed between
     * the samples in between were not the score (a clock not read as one ticking, a flag waving in the bug, a picture
     * behind it that stood still while it was found). A pixel that does so between {@value #MOVED_UNDER_ONE_SCORE}
     * pairs of reads is left out of change detection from now on, as {@link #liveMask} leaves out those that changed
     * while the bug was being found, so it no longer makes the whole bug read. The numbers read (scores, games) and a
     * margin around them are never left out: something that passes over them (a logo sweeping over the score) must
     * not hide their next change; and twice rules out one misread.
     */
    private void learnWhatMoves(BugReading before, BugReading now) {
        boolean[] moved = movedSinceRead;
        movedSinceRead = null;
        // (the scores alone: a team's name misread now and then does not make what moved the score)
        if (before == null || now == null || !Arrays.equals(before.scores(), now.scores())
                || !Objects.equals(before.games(), now.games()) || moved == null) {
            return;
        }
        int n = moved.length;
        if (live == null || live.length != n) {
            live = new boolean[n];
        }
        if (movedUnderOneScore == null || movedUnderOneScore.length != n) {
            movedUnderOneScore = new int[n];
        }
        boolean[] numbers = new boolean[n];
        int w = box.width();
        for (BugOcr.Word word : readWords) {
            if (word.isNumber() || BugReading.advantageMark(word.text())) {
                int margin = Math.max(2, word.height() / 2);
                int x0 = Math.max(0, word.x() - margin);
                int x1 = Math.min(w, word.right() + margin);
                int y1 = Math.min(n / w, word.y() + word.height() + margin);
                for (int y = Math.max(0, word.y() - margin); y < y1; y++) {
                    Arrays.fill(numbers, y * w + x0, y * w + x1, true);
                }
            }
        }
        int learned = 0;
        for (int i = 0; i < n; i++) {
            if (moved[i] && !live[i] && !numbers[i] && ++movedUnderOneScore[i] >= MOVED_UNDER_ONE_SCORE) {
                live[i] = true;
                learned++;
            }
        }
        if (learned > 0) {
            log.debug("{} more of the bug's {} pixels changed while its score did not: left out", learned, n);
        }
    }

    private boolean changed(byte[] a, byte[] b) {
        return changed(a, b, false);
    }

    /**
     * Whether more than {@link #CHANGED_SHARE} of the crop's pixels changed by over {@value #PIXEL_CHANGE} grey
     * levels, leaving out the rim and the live pixels. With {@code markMoved}, the pixels that changed when the bug
     * did are also marked for {@link #learnWhatMoves}, in the same pass.
     */
    private boolean changed(byte[] a, byte[] b, boolean markMoved) {
        if (a.length != b.length) {
            return true;
        }
        boolean[] skip = live != null && live.length == a.length ? live : null;
        int w = box != null && box.width() * box.height() == a.length ? box.width() : a.length;
        int h = a.length / w;
        // the box's rim (the margin around the bug's outline) shows the picture behind: leave it out
        int inset = box != null && w == box.width() ? this.inset : 0;
        int limit = (int) (CHANGED_SHARE * a.length);
        int[] changedAt = markMoved ? changedPixels(a.length) : null;
        int count = 0;
        for (int y = inset; y < h - inset; y++) {
            for (int x = inset, i = y * w + inset; x < w - inset; x++, i++) {
                if ((skip == null || !skip[i]) && Math.abs((a[i] & 0xff) - (b[i] & 0xff)) > PIXEL_CHANGE) {
                    if (changedAt != null) {
                        changedAt[count] = i;
                    } else if (count >= limit) {
                        return true;
                    }
                    count++;
                }
            }
        }
        if (count <= limit) {
            return false;
        }
        if (movedSinceRead == null || movedSinceRead.length != a.length) {
            movedSinceRead = new boolean[a.length];
        }
        for (int k = 0; k < count; k++) {
            movedSinceRead[changedAt[k]] = true;
        }
        return true;
    }

    /** A reused buffer for the indexes of the pixels {@link #changed} found changed. */
    private int[] changedPixels(int length) {
        if (changedPixels == null || changedPixels.length < length) {
            changedPixels = new int[length];
        }
        return changedPixels;
    }

    static byte[] crop(Mat picture, Rect r) {
        byte[] bytes = new byte[r.width() * r.height()];
        try (Mat view = new Mat(picture, r); Mat copy = view.clone()) {
            copy.data().get(bytes);
        }
        return bytes;
    }

    // ---- result ----

    /** What the bug showed over {@code duration} seconds; {@link ScoreTimeline#none()} when no bug was found. */
    public ScoreTimeline timeline(double duration) {
        if (box == null && !ocrFailed && !ring.isEmpty()) {
            // a short source: one last look with what the whole of it showed
            Stored last = ring.getLast();
            BugFinder.Found found = finder.lastLook(last.time(), last.picture(), pages);
            if (found != null) {
                found(last.time(), found, last.picture());
            }
        }
        if (region == null || voting.states().isEmpty()) {
            return ScoreTimeline.none();
        }
        List<double[]> stretches = new ArrayList<>(hidden);
        if (!Double.isNaN(absentSince) && duration - absentSince >= MIN_HIDDEN_SECONDS) {
            stretches.add(new double[] {absentSince, duration});
        }
        List<BugForm> all = new ArrayList<>(forms);
        if (box != null && (confirmed || all.isEmpty())) {
            all.add(new BugForm(formFrom, Math.max(formFrom, duration), region)); // followed to the end
        }
        if (all.isEmpty()) {
            all.add(new BugForm(Double.isNaN(firstTime) ? 0 : firstTime, Math.max(lastTime, duration), region));
        }
        return ScoreTimeline.of(voting.teams(), all, voting.states(), voting.clock(), stretches)
                .withReadings(voting.readings());
    }

    /** Problems for the job's warnings: no bug found, no OCR data. */
    public List<String> warnings() {
        List<String> all = new ArrayList<>(warnings);
        if (!ocrFailed && (region == null || voting.states().isEmpty())) {
            all.add("No score bug found: no overlay showing two teams and their scores stayed on screen in "
                    + String.format("%.0f", lastTime) + " s of video; the highlights use the other signals");
        }
        return all;
    }

    /** How many crops OCR read (for the bench). */
    public int reads() {
        return reads;
    }

    @Override
    public void close() {
        ring.forEach(Stored::release);
        ring.clear();
        if (box != null) {
            box.close();
        }
        if (ocr != null) {
            if (reading) {
                ocr.close(); // a read failed half-way: this instance is not reused
            } else {
                BugOcrPool.give(data, ocr); // opening one costs as much as ten reads
            }
            ocr = null;
        }
    }
}
