package io.courtside.commentary;

import static io.courtside.selection.ScoreFixtures.timeline;
import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.kernel.JobSpec.NameTransfer;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.ScoreWeights;
import io.courtside.selection.ScoringPlay;
import io.courtside.selection.Segment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Commentary tells the score: transferred names, points, the new score, what the play meant; EN and ZH. */
class ScoreCommentaryTest {

    static final CommentaryProperties DEFAULTS = CommentaryProperties.defaults();
    final CommentaryWriter writer = new CommentaryWriter(DEFAULTS, new PhraseBooks(DEFAULTS), null);
    final PhraseBooks books = new PhraseBooks(DEFAULTS);

    static final List<NameTransfer> ENGLISH = List.of(new NameTransfer("SA", "San Antonio Spurs"),
            new NameTransfer("OKC", "Oklahoma City Thunder"));
    static final List<NameTransfer> CHINESE = List.of(new NameTransfer("SA", "圣安东尼奥马刺"),
            new NameTransfer("OKC", "俄克拉荷马城雷霆"));

    static final ScoreTimeline GAME = timeline(new double[][] {
            {1, 36, 34},   // first state read
            {10, 36, 38},  // OKC +4: lead change
            {20, 36, 42},  // OKC +4: lead 6, an 8-0 run, big play
            {30, 38, 42},  // SA +2: trails by 4
            {40, 38, 44},  // OKC +2: lead 6
            {50, 40, 44},  // SA +2: trails by 4
            {60, 42, 44},  // SA +2: trails by 2
            {70, 44, 44},  // SA +2: tie
    });
    static final List<ScoringPlay> PLAYS = ScoringPlay.of(GAME, 300, ScoreWeights.DEFAULTS);

    /** One clip per scoring play, 3 s each, ending 2 s after its change. */
    static HighlightPlan plan() {
        List<Segment> clips = new ArrayList<>();
        for (ScoringPlay p : PLAYS) {
            clips.add(new Segment(p.time() - 1, p.time() + 2, p.reason(ScoreWeights.DEFAULTS),
                    new ClipEvents(false, 0, 1, false, List.of()).withScore(p.state(), p)));
        }
        return new HighlightPlan(0, clips);
    }

    Commentary write(List<NameTransfer> names, HighlightPlan plan) {
        return writer.write("job-score", "basketball", names, List.of(), plan, true, GAME, ScoreWeights.DEFAULTS);
    }

    @Test
    void englishLinesNameTheScoringTeamByItsTransferNameWithTheNewScoreAndWhatThePlayMeant() {
        Commentary c = write(ENGLISH, plan());
        PhraseBook book = books.find("basketball", "en");
        List<String> lines = c.lines().stream().map(CommentaryLine::text).toList();
        assertThat(lines).hasSize(PLAYS.size());
        // OKC +4 takes the lead: a lead-change line, 38 to 36
        assertThat(filledFrom(book.of(PhraseBook.LEAD_CHANGE), lines.get(0))).as(lines.get(0)).isTrue();
        assertThat(lines.get(0)).contains("Oklahoma City Thunder").contains("38 to 36").doesNotContain("OKC");
        // OKC +4 to lead 42-36 on an 8-0 run: a run line
        assertThat(filledFrom(book.of(PhraseBook.RUN), lines.get(1))).as(lines.get(1)).isTrue();
        assertThat(lines.get(1)).contains("Oklahoma City Thunder").contains("42 to 36");
        // SA +2, still 4 behind: a trailing line in the Spurs' name
        assertThat(filledFrom(book.of(PhraseBook.SCORE_TRAIL), lines.get(2))).as(lines.get(2)).isTrue();
        assertThat(lines.get(2)).contains("San Antonio Spurs");
        // SA ties it at 44
        assertThat(filledFrom(book.of(PhraseBook.TIE), lines.get(6))).as(lines.get(6)).isTrue();
        assertThat(lines.get(6)).contains("San Antonio Spurs").contains("44");
        // numbers the voice reads are spelled: OKC leads by six after 44-38
        assertThat(lines.get(3)).contains("Oklahoma City Thunder").containsAnyOf("44 to 38", "38 to 44");
        assertThat(c.title()).isEqualTo("San Antonio Spurs 44, Oklahoma City Thunder 44");
    }

    @Test
    void theExampleLineOfTheIssue() {
        // OKC +2 to 42-36 with a 6-point lead, no run or lead change: a score-lead line; "go up six" is one of them.
        ScoreTimeline t = timeline(new double[][] {{1, 36, 40}, {30, 36, 42}});
        ScoringPlay p = ScoringPlay.of(t, 300, ScoreWeights.DEFAULTS).get(0);
        PhraseBook book = books.find("basketball", "en");
        assertThat(book.of(PhraseBook.SCORE_LEAD)).contains("{team} go up {lead}, {team-score} to {other-score}.");
        List<String> seen = new ArrayList<>();
        for (int job = 0; job < 40; job++) {
            // a quiet opening clip tells the standing score, so the basket gets its own line
            HighlightPlan one = new HighlightPlan(0, List.of(new Segment(20, 24, null, ClipEvents.NONE),
                    new Segment(29, 32, null, ClipEvents.NONE.withScore(p.state(), p))));
            seen.add(writer.write("job-" + job, "basketball", ENGLISH, List.of(), one, false, t, ScoreWeights.DEFAULTS)
                    .lines().get(1).text());
        }
        assertThat(seen).contains("Oklahoma City Thunder go up six, 42 to 36.");
        assertThat(seen).allSatisfy(line -> assertThat(filledFrom(book.of(PhraseBook.SCORE_LEAD), line)).isTrue());
    }

    @Test
    void chineseLinesUseTheChineseNamesAndTheScore() {
        Commentary c = write(CHINESE, plan());
        assertThat(c.language()).isEqualTo("zh");
        PhraseBook book = books.find("basketball", "zh");
        List<String> lines = c.lines().stream().map(CommentaryLine::text).toList();
        assertThat(filledFrom(book.of(PhraseBook.LEAD_CHANGE), lines.get(0))).as(lines.get(0)).isTrue();
        assertThat(lines.get(0)).contains("俄克拉荷马城雷霆").contains("38比36");
        assertThat(lines.get(1)).contains("俄克拉荷马城雷霆").contains("42比36");
        assertThat(lines.get(6)).contains("圣安东尼奥马刺").contains("44");
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("{").doesNotContain("OKC").doesNotContain("SA"));
        assertThat(c.title()).isEqualTo("圣安东尼奥马刺 44 比 44 俄克拉荷马城雷霆");
    }

    @Test
    void withoutATransferNameTheAbbreviationAsRead() {
        Commentary c = write(List.of(), plan());
        assertThat(c.lines().get(0).text()).contains("OKC").contains("38 to 36");
        assertThat(c.title()).isEqualTo("SA 44, OKC 44");
    }

    @Test
    void noLineRepeatsWithinAnOutput() {
        // Twenty clips telling the same play, then twenty clips with nothing in them: more than the book holds.
        ScoringPlay same = PLAYS.get(3);
        List<Segment> clips = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            clips.add(new Segment(i * 4, i * 4 + 3, null, ClipEvents.NONE.withScore(same.state(), same)));
        }
        for (int i = 20; i < 40; i++) {
            clips.add(new Segment(i * 4, i * 4 + 3, null, ClipEvents.NONE));
        }
        for (List<NameTransfer> names : List.of(ENGLISH, CHINESE)) {
            Commentary c = write(names, new HighlightPlan(0, clips));
            List<String> texts = c.lines().stream().map(CommentaryLine::text).toList();
            assertThat(new HashSet<>(texts)).as("no repeats: %s", texts).hasSize(texts.size());
            assertThat(texts.size()).isGreaterThanOrEqualTo(9).isLessThan(clips.size());
            // the lines left out are the last clips', once every fitting line was said; each line keeps its clip
            assertThat(c.lines()).extracting(CommentaryLine::clip).doesNotHaveDuplicates().isSorted();
        }
        // and the same holds for the whole game told in both languages
        for (List<NameTransfer> names : List.of(ENGLISH, CHINESE)) {
            List<String> texts = write(names, plan()).lines().stream().map(CommentaryLine::text).toList();
            assertThat(new HashSet<>(texts)).hasSize(PLAYS.size());
        }
    }

    @Test
    void theLineTellingTheScoreStartsAtTheChangeAndALongBuildUpGetsALineOfItsOwn() {
        // Clip 0: the change 5.2 s in (past lead-in-seconds): a build-up line, then the score from the change.
        // Clip 1: the change 1 s in: only the score line, from the change.
        ScoringPlay late = PLAYS.get(1); // at 20 s
        ScoringPlay early = PLAYS.get(2); // at 30 s
        HighlightPlan plan = new HighlightPlan(0, List.of(
                new Segment(late.time() - 5.2, late.time() + 2, null, ClipEvents.NONE.withScore(late.state(), late)),
                new Segment(early.time() - 1, early.time() + 2, null,
                        ClipEvents.NONE.withScore(early.state(), early))));
        Commentary c = write(ENGLISH, plan);
        PhraseBook book = books.find("basketball", "en");
        assertThat(c.lines()).hasSize(3);
        CommentaryLine buildUp = c.lines().get(0);
        assertThat(buildUp.clip()).isZero();
        assertThat(buildUp.anchored()).isFalse();
        // the output's opening line: the standing score shown at the clip's start (OKC 38, SA 36), both names
        assertThat(filledFrom(book.of(PhraseBook.STANDING), buildUp.text())).as(buildUp.text()).isTrue();
        assertThat(buildUp.text()).contains("Oklahoma City Thunder").contains("San Antonio Spurs").contains("38")
                .contains("36");
        assertThat(buildUp.start()).isEqualTo(0.0);
        assertThat(buildUp.end()).isCloseTo(5.2, org.assertj.core.data.Offset.offset(1e-9));
        CommentaryLine told = c.lines().get(1);
        assertThat(told.text()).contains("Oklahoma City Thunder").contains("42 to 36");
        assertThat(told.at()).isEqualTo(late.time());
        assertThat(told.start()).isCloseTo(5.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(told.end()).isCloseTo(7.2, org.assertj.core.data.Offset.offset(1e-9));
        CommentaryLine second = c.lines().get(2);
        assertThat(second.clip()).isEqualTo(1);
        assertThat(second.text()).contains("San Antonio Spurs");
        assertThat(second.at()).isEqualTo(early.time());
        assertThat(second.start()).isCloseTo(7.2 + 1, org.assertj.core.data.Offset.offset(1e-9));
        // No line of the output starts inside another's span.
        for (int i = 1; i < c.lines().size(); i++) {
            assertThat(c.lines().get(i).start()).isGreaterThanOrEqualTo(c.lines().get(i - 1).end() - 1e-9);
        }
    }

    /** The lines of the output that tell the standing score (both names, either kind). */
    static List<String> standingLines(Commentary c, PhraseBook book) {
        return c.lines().stream().map(CommentaryLine::text).filter(t -> filledFrom(book.of(PhraseBook.STANDING), t)
                || filledFrom(book.of(PhraseBook.STANDING_TIE), t)).toList();
    }

    @Test
    void everyOutputTellsTheStandingScoreWithBothNamesOnceInEitherLanguage() {
        ScoringPlay okc = PLAYS.get(1); // OKC +4 at 20 s: 36-42
        ScoringPlay tie = PLAYS.get(6); // SA ties at 70 s: 44-44
        Map<String, HighlightPlan> plans = new java.util.LinkedHashMap<>();
        // opens with a clip holding no basket (the score then: 36-38)
        plans.put("quiet opening", new HighlightPlan(0, List.of(new Segment(13, 17, null, ClipEvents.NONE),
                new Segment(okc.time() - 1, okc.time() + 2, null, ClipEvents.NONE.withScore(okc.state(), okc)))));
        // every clip a basket told 1 s in, the last one quiet (the score then: 44-44)
        plans.put("quiet closing", new HighlightPlan(0, List.of(
                new Segment(okc.time() - 1, okc.time() + 2, null, ClipEvents.NONE.withScore(okc.state(), okc)),
                new Segment(tie.time() + 3, tie.time() + 7, null, ClipEvents.NONE))));
        // every clip a basket told 1 s in
        plans.put("all baskets", plan());
        for (String job : List.of("a", "b", "c", "d")) {
            for (List<NameTransfer> names : List.of(ENGLISH, CHINESE)) {
                PhraseBook book = books.find("basketball", names == ENGLISH ? "en" : "zh");
                String[] both = names == ENGLISH ? new String[] {"San Antonio Spurs", "Oklahoma City Thunder"}
                        : new String[] {"圣安东尼奥马刺", "俄克拉荷马城雷霆"};
                plans.forEach((what, plan) -> {
                    Commentary c = writer.write(job, "basketball", names, List.of(), plan, true, GAME,
                            ScoreWeights.DEFAULTS);
                    List<String> texts = c.lines().stream().map(CommentaryLine::text).toList();
                    assertThat(standingLines(c, book)).as("%s %s: %s", what, job, texts).hasSize(1);
                    assertThat(standingLines(c, book).get(0)).contains(both);
                    assertThat(new HashSet<>(texts)).as("no repeats: %s", texts).hasSize(texts.size());
                });
            }
        }
        Commentary opening = write(ENGLISH, plans.get("quiet opening"));
        assertThat(opening.lines().get(0).text()).as("the opening line").contains("38").contains("36");
        Commentary closing = write(ENGLISH, plans.get("quiet closing"));
        CommentaryLine last = closing.lines().get(closing.lines().size() - 1);
        assertThat(last.clip()).isEqualTo(1);
        assertThat(filledFrom(books.find("basketball", "en").of(PhraseBook.STANDING_TIE), last.text()))
                .as(last.text()).isTrue();
        assertThat(last.text()).contains("44");
        // all baskets: told by the last plain basket (SA +2, 42-44), from its change, in place of its score line
        Commentary all = write(ENGLISH, plan());
        CommentaryLine told = all.lines().get(5);
        assertThat(told.anchored()).isTrue();
        assertThat(told.text()).contains("Oklahoma City Thunder").contains("San Antonio Spurs").contains("44")
                .contains("42");
    }

    @Test
    void namesOnTheBugMatchTheRegisterIgnoringCaseSpacesAndPunctuation() {
        List<NameTransfer> loose = List.of(new NameTransfer("s.a.", "San Antonio Spurs"),
                new NameTransfer("o k c", "Oklahoma City Thunder"));
        Commentary c = write(loose, plan());
        List<String> lines = c.lines().stream().map(CommentaryLine::text).toList();
        assertThat(lines.get(0)).contains("Oklahoma City Thunder").contains("38 to 36");
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("OKC").doesNotContain("SA "));
        assertThat(c.title()).isEqualTo("San Antonio Spurs 44, Oklahoma City Thunder 44");
    }

    @Test
    void aRunTakesTheArticleItIsSaidWith() {
        assertThat(CommentaryWriter.runWithArticle(8)).isEqualTo("an 8-0 run");
        assertThat(CommentaryWriter.runWithArticle(11)).isEqualTo("an 11-0 run");
        assertThat(CommentaryWriter.runWithArticle(18)).isEqualTo("an 18-0 run");
        assertThat(CommentaryWriter.runWithArticle(10)).isEqualTo("a 10-0 run");
        assertThat(CommentaryWriter.runWithArticle(12)).isEqualTo("a 12-0 run");
        assertThat(CommentaryWriter.runWithArticle(80)).isEqualTo("an 80-0 run");
        // no English line says "a 8-0 run" (the issue's own example is "an 8-0 run")
        for (String job : List.of("job-score", "a", "b", "c", "d", "e", "f")) {
            writer.write(job, "basketball", ENGLISH, List.of(), plan(), true, GAME, ScoreWeights.DEFAULTS).lines()
                    .forEach(l -> assertThat(l.text()).doesNotContain("a 8-0"));
        }
    }

    @Test
    void withoutAScoreReadingTheLinesAreAsBefore() {
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(0, 3, null, ClipEvents.NONE)));
        Commentary before = writer.write("job", "basketball", ENGLISH, List.of(), plan, true);
        Commentary none = writer.write("job", "basketball", ENGLISH, List.of(), plan, true, ScoreTimeline.none(),
                ScoreWeights.DEFAULTS);
        assertThat(none).isEqualTo(before);
        assertThat(before.title()).isEqualTo("San Antonio Spurs vs Oklahoma City Thunder");
    }

    /** Is {@code line} one of the templates with its placeholders filled in? */
    static boolean filledFrom(List<String> templates, String line) {
        for (String t : templates) {
            String regex = Pattern.quote(t).replaceAll("\\{[a-z0-9-]+\\}", "\\\\E.+\\\\Q");
            if (line.matches(regex)) {
                return true;
            }
        }
        return false;
    }
}
