package io.courtside.scoreboard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What one OCR pass over the bug said, made sense of: two teams in screen order, each one's score, and the period
 * and clock where shown. Words are put in reading order (lines top to bottom, then left to right); a team is a word
 * of 2-4 capitals (with a following capitalised word kept as its name: "MA Long"); the numbers after a team, before
 * the next team, are its own.
 * <p>
 * Basketball-like bugs: a team's score is its number drawn largest (scores are the bug's biggest digits; fouls or
 * timeouts shown as digits are smaller). Table tennis (and other games-and-points bugs: both teams show two numbers,
 * the first at most 7): {@code score} holds the points of the current game and {@code games} the games won, written
 * as "3-0" in screen order, which {@link ScoreState#period()} carries.
 *
 * @param teams  the two teams, in screen order
 * @param scores their scores (points of the current game for games-and-points bugs)
 * @param games  games won as "3-0", or null for a plain score
 * @param period period as shown ("4TH", "Q3", "OT"), or null
 * @param clock  clock as shown ("2:59", "11.4"), or null
 */
record BugReading(List<String> teams, int[] scores, String games, String period, String clock) {

    private static final Pattern TEAM = Pattern.compile("[A-Z]{2,4}");
    private static final Pattern NAME = Pattern.compile("[A-Z][a-z]{1,12}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}|\\d{1,2}\\.\\d");
    private static final Pattern PERIOD = Pattern.compile("(?i)[1-4](ST|ND|RD|TH)|Q[1-4]|[1-4]Q|OT\\d?|\\d?OT|HALF|FINAL|END");
    /** Words a bug shows that are not team names. */
    private static final List<String> NOT_TEAMS = List.of("QTR", "BONUS", "FOUL", "FOULS", "TO", "TOL", "SET", "GAME",
            "PTS", "LIVE", "REPLAY", "HD");
    private static final int MAX_SCORE = 250;

    /** Same teams, scores and games (period and clock left out): one displayed score state. */
    String key() {
        return teams.get(0) + " " + scores[0] + " " + teams.get(1) + " " + scores[1] + (games == null ? "" : " g" + games);
    }

    /** The reading of {@code words}, or null when they do not show two teams with a score each. */
    static BugReading of(List<BugOcr.Word> words) {
        List<BugOcr.Word> ordered = readingOrder(split(words));
        String period = null;
        String clock = null;
        List<String> teams = new ArrayList<>();
        List<List<BugOcr.Word>> numbers = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            BugOcr.Word w = ordered.get(i);
            String text = w.text();
            if (CLOCK.matcher(text).matches()) {
                clock = clock == null ? text : clock;
            } else if (PERIOD.matcher(text).matches()) {
                period = period == null ? text.toUpperCase(Locale.ROOT) : period;
            } else if (TEAM.matcher(text).matches() && !NOT_TEAMS.contains(text)) {
                String team = text;
                if (i + 1 < ordered.size() && NAME.matcher(ordered.get(i + 1).text()).matches()
                        && sameLine(w, ordered.get(i + 1))) {
                    team = team + " " + ordered.get(++i).text();
                }
                teams.add(team);
                numbers.add(new ArrayList<>());
            } else if (NUMBER.matcher(text).matches() && !numbers.isEmpty()) {
                numbers.get(numbers.size() - 1).add(w);
            }
        }
        if (teams.size() == 2 && numbers.get(1).isEmpty() && numbers.get(0).size() == 2) {
            // "CLE 73 81 GS": scores between the names
            numbers.get(1).add(numbers.get(0).remove(1));
        }
        if (teams.size() != 2 || numbers.get(0).isEmpty() || numbers.get(1).isEmpty()
                || teams.get(0).equals(teams.get(1))) {
            return null;
        }
        List<BugOcr.Word> a = numbers.get(0);
        List<BugOcr.Word> b = numbers.get(1);
        int[] scores = new int[2];
        String games = null;
        if (a.size() >= 2 && b.size() >= 2 && value(a.get(0)) <= 7 && value(b.get(0)) <= 7) {
            games = value(a.get(0)) + "-" + value(b.get(0));
            scores[0] = value(a.get(a.size() - 1));
            scores[1] = value(b.get(b.size() - 1));
        } else {
            scores[0] = value(largest(a));
            scores[1] = value(largest(b));
        }
        if (scores[0] > MAX_SCORE || scores[1] > MAX_SCORE) {
            return null;
        }
        return new BugReading(List.copyOf(teams), scores, games, period, clock);
    }

    private static final Pattern RUN = Pattern.compile("\\d{1,2}:\\d{2}|\\d{1,2}\\.\\d|[1-4](?:ST|ND|RD|TH|st|nd|rd|th)|\\d+|[A-Za-z]+");

    /** Words OCR glued together ("CLE14") as their letter and digit runs, each with its share of the box. */
    static List<BugOcr.Word> split(List<BugOcr.Word> words) {
        List<BugOcr.Word> out = new ArrayList<>();
        for (BugOcr.Word w : words) {
            String text = w.text().replaceAll("^[.:]+|[.:]+$", "");
            if (text.equals("O") || text.equals("o")) {
                text = "0"; // a lone zero read as a letter
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
        return Integer.parseInt(w.text());
    }

    private static BugOcr.Word largest(List<BugOcr.Word> words) {
        return words.stream().max(Comparator.comparingInt(BugOcr.Word::height)).orElseThrow();
    }

    private static boolean sameLine(BugOcr.Word a, BugOcr.Word b) {
        return Math.abs(a.centreY() - b.centreY()) < Math.max(a.height(), b.height()) / 2;
    }

    /** Lines top to bottom (words whose centres are within half a word's height), each left to right. */
    static List<BugOcr.Word> readingOrder(List<BugOcr.Word> words) {
        List<BugOcr.Word> byY = new ArrayList<>(words);
        byY.sort(Comparator.comparingInt(BugOcr.Word::centreY));
        List<List<BugOcr.Word>> lines = new ArrayList<>();
        for (BugOcr.Word w : byY) {
            List<BugOcr.Word> line = lines.isEmpty() ? null : lines.get(lines.size() - 1);
            if (line != null && sameLine(line.get(0), w)) {
                line.add(w);
            } else {
                List<BugOcr.Word> fresh = new ArrayList<>();
                fresh.add(w);
                lines.add(fresh);
            }
        }
        List<BugOcr.Word> ordered = new ArrayList<>();
        for (List<BugOcr.Word> line : lines) {
            line.sort(Comparator.comparingInt(BugOcr.Word::x));
            ordered.addAll(line);
        }
        return ordered;
    }
}
