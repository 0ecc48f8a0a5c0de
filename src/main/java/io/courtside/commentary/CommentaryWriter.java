package io.courtside.commentary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import io.courtside.kernel.JobSpec;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.ScoreWeights;
import io.courtside.selection.ScoringPlay;
import io.courtside.selection.Segment;
import io.courtside.selection.SportProfile;
import io.courtside.selection.SportProfiles;
import io.courtside.selection.TeamNames;

/**
 * Writes the commentary of one output: a line per clip (two where a score change comes late in it) from the
 * clip's events (replay, fast break, crowd roar, the registered player seen, or a generic line), from the sport's phrase set in the job's language, names
 * through TransferNameRegister. Lines vary: each kind's templates are taken in a rotation shuffled by a seed
 * from the JobId and output index (the same job always gets the same lines). No line repeats within an output:
 * a kind used up falls back to the next kind that fits, and a clip for which every fitting line was already said
 * gets none (no caption, no voice).
 *
 * <p>Where the score bug was read, a clip holding a score change tells it: the scoring team by its TransferName
 * (else the abbreviation as read), the points, the new score, and what the play meant (lead change, tie, run,
 * close and late, a big play), in that order of preference; the title card shows the teams and the last score read.
 * That line starts at the change, never before the score shows it; a clip whose change comes at least
 * {@code lead-in-seconds} after its start gets a build-up line before it (a fast break, the player, or generic).
 * Once per output the commentary tells the standing score with both teams' names ("Oklahoma City Thunder lead
 * San Antonio Spurs 42 to 36"): the opening line (the score shown at the first clip's start) when the first
 * clip's first line tells no basket, else the last clip's line when it tells none, else in place of the line
 * telling a basket (the last plain one: no lead change, tie, run, close-late or big play). Names on the bug match
 * TransferNameRegister ignoring case, spaces and punctuation ({@link TeamNames}).
 *
 * <p>Language: ICE's contract has no language parameter, so {@code courtside.commentary.language} decides;
 * {@code auto} (the default) speaks Chinese when any TransferName is written in Han characters (the caller
 * spelled the names in Chinese), else English.
 */
@Component
@EnableConfigurationProperties(CommentaryProperties.class)
public class CommentaryWriter {

    private final CommentaryProperties properties;
    private final PhraseBooks phrases;
    private final SportProfiles profiles;

    public CommentaryWriter(CommentaryProperties properties, PhraseBooks phrases, SportProfiles profiles) {
        this.properties = properties;
        this.phrases = phrases;
        this.profiles = profiles;
    }

    /** The commentary of output {@code plan.index()} of the job, without a score reading. */
    public Commentary write(JobRun job, HighlightPlan plan) {
        return write(job, plan, ScoreTimeline.none());
    }

    /** The commentary of output {@code plan.index()} of the job; {@code scores} is what the score bug showed. */
    public Commentary write(JobRun job, HighlightPlan plan, ScoreTimeline scores) {
        JobSpec.InputConfig input = job.spec().input();
        SportProfile profile = profiles.find(input.sportsCategory()).orElse(null);
        boolean titleCard = profile != null && profile.titleCard();
        List<String> players = input.faces() == null ? List.of()
                : input.faces().stream().map(JobSpec.FaceRegistration::name).toList();
        return write(job.jobId(), input.sportsCategory(), input.nameTransfers(), players, plan, titleCard, scores,
                profile == null ? ScoreWeights.DEFAULTS : profile.scoring());
    }

    /** Without a score reading. */
    public Commentary write(String seed, String sport, List<JobSpec.NameTransfer> transfers, List<String> players,
                            HighlightPlan plan, boolean titleCard) {
        return write(seed, sport, transfers, players, plan, titleCard, ScoreTimeline.none(), ScoreWeights.DEFAULTS);
    }

    /**
     * @param seed      varies the lines between jobs (the JobId)
     * @param transfers TransferNameRegister: original name to the name to show and say
     * @param players   names registered as players (FaceRegister); the other transfers are teams
     * @param scores    what the score bug showed ({@link ScoreTimeline#none()} when it was not read)
     * @param weights   the sport's scoring settings (what makes a run)
     */
    public Commentary write(String seed, String sport, List<JobSpec.NameTransfer> transfers, List<String> players,
                            HighlightPlan plan, boolean titleCard, ScoreTimeline scores, ScoreWeights weights) {
        List<JobSpec.NameTransfer> names = transfers == null ? List.of() : transfers;
        String language = language(names);
        PhraseBook book = phrases.find(sport, language);
        Path font = properties.fontFor(language);
        if (font == null || !Files.isRegularFile(font)) {
            throw new JobFailure(JobFailure.RENDER_ERROR, "The caption font for language '" + language + "' ("
                    + font + ") does not exist: set courtside.commentary.fonts." + language + " to a TrueType/OpenType"
                    + " font file (the jar ships " + BundledFonts.LATIN + " and " + BundledFonts.CJK + ", written into"
                    + " <courtside.data-dir>/fonts at start-up) or install it.");
        }
        Map<String, String> transfer = JobSpec.NameTransfer.map(names);
        Set<String> playerNames = new HashSet<>(players);
        List<String> teams = names.stream().filter(t -> !playerNames.contains(t.originalName()))
                .map(JobSpec.NameTransfer::transferName).toList();
        Map<String, String> teamValues = new HashMap<>();
        if (!teams.isEmpty()) {
            teamValues.put("home", teams.get(0));
        }
        if (teams.size() > 1) {
            teamValues.put("away", teams.get(1));
        }

        Rotation rotation = new Rotation(book, seed.hashCode() * 31L + plan.index());
        List<CommentaryLine> lines = new ArrayList<>();
        Standing standing = standing(plan, scores, weights);
        double at = 0;
        int clip = 0;
        for (Segment segment : plan.segments()) {
            ClipEvents events = segment.events();
            Map<String, String> values = new HashMap<>(teamValues);
            if (!events.players().isEmpty()) {
                String player = events.players().get(0);
                values.put("player", TeamNames.nameOf(transfer, player));
            }
            ScoringPlay play = toldPlay(segment);
            boolean within = play != null && play.time() >= segment.start() && play.time() < segment.end();
            double change = within ? play.time() - segment.start() : 0;
            // The standing score, once per output, in place of this clip's first or last line.
            String stand = standing != null && standing.clip() == clip
                    ? standingLine(rotation, standing.state(), transfer, book) : null;
            boolean standFirst = stand != null && standing.first();
            String told = null;
            if (play != null && stand != null && !standFirst && within) {
                told = stand; // the standing after the play tells the play
                stand = null;
            } else if (play != null) {
                // The score first: it is what the clip is for, so it gets the line while lines are left.
                List<String> kinds = new ArrayList<>(scoringKinds(play, weights));
                putScoring(values, play, transfer, book);
                told = rotation.next(kinds, values, false);
            }
            if (told == null || !within) {
                String text = told != null ? told
                        : stand != null ? stand : rotation.next(List.of(kind(events)), values);
                if (text != null) {
                    lines.add(new CommentaryLine(clip, at, at + segment.duration(), text));
                }
            } else {
                // Never before the score graphic shows it: the line starts at the change; a long enough stretch
                // before the change gets a build-up line.
                if (change >= properties.leadInSeconds()) {
                    String lead = standFirst ? stand : rotation.next(List.of(leadInKind(events)), values, false);
                    if (lead != null) {
                        lines.add(new CommentaryLine(clip, at, at + change, lead));
                    }
                }
                lines.add(new CommentaryLine(clip, at + change, at + segment.duration(), told, play.time()));
            }
            clip++;
            at += segment.duration();
        }
        String title = null;
        ScoreState last = scores == null || !scores.found() ? null : scores.last();
        if (titleCard && last != null && last.score().size() == 2) {
            Map<String, String> board = new HashMap<>(teamValues);
            int k = 1;
            for (Map.Entry<String, Integer> e : last.score().entrySet()) {
                board.put("team" + k, TeamNames.nameOf(transfer, e.getKey()));
                board.put("score" + k, Integer.toString(e.getValue()));
                k++;
            }
            if (last.games() != null) {
                board.put("games", last.games()); // a games-and-points bug's columns, as shown
            }
            title = rotation.fill(book.of(PhraseBook.TITLE_SCORE), board);
        }
        if (titleCard && title == null) {
            title = rotation.fill(book.of(PhraseBook.TITLE), teamValues);
            if (title == null && teams.size() == 1) {
                title = teams.get(0);
            }
        }
        return new Commentary(language, book.name(), font, title, lines);
    }

    String language(List<JobSpec.NameTransfer> transfers) {
        String configured = properties.language().toLowerCase(Locale.ROOT);
        if (!"auto".equals(configured)) {
            return configured;
        }
        boolean han = transfers.stream().map(JobSpec.NameTransfer::transferName)
                .anyMatch(name -> name.codePoints().anyMatch(
                        c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        return han ? "zh" : "en";
    }

    /** The play a clip tells: one shown within it or before it (told over the whole clip), never one after it. */
    private static ScoringPlay toldPlay(Segment segment) {
        ClipEvents events = segment.events();
        return events.play() != null && events.play().time() < segment.end() ? events.play() : null;
    }

    /**
     * Where the output tells the standing score with both teams' names, and which score.
     *
     * @param clip  the clip whose line it is
     * @param first its first line (the opening: from the clip's start, the score shown then); else the line
     *              telling the clip's play (the score after the play, from the change)
     */
    private record Standing(int clip, boolean first, ScoreState state) {
    }

    /**
     * The opening line when the first clip's first line does not tell a play (the score shown at its start); else
     * the last clip's when it tells none; else the line of the last play told by a plain score line (no lead
     * change, tie, run, close-late or big play to tell), else of the last play. Null without a two-team score.
     */
    private Standing standing(HighlightPlan plan, ScoreTimeline scores, ScoreWeights weights) {
        List<Segment> segments = plan.segments();
        if (scores == null || !scores.found() || segments.isEmpty()) {
            return null;
        }
        Segment first = segments.get(0);
        ScoringPlay firstPlay = toldPlay(first);
        boolean firstWithin = firstPlay != null && firstPlay.time() >= first.start();
        ScoreState opening = scores.stateAt(first.start());
        if (twoTeams(opening) && (firstPlay == null
                || (firstWithin && firstPlay.time() - first.start() >= properties.leadInSeconds()))) {
            return new Standing(0, true, opening);
        }
        int lastClip = segments.size() - 1;
        Segment last = segments.get(lastClip);
        ScoreState closing = scores.stateAt(last.start());
        if (lastClip > 0 && toldPlay(last) == null && twoTeams(closing)) {
            return new Standing(lastClip, true, closing);
        }
        int plain = -1;
        int any = -1;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            ScoringPlay p = toldPlay(s);
            if (p == null || p.time() < s.start() || !twoTeams(p.state())) {
                continue;
            }
            any = i;
            if (scoringKinds(p, weights).stream().allMatch(k -> k.equals(PhraseBook.SCORE_LEAD)
                    || k.equals(PhraseBook.SCORE_TRAIL))) {
                plain = i;
            }
        }
        int at = plain >= 0 ? plain : any;
        return at < 0 ? null : new Standing(at, false, toldPlay(segments.get(at)).state());
    }

    private static boolean twoTeams(ScoreState state) {
        return state != null && state.score().size() == 2;
    }

    /**
     * The standing score with both names: {@code standing} ("{leader} lead {trailer} 42 to 36") or
     * {@code standing-tie}; null when the book has no unsaid line for it.
     */
    private static String standingLine(Rotation rotation, ScoreState state, Map<String, String> transfer,
                                       PhraseBook book) {
        List<String> order = new ArrayList<>(state.score().keySet());
        if (order.size() != 2) {
            return null;
        }
        Map<String, String> values = new HashMap<>();
        String leader = state.leader();
        if (leader == null) {
            values.put("team1", TeamNames.nameOf(transfer, order.get(0)));
            values.put("team2", TeamNames.nameOf(transfer, order.get(1)));
            values.put("score", Integer.toString(state.pointsOf(order.get(0))));
            return rotation.next(List.of(PhraseBook.STANDING_TIE), values, false);
        }
        String trailer = order.get(0).equals(leader) ? order.get(1) : order.get(0);
        values.put("leader", TeamNames.nameOf(transfer, leader));
        values.put("trailer", TeamNames.nameOf(transfer, trailer));
        values.put("leader-score", Integer.toString(state.pointsOf(leader)));
        values.put("trailer-score", Integer.toString(state.pointsOf(trailer)));
        values.put("lead", book.number(state.margin()));
        return rotation.next(List.of(PhraseBook.STANDING), values, false);
    }

    /** The scoring kinds a play may be told by, most telling first. */
    private static List<String> scoringKinds(ScoringPlay play, ScoreWeights weights) {
        List<String> kinds = new ArrayList<>();
        if (play.won() != null) {
            // a game or set won: the points start again at 0-0, so no points line tells it
            if (play.won() == Scoring.Won.SET) {
                kinds.add(PhraseBook.SET_WON);
            }
            kinds.add(PhraseBook.GAME_WON);
            return kinds;
        }
        // tennis after deuce: the bug's "AD", or 40-40 again (a book without these lines tells the points instead)
        if (play.team().equals(play.state().advantage())) {
            kinds.add(PhraseBook.ADVANTAGE);
            return kinds;
        }
        if (play.state().games() != null && play.teamScore() == 40 && play.otherScore() == 40
                && play.state().advantage() == null) {
            kinds.add(PhraseBook.DEUCE);
        }
        if (play.leadChange()) {
            kinds.add(PhraseBook.LEAD_CHANGE);
        }
        if (play.tie()) {
            kinds.add(PhraseBook.TIE);
        }
        if (play.isRun(weights)) {
            kinds.add(PhraseBook.RUN);
        }
        if (play.closeLate()) {
            kinds.add(PhraseBook.CLOSE_LATE);
        }
        if (play.big()) {
            kinds.add(PhraseBook.BIG_PLAY);
        }
        if (play.lead() > 0) {
            kinds.add(PhraseBook.SCORE_LEAD);
        } else if (play.lead() < 0) {
            kinds.add(PhraseBook.SCORE_TRAIL);
        }
        return kinds;
    }

    /** The scoring placeholders: names transferred, numbers spelled as the book spells them. */
    private static void putScoring(Map<String, String> values, ScoringPlay play, Map<String, String> transfer,
                                   PhraseBook book) {
        values.put("team", TeamNames.nameOf(transfer, play.team()));
        values.put("points", book.number(play.points()));
        values.put("team-score", Integer.toString(play.teamScore()));
        values.put("run", Integer.toString(play.run()));
        values.put("a-run", runWithArticle(play.run()));
        if (play.other() != null) {
            values.put("other", TeamNames.nameOf(transfer, play.other()));
            values.put("other-score", Integer.toString(play.otherScore()));
            values.put("lead", book.number(Math.abs(play.lead())));
        }
        putGames(values, play);
    }

    /**
     * A games-and-points bug's columns: {@code {games}} as shown ("1-0 5-3"), and the scoring team's and the other's
     * games of the current set (the last column; {@code {team-games}}, {@code {other-games}}) and sets won (the
     * column before it, where shown: {@code {team-sets}}, {@code {other-sets}}).
     */
    private static void putGames(Map<String, String> values, ScoringPlay play) {
        String games = play.state().games();
        List<String> order = new ArrayList<>(play.state().score().keySet());
        int side = order.indexOf(play.team());
        if (games == null || order.size() != 2 || side < 0) {
            return;
        }
        int[][] columns = play.state().gameColumns();
        values.put("games", games);
        int[] last = columns[columns.length - 1];
        values.put("team-games", Integer.toString(last[side]));
        values.put("other-games", Integer.toString(last[1 - side]));
        if (columns.length >= 2) {
            int[] sets = columns[columns.length - 2];
            values.put("team-sets", Integer.toString(sets[side]));
            values.put("other-sets", Integer.toString(sets[1 - side]));
        }
    }

    /** "an 8-0 run", "a 10-0 run", "an 11-0 run": the article as the number is said. */
    static String runWithArticle(int run) {
        String n = Integer.toString(run);
        boolean vowel = n.startsWith("8") || run == 11 || run == 18 || (run >= 11_000 && run < 12_000)
                || (run >= 18_000 && run < 19_000);
        return (vowel ? "an " : "a ") + n + "-0 run";
    }

    /**
     * The kind of the line before a score change: the build-up (a fast break, the player on the ball, else a
     * generic line); a roar or a replay line would tell what has not happened yet.
     */
    private static String leadInKind(ClipEvents events) {
        if (events.fastBreak()) {
            return PhraseBook.FAST_BREAK;
        }
        return events.players().isEmpty() ? PhraseBook.GENERIC : PhraseBook.PLAYER;
    }

    private String kind(ClipEvents events) {
        if (events.replay()) {
            return PhraseBook.REPLAY;
        }
        if (events.fastBreak()) {
            return PhraseBook.FAST_BREAK;
        }
        if (events.excitementDb() >= properties.roarDb()) {
            return PhraseBook.ROAR;
        }
        if (!events.players().isEmpty()) {
            return PhraseBook.PLAYER;
        }
        return PhraseBook.GENERIC;
    }

    /** Per kind, templates in a seeded shuffled order, taken in turn. */
    private static final class Rotation {
        private final PhraseBook book;
        private final Random random;
        private final Map<String, List<String>> orders = new LinkedHashMap<>();
        private final Map<String, Integer> next = new HashMap<>();
        private final Set<String> said = new HashSet<>();

        Rotation(PhraseBook book, long seed) {
            this.book = book;
            this.random = new Random(seed);
        }

        /**
         * A line not yet said in this output: of the first kind (in order) that has one, else a player line when a
         * player is known, else a generic one; null when every fitting line was said.
         */
        String next(List<String> kinds, Map<String, String> values) {
            return next(kinds, values, true);
        }

        /** As {@link #next(List, Map)}; without {@code fallBack} only of the given kinds. */
        String next(List<String> kinds, Map<String, String> values, boolean fallBack) {
            List<String> tries = new ArrayList<>(kinds);
            if (fallBack) {
                String last = kinds.get(kinds.size() - 1);
                if (!PhraseBook.GENERIC.equals(last) && values.containsKey("player")) {
                    tries.add(PhraseBook.PLAYER);
                }
                tries.add(PhraseBook.GENERIC);
            }
            for (String kind : tries) {
                String line = take(kind, values);
                if (line != null) {
                    said.add(line);
                    return line;
                }
            }
            return null;
        }

        /** The next usable template of the kind, preferring ones that name the player when one is known. */
        private String take(String kind, Map<String, String> values) {
            List<String> order = orders.computeIfAbsent(kind, k -> {
                List<String> shuffled = new ArrayList<>(book.of(k));
                Collections.shuffle(shuffled, random);
                return shuffled;
            });
            int n = order.size();
            int start = next.getOrDefault(kind, 0);
            String fallback = null;
            int fallbackAt = -1;
            for (int i = 0; i < n; i++) {
                String template = order.get((start + i) % n);
                String filled = fill(template, values);
                if (filled == null || said.contains(filled)) {
                    continue;
                }
                boolean namesPlayer = template.contains("{player}");
                if (namesPlayer || !values.containsKey("player")) {
                    next.put(kind, start + i + 1);
                    return filled;
                }
                if (fallback == null) {
                    fallback = filled;
                    fallbackAt = start + i;
                }
            }
            if (fallback != null) {
                next.put(kind, fallbackAt + 1);
            }
            return fallback;
        }

        String fill(List<String> templates, Map<String, String> values) {
            for (String template : templates) {
                String filled = fill(template, values);
                if (filled != null) {
                    return filled;
                }
            }
            return null;
        }

        /** The template with its names filled in, or null when it needs a name that is not known. */
        static String fill(String template, Map<String, String> values) {
            StringBuilder out = new StringBuilder();
            int i = 0;
            while (i < template.length()) {
                int open = template.indexOf('{', i);
                if (open < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                int close = template.indexOf('}', open);
                if (close < 0) {
                    out.append(template, i, template.length());
                    break;
                }
                String value = values.get(template.substring(open + 1, close));
                if (value == null) {
                    return null;
                }
                out.append(template, i, open).append(value);
                i = close + 1;
            }
            return out.toString();
        }
    }
}
