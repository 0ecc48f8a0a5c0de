package io.courtside.scoreboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one OCR pass over the bug said, made sense of by its layout: two teams in screen order, each one's score, the
 * columns before the score, and the period and clock where shown. Words are grouped into lines; a team's name is a
 * run of name words on a line that also holds numbers (capitals, "RICHMOND", "LIN YUN JU", with capitalised words
 * after them: "MA Long"); a title line ("NBA CHRISTMAS SPECIAL") holds no numbers and names no team.
 * <p>
 * Two rows, one team each (table tennis, tennis, many basketball bugs): each row's numbers, left to right, are its
 * columns, wherever they sit beside the name (the 2017 Worlds draw the games left of it). The last column is the
 * score (the points of the current game); the columns before it, when both rows show them as small numbers drawn as
 * large as the score, are the games ("3-0"; sets and games "1-0 4-3"), which {@link ScoreState#games()} carries.
 * One row with both teams ("CLE 73 GS 81 4TH 2:59 17", "10 RICHMOND 37 ... 28 7 DUKE"): each number belongs to the
 * nearer name, and a team's score is the largest of its surely-read numbers (seeds, fouls and the shot clock are
 * drawn smaller; a logo read as digits is read unsurely), the nearer between equals. Records ("29-5") are skipped.
 * <p>
 * A sport's profile ({@link BugLayout}) names the columns and their most; rows whose numbers do not fit its columns
 * (a column lost on a coloured panel) are read as without it, the score's most still checked. Rows that show
 * different numbers of numbers are a reading only when their last numbers stand in one column: else the shorter
 * row lost its score and its last number is another column (the 2017 Worlds draw the games left of the name).
 *
 * @param teams  the two teams, in screen order
 * @param scores their scores (points of the current game for games-and-points bugs)
 * @param games  games won as "3-0" (sets and games "1-0 4-3"), or null for a plain score
 * @param period period as shown ("4TH", "Q3", "OT"), or null
 * @param clock  clock as shown ("2:59", "11.4"), or null
 * @param complete false when one row of a two-row bug shows fewer numbers than the other (a column not read)
 * <p>
 * Tennis after deuce: a row whose points column shows "AD" or "A" (a games-and-points sport's profile, the mark
 * after the row's numbers) has the advantage, its score {@link #ADVANTAGE}; the other row shows 40 or nothing (read
 * as 40). A "DEUCE" label in the points column, right of both rows' numbers, with no points beside it, is 40-40.
 */
record BugReading(List<String> teams, int[] scores, String games, String period, String clock, boolean complete) {

    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}|\\d{1,2}\\.\\d");
    private static final Pattern PERIOD = Pattern.compile("(?i)[1-4](ST|ND|RD|TH)|Q[1-4]|[1-4]Q|OT\\d?|\\d?OT|HALF|FINAL|END");
    /** Words a bug shows that are not team names. */
    private static final List<String> NOT_TEAMS = List.of("QTR", "BONUS", "FOUL", "FOULS", "TO", "TOL", "SET", "GAME",
            "PTS", "LIVE", "REPLAY", "HD", "DEUCE");
    private static final int MAX_SCORE = 250;
    /**
     * The score of a tennis player with the advantage ("AD" or "A" in the points column): above 40, and a number no
     * OCR read gives (numbers are read up to 999), so a misread digit is never taken for it.
     */
    static final int ADVANTAGE = 1000;
    /** What a tennis bug shows for the advantage ("AD", some "A"), in the points column after the row's numbers. */
    private static final Pattern ADVANTAGE_MARK = Pattern.compile("AD|Ad|A");
    /** Deuce, as some tennis bugs write 40-40. */
    private static final String DEUCE = "DEUCE";
    private static final Pattern ONE = Pattern.compile("il|l|I|i|\\|");
    private static final Pattern ZERO = Pattern.compile("[Oo]{2}");
    /**
     * A zero in a panel of the other polarity, its box's edge read as a Q's tail ("QO", "Q"), when it is one glyph
     * wide: no wider than {@value #PANEL_ZERO_WIDTH} times its height, as the lone "Oo" above (read on the tennis
     * design: 9 x 11 px); "QO" written as two letters, a team's name, is about twice as wide as tall.
     */
    private static final Pattern PANEL_ZERO = Pattern.compile("Q[Oo]?");
    private static final double PANEL_ZERO_WIDTH = 1.3;

    /** Same teams, scores and games (period and clock left out): one displayed score state. */
    String key() {
        return teams.get(0) + " " + shown(scores[0]) + " " + teams.get(1) + " " + shown(scores[1])
                + (games == null ? "" : " g" + games);
    }

    /** A score as a bug shows it: "AD" for the advantage. */
    static String shown(int score) {
        return score == ADVANTAGE ? "AD" : Integer.toString(score);
    }

    /** How many numbers a team's row shows (the score and the columns before it). */
    int columns() {
        return games == null ? 1 : games.split(" ").length + 1;
    }

    /** The same reading under other names for its two teams, in the same order (the teams already read). */
    BugReading named(List<String> names) {
        return new BugReading(names, scores, games, period, clock, complete);
    }

    /** The same reading with the two teams the other way round (games "3-1 2-0" as "1-3 0-2"). */
    BugReading swapped() {
        String g = null;
        if (games != null) {
            List<String> pairs = new ArrayList<>();
            for (String pair : games.split(" ")) {
                String[] p = pair.split("-");
                pairs.add(p[1] + "-" + p[0]);
            }
            g = String.join(" ", pairs);
        }
        return new BugReading(List.of(teams.get(1), teams.get(0)), new int[] {scores[1], scores[0]}, g, period,
                clock, complete);
    }

    /** The reading of {@code words}, its columns guessed, or null when they do not show two teams with a score each. */
    static BugReading of(List<BugOcr.Word> words) {
        return of(words, BugLayout.GUESS);
    }

    /**
     * The reading of {@code words} as the sport's bug draws them ({@link BugLayout#GUESS}: columns guessed), or
     * null when they do not show two teams with a score each, or (a known layout) not the columns the sport has.
     */
    static BugReading of(List<BugOcr.Word> words, BugLayout layout) {
        List<BugOcr.Word> split = split(withoutClockPieces(words));
        return byLayout(lines(split), layout);
    }

    /** Words that go with a period on a bug ("1ST QTR", "2ND HALF"): no phrase. */
    private static final List<String> WITH_PERIOD = List.of("QTR", "HALF", "OT", "PER", "PERIOD", "SET", "GAME");

    /**
     * Whether the period-like {@code word} is part of a line's phrase (the banner's "1st ROUND" over an NCAA bug
     * that shows "2Q" by its clock): the next word on its line, close by, is a word of letters that does not go with
     * a period.
     */
    private static boolean inPhrase(List<BugOcr.Word> line, BugOcr.Word word) {
        int i = line.indexOf(word);
        if (i < 0 || i + 1 >= line.size()) {
            return false;
        }
        BugOcr.Word next = line.get(i + 1);
        String text = next.text().toUpperCase(Locale.ROOT);
        return next.x() - word.right() < 2 * word.height() && text.matches("[A-Z]{3,}")
                && !WITH_PERIOD.contains(text) && !PERIOD.matcher(text).matches();
    }

    /** A number read with the colon after it ("2:" of "2:58"): the start of a clock, never a score. */
    private static final Pattern CLOCK_START = Pattern.compile("\\d{1,2}:");

    /**
     * {@code words} without the pieces of the clock OCR also read on their own: a number ending in a colon, and a
     * number standing over a clock read whole (most of its width within the clock's). ESPN's "2:58" was read both
     * whole and as a taller "2:", which, taller than the score "81" beside it, was taken for the team's score.
     */
    static List<BugOcr.Word> withoutClockPieces(List<BugOcr.Word> words) {
        List<BugOcr.Word> clocks = words.stream().filter(w -> CLOCK.matcher(w.text()).matches()).toList();
        return words.stream().filter(w -> !CLOCK_START.matcher(w.text()).matches()
                && (!w.isNumber() || clocks.stream().noneMatch(c -> over(w, c)))).toList();
    }

    /** Whether most of {@code w}'s width lies within {@code clock}'s and their boxes share rows. */
    private static boolean over(BugOcr.Word w, BugOcr.Word clock) {
        int shared = Math.min(w.right(), clock.right()) - Math.max(w.x(), clock.x());
        boolean rows = w.y() < clock.y() + clock.height() && clock.y() < w.y() + w.height();
        return rows && shared > 0.5 * w.width();
    }

    /**
     * A line of the bug that shows a team: its words' left and right, and where its score (the score's
     * digits, its rightmost number) stands, top and height, in crop pixels.
     */
    record TeamRow(int left, int right, int digitTop, int digitHeight) {
        int digitBottom() {
            return digitTop + digitHeight;
        }
    }

    /** The lines of {@code words} that hold a name word and a number, top to bottom: the bug's team rows. */
    static List<TeamRow> teamRows(List<BugOcr.Word> words) {
        List<TeamRow> rows = new ArrayList<>();
        for (List<BugOcr.Word> line : lines(split(words))) {
            boolean name = line.stream().anyMatch(BugReading::nameWord);
            // (the score's digits: the rightmost number, as a number under an animation reads taller than drawn)
            BugOcr.Word digits = line.stream().filter(BugOcr.Word::isNumber)
                    .max(Comparator.comparingInt(BugOcr.Word::right)).orElse(null);
            if (name && digits != null) {
                rows.add(new TeamRow(line.stream().mapToInt(BugOcr.Word::x).min().orElseThrow(),
                        line.stream().mapToInt(BugOcr.Word::right).max().orElseThrow(), digits.y(), digits.height()));
            }
        }
        return rows;
    }

    /**
     * Numbers were read but they make no reading: no name stands with them (names lost on their panel while the
     * scores, on flat boxes, read). What a closer look at the names ({@link BugOcr#textDetail}) is for.
     */
    static boolean numbersWithoutTeams(List<BugOcr.Word> words) {
        return split(words).stream().anyMatch(BugOcr.Word::isNumber) && of(words) == null;
    }

    /** A word that reads as a number or a name word: what a reading is made of (not noise such as "fj", ".", "i"). */
    static boolean readsAsSomething(BugOcr.Word word) {
        return split(List.of(word)).stream().anyMatch(w -> w.isNumber() || nameWord(w));
    }

    /** What a tennis bug shows for the advantage ("AD", "A"): a mark, not noise. */
    static boolean advantageMark(String text) {
        return ADVANTAGE_MARK.matcher(text).matches();
    }

    private static boolean nameWord(BugOcr.Word w) {
        return NAME_WORD.matcher(w.text()).matches() && !NOT_TEAMS.contains(w.text().toUpperCase(Locale.ROOT))
                && !PERIOD.matcher(w.text()).matches();
    }

    /** A name word: capitals ("CLE", "RICHMOND") or a capitalised word following one ("Long"). */
    private static final Pattern NAME_WORD = Pattern.compile("[A-Z][A-Za-z]{1,15}");
    /** A record or seed pair ("29-5"): neither a score nor a name. */
    private static final Pattern RECORD = Pattern.compile("\\d{1,3}-\\d{1,3}");
    /** Numbers read with at least this confidence are preferred as scores over less sure ones (a logo). */
    private static final float SURE = 50;

    /** A team's name on one line: its words joined, and its box. */
    private record Name(String text, int x, int right, int line) {
    }

    /**
     * By layout: the lines that hold a team's name and numbers. Two such lines, one team each (a two-row bug):
     * each row's numbers, left to right, are its columns; the last column is the score (points), and when both
     * rows show two or more numbers of the same size, the first small one (at most 7) is the games won. One line
     * with both teams (a one-row bug): each number belongs to the nearer name, and a team's score is its largest
     * number (seeds, fouls and the shot clock are drawn smaller), the nearer one between equals.
     */
    private static BugReading byLayout(List<List<BugOcr.Word>> lines, BugLayout layout) {
        String period = null;
        String clock = null;
        List<Name> names = new ArrayList<>();
        List<List<Name>> twoNameLines = new ArrayList<>();
        List<List<BugOcr.Word>> numbersPerLine = new ArrayList<>();
        boolean pointsKnown = layout.known() && !layout.scoreOnly();
        BugOcr.Word deuce = null;
        for (int l = 0; l < lines.size(); l++) {
            List<BugOcr.Word> line = lines.get(l);
            List<BugOcr.Word> numbers = new ArrayList<>();
            StringBuilder name = null;
            int nameX = 0;
            int nameRight = 0;
            List<Name> lineNames = new ArrayList<>();
            for (BugOcr.Word w : line) {
                String text = w.text();
                if (pointsKnown && text.equalsIgnoreCase(DEUCE)) {
                    deuce = w;
                    continue;
                }
                if (pointsKnown && ADVANTAGE_MARK.matcher(text).matches() && !numbers.isEmpty()
                        && (name != null || !lineNames.isEmpty())) {
                    // after the row's name and numbers: the advantage in the points column, not a name
                    if (name != null) {
                        lineNames.add(new Name(name.toString(), nameX, nameRight, l));
                        name = null;
                    }
                    numbers.add(new BugOcr.Word(ADVANTAGE_TEXT, w.x(), w.y(), w.width(), w.height(), w.confidence()));
                    continue;
                }
                // (no confidence floor: Tesseract's confidence in short names is often near zero when read right)
                boolean nameWord = NAME_WORD.matcher(text).matches()
                        && !NOT_TEAMS.contains(text.toUpperCase(Locale.ROOT)) && !PERIOD.matcher(text).matches();
                boolean joins = nameWord && name != null && w.x() - nameRight < 2 * w.height();
                if (nameWord && (joins || Character.isUpperCase(text.charAt(1)) || text.length() <= 4
                        && text.equals(text.toUpperCase(Locale.ROOT)))) {
                    if (joins) {
                        name.append(' ').append(text);
                    } else {
                        if (name != null) {
                            lineNames.add(new Name(name.toString(), nameX, nameRight, l));
                        }
                        name = new StringBuilder(text);
                        nameX = w.x();
                    }
                    nameRight = w.right();
                    continue;
                }
                if (name != null) {
                    lineNames.add(new Name(name.toString(), nameX, nameRight, l));
                    name = null;
                }
                if (CLOCK.matcher(text).matches()) {
                    clock = clock == null ? text : clock;
                } else if (PERIOD.matcher(text).matches()) {
                    if (!inPhrase(line, w)) {
                        period = period == null ? text.toUpperCase(Locale.ROOT) : period;
                    }
                } else if (w.isNumber()) {
                    numbers.add(w);
                }
            }
            if (name != null) {
                lineNames.add(new Name(name.toString(), nameX, nameRight, l));
            }
            if (!numbers.isEmpty() && !lineNames.isEmpty()) {
                names.addAll(lineNames);
                if (lineNames.size() == 2) {
                    twoNameLines.add(lineNames);
                }
                while (numbersPerLine.size() < l) {
                    numbersPerLine.add(List.of());
                }
                numbersPerLine.add(numbers);
            }
        }
        while (numbersPerLine.size() < lines.size()) {
            numbersPerLine.add(List.of());
        }
        if (names.size() > 2 && twoNameLines.size() == 1) {
            // a banner line with a number in it ("NCAA 1ST ROUND REGIONAL 3 IN PORTLAND") names no team: the one
            // line that shows two names, each beside numbers, is the one-row bug
            names = twoNameLines.get(0);
        }
        if (names.size() != 2 || names.get(0).text().equals(names.get(1).text())) {
            return null;
        }
        Name a = names.get(0);
        Name b = names.get(1);
        List<String> teams = List.of(a.text(), b.text());
        if (a.line() != b.line()) {
            List<BugOcr.Word> ra = numbersPerLine.get(a.line());
            List<BugOcr.Word> rb = numbersPerLine.get(b.line());
            if (pointsKnown) {
                List<List<BugOcr.Word>> deuceOrAdvantage = atDeuce(ra, rb, deuce);
                ra = deuceOrAdvantage.get(0);
                rb = deuceOrAdvantage.get(1);
            }
            if (layout.known() && !layout.scoreOnly() && (leftOfName(ra, a) || leftOfName(rb, b))) {
                // a games-and-points bug draws the points right of the name (games or seeds may stand left of it):
                // a row whose numbers all stand left of its name has not read its points
                return null;
            }
            if (layout.known() && (layout.scoreOnly() || fits(ra, rb, layout))) {
                return rows(teams, a, b, ra, rb, layout, period, clock);
            }
            if (ra.size() != rb.size() && !aligned(ra.get(ra.size() - 1), rb.get(rb.size() - 1))) {
                // a row lost a number: its last one is then another column (the games left of the name), not its score
                return null;
            }
            int[] scores = {value(ra.get(ra.size() - 1)), value(rb.get(rb.size() - 1))};
            // (the sport's columns did not fit: its score's most still holds, the columns before it are not guessed)
            int max = layout.known() ? layout.columns().get(layout.columns().size() - 1).max() : MAX_SCORE;
            String games = layout.known() ? null : columns(ra, rb);
            return above(scores[0], max, layout.known()) || above(scores[1], max, layout.known()) ? null
                    : new BugReading(teams, scores, games, period, clock, ra.size() == rb.size());
        }
        List<BugOcr.Word> ownA = new ArrayList<>();
        List<BugOcr.Word> ownB = new ArrayList<>();
        for (BugOcr.Word n : numbersPerLine.get(a.line())) {
            (gap(n, a) <= gap(n, b) ? ownA : ownB).add(n);
        }
        if (ownA.isEmpty() || ownB.isEmpty() || layout.known() && !layout.scoreOnly()) {
            // (games and points of both teams on one line: which number is which cannot be told, so no reading)
            return null;
        }
        int[] scores = {value(score(ownA, a)), value(score(ownB, b))};
        int max = layout.known() ? layout.columns().get(0).max() : MAX_SCORE;
        return scores[0] > max || scores[1] > max ? null
                : new BugReading(teams, scores, null, period, clock, true);
    }

    /**
     * A row per team, read as the sport draws it: a score-only bug takes each row's score as on a one-row bug
     * (the largest surely-read number; seeds and fouls are drawn smaller); else the rows show the same number of
     * columns, the sport's last ones (at least its fewest, {@link #fits}), and a number above its column's most is
     * misread: no reading at all, as it would invent a state.
     */
    private static BugReading rows(List<String> teams, Name a, Name b, List<BugOcr.Word> ra, List<BugOcr.Word> rb,
                                   BugLayout layout, String period, String clock) {
        List<BugLayout.Column> all = layout.columns();
        if (layout.scoreOnly()) {
            int[] scores = {value(score(ra, a)), value(score(rb, b))};
            int max = all.get(0).max();
            return scores[0] > max || scores[1] > max ? null
                    : new BugReading(teams, scores, null, period, clock, true);
        }
        int n = ra.size();
        List<BugLayout.Column> shown = all.subList(all.size() - n, all.size());
        StringBuilder games = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int va = value(ra.get(i));
            int vb = value(rb.get(i));
            boolean points = i == n - 1;
            if (above(va, shown.get(i).max(), points) || above(vb, shown.get(i).max(), points)) {
                return null;
            }
            if (i < n - 1) {
                games.append(i == 0 ? "" : " ").append(va).append('-').append(vb);
            }
        }
        int[] scores = {value(ra.get(n - 1)), value(rb.get(n - 1))};
        if ((scores[0] == ADVANTAGE || scores[1] == ADVANTAGE) && scores[0] + scores[1] != ADVANTAGE + 40) {
            return null; // the advantage is only ever had over 40 (a mark beside anything else is misread)
        }
        return new BugReading(teams, scores, n > 1 ? games.toString() : null, period, clock, true);
    }

    /**
     * Both rows show as many numbers as each other, no fewer than the sport's fewest and no more than its columns:
     * the sport's columns tell what each is. Else (a column not read on one row or both, a number more) the rows are
     * read as without a profile, the last number each row's score, and the profile adds only the score's most: the
     * sport's columns may not forbid the score a bug plainly shows.
     */
    private static boolean fits(List<BugOcr.Word> ra, List<BugOcr.Word> rb, BugLayout layout) {
        int n = ra.size();
        return rb.size() == n && n >= layout.minColumns() && n <= layout.columns().size();
    }

    /** A number above its column's most; the points column ({@code points}) also shows the advantage. */
    private static boolean above(int value, int max, boolean points) {
        return value > max && !(points && value == ADVANTAGE);
    }

    /** How a row's advantage mark is kept among its numbers (it is read as {@link #ADVANTAGE}). */
    private static final String ADVANTAGE_TEXT = "AD";

    /**
     * The rows' numbers with the points a tennis bug leaves blank at deuce filled in as 40: beside the other row's
     * advantage mark (when the row shows one number fewer), or both rows under a "DEUCE" label that stands right of
     * both rows' numbers (the label in the points column, neither row showing points).
     */
    private static List<List<BugOcr.Word>> atDeuce(List<BugOcr.Word> ra, List<BugOcr.Word> rb, BugOcr.Word deuce) {
        boolean adA = !ra.isEmpty() && ra.get(ra.size() - 1).text().equals(ADVANTAGE_TEXT);
        boolean adB = !rb.isEmpty() && rb.get(rb.size() - 1).text().equals(ADVANTAGE_TEXT);
        if (adA && rb.size() == ra.size() - 1) {
            return List.of(ra, withForty(rb, ra.get(ra.size() - 1)));
        }
        if (adB && ra.size() == rb.size() - 1) {
            return List.of(withForty(ra, rb.get(rb.size() - 1)), rb);
        }
        if (deuce != null && !adA && !adB && !ra.isEmpty() && ra.size() == rb.size()
                && deuce.x() >= Math.max(ra.get(ra.size() - 1).right(), rb.get(rb.size() - 1).right())) {
            return List.of(withForty(ra, deuce), withForty(rb, deuce));
        }
        return List.of(ra, rb);
    }

    /** {@code row} with a 40 standing where {@code column} stands, on the row's own line. */
    private static List<BugOcr.Word> withForty(List<BugOcr.Word> row, BugOcr.Word column) {
        List<BugOcr.Word> out = new ArrayList<>(row);
        BugOcr.Word last = row.isEmpty() ? column : row.get(row.size() - 1);
        out.add(new BugOcr.Word("40", column.x(), last.y(), column.width(), last.height(), column.confidence()));
        return out;
    }

    /** The row's last number ends left of where its name starts. */
    private static boolean leftOfName(List<BugOcr.Word> row, Name name) {
        return row.get(row.size() - 1).right() <= name.x();
    }

    /**
     * Two rows' numbers in the same column: a bug draws each column of its table at one place, so their boxes
     * overlap across, give or take a third of the digits' height (OCR's boxes jitter by a few pixels).
     */
    static boolean aligned(BugOcr.Word x, BugOcr.Word y) {
        int slack = Math.max(x.height(), y.height()) / 3;
        return x.x() < y.right() + slack && y.x() < x.right() + slack;
    }

    /**
     * The columns before the last (games; sets and games in tennis) as "3-0", or "1-0 4-3" for several, when both
     * rows show them: small numbers (at most 7) drawn about as large as the score. Else null (seeds, records).
     */
    private static String columns(List<BugOcr.Word> ra, List<BugOcr.Word> rb) {
        int n = Math.min(ra.size(), rb.size()) - 1;
        if (n < 1 || ra.size() != rb.size() && n > 1) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            BugOcr.Word a = ra.get(i);
            BugOcr.Word b = rb.get(i);
            if (value(a) > 7 || value(b) > 7 || !similar(a, ra.get(ra.size() - 1)) || !similar(b, rb.get(rb.size() - 1))) {
                return null;
            }
            out.append(i == 0 ? "" : " ").append(value(a)).append('-').append(value(b));
        }
        return out.toString();
    }

    private static boolean similar(BugOcr.Word x, BugOcr.Word y) {
        return Math.abs(x.height() - y.height()) <= 0.25 * Math.max(x.height(), y.height());
    }

    private static int gap(BugOcr.Word w, Name n) {
        return Math.max(0, Math.max(n.x() - w.right(), w.x() - n.right()));
    }

    /** The team's score among its numbers: the largest, the nearer of (nearly) equals. */
    private static BugOcr.Word score(List<BugOcr.Word> own, Name name) {
        // a team's logo read as big digits is read with little confidence: numbers read surely come first
        List<BugOcr.Word> sure = own.stream().filter(w -> w.confidence() >= SURE).toList();
        own = sure.isEmpty() ? own : sure;
        // a column of dots or a divider read as a digit ("3" for a bug's timeouts left) is far narrower than any
        // digit but a one is drawn
        List<BugOcr.Word> digits = own.stream().filter(BugReading::digitWide).toList();
        own = digits.isEmpty() ? own : digits;
        int tallest = own.stream().mapToInt(BugOcr.Word::height).max().orElseThrow();
        return own.stream().filter(w -> w.height() >= 0.85 * tallest)
                .min(Comparator.comparingInt(w -> gap(w, name))).orElseThrow();
    }

    /** Wide enough for its digits: at least {@value #MIN_DIGIT_WIDTH} of its height each, ones left out. */
    static boolean digitWide(BugOcr.Word w) {
        long notOnes = w.text().chars().filter(c -> c != '1').count();
        return w.width() >= MIN_DIGIT_WIDTH * w.height() * notOnes;
    }

    /** The narrowest a digit other than 1 is drawn, as a share of its height (condensed faces draw about 0.45). */
    private static final double MIN_DIGIT_WIDTH = 0.3;

    /**
     * Words grouped into lines top to bottom, each left to right; big digits beside smaller names (their boxes
     * overlap in height, their centres are less than 0.6 of the taller one's height apart) share a line.
     */
    static List<List<BugOcr.Word>> lines(List<BugOcr.Word> words) {
        List<BugOcr.Word> byY = new ArrayList<>(words);
        byY.sort(Comparator.comparingInt(BugOcr.Word::centreY));
        List<List<BugOcr.Word>> lines = new ArrayList<>();
        for (BugOcr.Word w : byY) {
            List<BugOcr.Word> line = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (line != null && (sameLine(line.get(0), w) || beside(line.get(0), w))) {
                line.add(w);
            } else {
                List<BugOcr.Word> fresh = new ArrayList<>();
                fresh.add(w);
                lines.add(fresh);
            }
        }
        lines.forEach(line -> line.sort(Comparator.comparingInt(BugOcr.Word::x)));
        return lines;
    }

    private static boolean beside(BugOcr.Word a, BugOcr.Word b) {
        boolean overlap = a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
        return overlap && Math.abs(a.centreY() - b.centreY()) < 0.6 * Math.max(a.height(), b.height());
    }

    /**
     * A word's runs: a record, a clock, a period ("4TH", "2Q", "Q4": never split into a letter and a digit), a
     * number, letters.
     */
    private static final Pattern RUN = Pattern.compile("\\d{1,3}-\\d{1,3}|\\d{1,2}:\\d{2}|\\d{1,2}\\.\\d|[1-4](?:ST|ND|RD|TH|st|nd|rd|th)|[1-4]Q|Q[1-4]|\\d+|[A-Za-z]+");

    /** Words OCR glued together ("CLE14") as their letter and digit runs, each with its share of the box. */
    static List<BugOcr.Word> split(List<BugOcr.Word> words) {
        List<BugOcr.Word> out = new ArrayList<>();
        for (BugOcr.Word w : words) {
            String text = w.text().replaceAll("^[.:-]+|[.:-]+$", "");
            if (text.equals("O") || text.equals("o") || ZERO.matcher(text).matches() && w.width() < 1.3 * w.height()
                    || PANEL_ZERO.matcher(text).matches() && w.width() <= PANEL_ZERO_WIDTH * w.height()) {
                text = "0"; // a lone zero read as a letter (or as two: "Oo" one glyph wide, "QO" in a panel)
            } else if (ONE.matcher(text).matches()) {
                text = "1"; // a lone one read as a letter ("il", "l", "I")
            } else if (CASE_BLIND.matcher(text).matches()) {
                text = text.toUpperCase(Locale.ROOT); // "Gs": an abbreviation's capital S read small
            }
            var m = RUN.matcher(text);
            List<int[]> runs = new ArrayList<>();
            while (m.find()) {
                runs.add(new int[] {m.start(), m.end()});
            }
            if (runs.size() == 1) {
                runs = splitNames(text, runs);
            }
            if (runs.size() <= 1) {
                if (!text.isEmpty()) {
                    out.add(new BugOcr.Word(text, w.x(), w.y(), w.width(), w.height(), w.confidence()));
                }
                continue;
            }
            double perChar = w.width() / (double) Math.max(1, text.length());
            runs = splitNames(text, runs);
            for (int[] r : runs) {
                out.add(new BugOcr.Word(text.substring(r[0], r[1]), w.x() + (int) (r[0] * perChar), w.y(),
                        Math.max(1, (int) ((r[1] - r[0]) * perChar)), w.height(), w.confidence()));
            }
        }
        return out;
    }

    /**
     * A short word in capitals but for letters drawn alike in both cases (c, o, s, v, w, x, z: Tesseract tells them
     * only by size, which a bold face blurs), the first of them too, with a capital among them: an abbreviation
     * ("Gs" for "GS", "cLE" for "CLE"), read in capitals.
     */
    private static final Pattern CASE_BLIND = Pattern.compile("(?=.*[A-Z])[A-Zcosvwxz]{2,4}");

    private static final Pattern GLUED_NAME = Pattern.compile("([A-Z]{2,4})([A-Z][a-z]+)");

    /** "MALong" (a family name in capitals and a given name, the space lost) as "MA" and "Long". */
    private static List<int[]> splitNames(String text, List<int[]> runs) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            var m = GLUED_NAME.matcher(text.substring(r[0], r[1]));
            if (m.matches()) {
                out.add(new int[] {r[0], r[0] + m.end(1)});
                out.add(new int[] {r[0] + m.end(1), r[1]});
            } else {
                out.add(r);
            }
        }
        return out;
    }

    private static int value(BugOcr.Word w) {
        return w.text().equals(ADVANTAGE_TEXT) ? ADVANTAGE : Integer.parseInt(w.text());
    }

    private static boolean sameLine(BugOcr.Word a, BugOcr.Word b) {
        return Math.abs(a.centreY() - b.centreY()) < Math.max(a.height(), b.height()) / 2;
    }

}
