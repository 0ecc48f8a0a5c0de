package io.courtside.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.kernel.StageProgress;
import io.courtside.scoreboard.ScoreBugFootage;
import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;

/** The score bug found and read in the decode pass, on footage whose bug changes at known times. */
class ScoreBugReadingTest {

    static final GameAnalyzer analyzer = new GameAnalyzer(AnalysisProperties.defaults());

    @TempDir
    Path dir;

    static final List<Change> BASKETS = List.of(new Change(0, 12, 10), new Change(5, 14, 10),
            new Change(10, 14, 13), new Change(15, 20, 13), new Change(20, 20, 15));

    ScoreTimeline read(ScoreBugFootage.Script script) {
        String keep = System.getProperty("scorebug.keep");
        Path video = keep != null ? Path.of(keep) : dir.resolve("game.mp4");
        if (keep == null || !java.nio.file.Files.exists(video)) {
            ScoreBugFootage.write(script, video);
        }
        GameAnalysis analysis = analyzer.analyze(video, StageProgress.NONE);
        return analysis.scores();
    }

    /** As a job of {@code sport} reads it: the columns its shipped profile (config/sports) says the bug has. */
    ScoreTimeline read(ScoreBugFootage.Script script, String sport) throws java.io.IOException {
        Path video = dir.resolve("game.mp4");
        ScoreBugFootage.write(script, video);
        GameAnalysis analysis = analyzer.analyze(video, RegisteredMedia.NONE, StageProgress.NONE,
                new ReplayBounds(2.5, 20), ScoreBench.layout(sport));
        return analysis.scores();
    }

    @Test
    void topLightOnDarkOneLineInSansSerif() {
        Design design = new Design("top-dark", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 20), 0.04);
        ScoreTimeline t = read(ScoreBugFootage.script(design, 25, "CLE", "GS", BASKETS));
        assertStates(t, BASKETS, "CLE", "GS");
    }

    @Test
    void bottomDarkOnLightTwoLinesInDejaVu() {
        Design design = new Design("bottom-light", Layout.TWO_LINES, false, false, ScoreBugFootage.dejaVu(17), 0.7);
        List<Change> changes = List.of(new Change(0, 88, 90), new Change(4, 91, 90), new Change(9, 91, 92),
                new Change(14, 94, 92), new Change(19, 96, 92));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 23, "OKC", "SA", changes));
        assertStates(t, changes, "OKC", "SA");
        assertThat(t.last().score()).isEqualTo(Map.of("OKC", 96, "SA", 92));
    }

    @Test
    void monospacedBugHiddenDuringAReplay() {
        Design design = new Design("top-right-mono", Layout.ONE_LINE, true, false,
                new Font("Monospaced", Font.BOLD, 22), 0.5);
        List<Change> changes = List.of(new Change(0, 3, 5), new Change(6, 5, 5), new Change(16, 5, 8));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 22, "LAL", "BOS", changes).withHidden(9, 13));
        assertStates(t, changes, "LAL", "BOS");
        assertThat(t.hidden()).hasSize(1);
        assertThat(t.hidden().get(0)[0]).isCloseTo(9, org.assertj.core.data.Offset.offset(1.0));
        assertThat(t.hidden().get(0)[1]).isCloseTo(13, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void partlyCoveredBugInventsNoState() {
        Design design = new Design("bottom-dark", Layout.ONE_LINE, false, true, new Font("Serif", Font.BOLD, 21), 0.05);
        List<Change> changes = List.of(new Change(0, 40, 41), new Change(5, 42, 41), new Change(15, 42, 44));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 20, "MIA", "NYK", changes).withCovered(8, 12));
        assertStates(t, changes, "MIA", "NYK");
    }

    @Test
    void noBugNoStatesAndAWarning() {
        Design design = new Design("top-dark", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 20), 0.04);
        Path video = dir.resolve("nobug.mp4");
        ScoreBugFootage.write(ScoreBugFootage.script(design, 15, "CLE", "GS", BASKETS).withoutBug(), video);
        GameAnalysis analysis = analyzer.analyze(video, StageProgress.NONE);
        assertThat(analysis.scores().found()).isFalse();
        assertThat(analysis.scores().states()).isEmpty();
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("No score bug found"));
    }

    @Test
    void tableTennisGamesAndPoints() {
        Design design = new Design("pingpong", Layout.GAMES_AND_POINTS, true, true, ScoreBugFootage.dejaVu(16), 0.04);
        List<Change> changes = List.of(new Change(0, 8, 3, 2, 0), new Change(5, 9, 3, 2, 0),
                new Change(10, 10, 3, 2, 0), new Change(15, 0, 0, 3, 0), new Change(20, 0, 1, 3, 0));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 24, "MA Long", "XU Xin", changes));
        assertThat(t.teams()).containsExactly("MA Long", "XU Xin");
        assertThat(t.states()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            ScoreState s = t.states().get(i);
            assertThat(s.score()).isEqualTo(Map.of("MA Long", c.a(), "XU Xin", c.b()));
            assertThat(s.games()).isEqualTo(c.gamesA() + "-" + c.gamesB());
            assertThat(s.time()).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(t.states().get(3).scoring()).as("a new game: the game won by the one whose games rose")
                .isEqualTo(new io.courtside.scoreboard.Scoring("MA Long", 0, io.courtside.scoreboard.Scoring.Won.GAME));
        assertThat(t.states().get(4).scoring().team()).isEqualTo("XU Xin");
    }

    @Test
    void tableTennisGamesInPanelsInOneContinuousPan() throws Exception {
        // no cut at all: the bug is told from the scene by its pixels staying put while the camera pans
        Design design = new Design("panels", Layout.PANELS, false, true, ScoreBugFootage.dejaVu(15), 0.05);
        List<Change> changes = List.of(new Change(0, 7, 5, 1, 2), new Change(5, 8, 5, 1, 2),
                new Change(10, 8, 6, 1, 2), new Change(15, 0, 0, 1, 3), new Change(20, 1, 0, 1, 3));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 24, "FAN Zhendong", "LIN Shidong", changes)
                .continuousPan(), "pingpong");
        assertThat(t.teams()).containsExactly("FAN Zhendong", "LIN Shidong");
        assertThat(t.states()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            ScoreState s = t.states().get(i);
            assertThat(s.score()).isEqualTo(Map.of("FAN Zhendong", c.a(), "LIN Shidong", c.b()));
            assertThat(s.games()).isEqualTo(c.gamesA() + "-" + c.gamesB());
            assertThat(s.time()).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(t.last().score()).isEqualTo(Map.of("FAN Zhendong", 1, "LIN Shidong", 0));
    }

    @Test
    void tennisSetsGamesAndPointsUnderATickerOfOtherScores() throws Exception {
        // a crawl of other games' scores ("NYK 88 BOS 91 ...") moves along the top: never read as this game
        Design design = new Design("sets", Layout.SETS, false, false, new Font("SansSerif", Font.BOLD, 17), 0.06);
        List<Change> changes = List.of(new Change(0, 15, 0, 2, 1, 1, 0), new Change(5, 30, 0, 2, 1, 1, 0),
                new Change(10, 30, 15, 2, 1, 1, 0), new Change(15, 40, 15, 2, 1, 1, 0),
                new Change(20, 0, 0, 3, 1, 1, 0));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 24, "SHELTON", "DAVIDOVICH FOKINA", changes)
                .withTicker(), "tennis");
        assertThat(t.teams()).containsExactly("SHELTON", "DAVIDOVICH FOKINA");
        assertThat(t.states()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            ScoreState s = t.states().get(i);
            assertThat(s.score()).isEqualTo(Map.of("SHELTON", c.a(), "DAVIDOVICH FOKINA", c.b()));
            assertThat(s.games()).isEqualTo(c.setsA() + "-" + c.setsB() + " " + c.gamesA() + "-" + c.gamesB());
            assertThat(s.time()).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(t.states().get(4).scoring()).as("a new game: won by the player whose games rose, no points")
                .isEqualTo(new io.courtside.scoreboard.Scoring("SHELTON", 0, io.courtside.scoreboard.Scoring.Won.GAME));
    }

    static final int AD = ScoreBugFootage.AD;

    /** A game with two deuces: 30-40, deuce, AD, deuce, the other's AD, deuce, AD, then the game. */
    static List<Change> twoDeuces(int setsA, int setsB, int gamesA, int gamesB) {
        return List.of(new Change(0, 30, 40, gamesA, gamesB, setsA, setsB),
                new Change(4, 40, 40, gamesA, gamesB, setsA, setsB), new Change(8, AD, 40, gamesA, gamesB, setsA, setsB),
                new Change(12, 40, 40, gamesA, gamesB, setsA, setsB), new Change(16, 40, AD, gamesA, gamesB, setsA, setsB),
                new Change(20, 40, 40, gamesA, gamesB, setsA, setsB), new Change(24, AD, 40, gamesA, gamesB, setsA, setsB),
                new Change(28, 0, 0, gamesA + 1, gamesB, setsA, setsB));
    }

    @Test
    void tennisGameWithTwoDeucesOnABugThatWritesAdOverForty() throws Exception {
        Design design = new Design("ad-over-forty", Layout.SETS, true, true, new Font("Dialog", Font.BOLD, 18), 0.05,
                ScoreBugFootage.Advantage.AD_OVER_FORTY);
        assertDeuceGame(design, "SINNER", "RUUD", twoDeuces(1, 0, 3, 2));
    }

    @Test
    void tennisGameWithTwoDeucesOnABugThatWritesAAndDeuce() throws Exception {
        // (measured on five placements and faces of this style: 33 of 40 states within 1 s, none wrong; the misses
        // were OCR's: a sets panel's 0 or an "A" unread for 1-2 s, the finder's box cut left of the points column)
        Design design = new Design("a-and-deuce", Layout.SETS, false, true, new Font("SansSerif", Font.BOLD, 17), 0.06,
                ScoreBugFootage.Advantage.A_AND_DEUCE);
        assertDeuceGame(design, "SWIATEK", "SABALENKA", twoDeuces(0, 1, 4, 4));
    }

    /** Every state of the game, its time within 1 s, who has the advantage and who won each point. */
    private void assertDeuceGame(Design design, String a, String b, List<Change> changes) throws Exception {
        ScoreTimeline t = read(ScoreBugFootage.script(design, 31, a, b, changes), "tennis");
        assertThat(t.teams()).containsExactly(a, b);
        assertThat(t.states()).extracting(ScoreState::time).hasSize(changes.size());
        List<io.courtside.scoreboard.Scoring> scorings = new java.util.ArrayList<>();
        scorings.add(null);
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            ScoreState s = t.states().get(i);
            assertThat(s.score()).as("state %d", i).isEqualTo(Map.of(a, c.a() == AD ? 40 : c.a(), b, c.b() == AD ? 40 : c.b()));
            assertThat(s.advantage()).as("state %d", i).isEqualTo(c.a() == AD ? a : c.b() == AD ? b : null);
            assertThat(s.games()).isEqualTo(c.setsA() + "-" + c.setsB() + " " + c.gamesA() + "-" + c.gamesB());
            assertThat(s.time()).as("state %d", i).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
            if (i > 0) {
                Change p = changes.get(i - 1);
                // deuce: 30-40 to 40-40 is 10 points; the advantage won or lost is a point of 0; then the game
                scorings.add(c.gamesA() > p.gamesA() ? new io.courtside.scoreboard.Scoring(a, 0, io.courtside.scoreboard.Scoring.Won.GAME)
                        : p.a() == 30 ? new io.courtside.scoreboard.Scoring(a, 10)
                        : c.a() == AD || p.b() == AD ? new io.courtside.scoreboard.Scoring(a, 0)
                        : new io.courtside.scoreboard.Scoring(b, 0));
            }
        }
        assertThat(t.states()).extracting(ScoreState::scoring).containsExactlyElementsOf(scorings);
    }

    @Test
    void aSportsColumnsDoNotForbidABugThatShowsOnlyThePoints() throws Exception {
        // the tennis profile names sets, games and points (at least two); this bug shows each player's points only
        // (its games elsewhere, or lost on their panel): read as without a profile, the points' most still holds
        Design design = new Design("points-only", Layout.TWO_LINES, true, true, new Font("Dialog", Font.BOLD, 18), 0.08);
        List<Change> changes = List.of(new Change(0, 15, 0), new Change(5, 30, 0), new Change(10, 30, 15),
                new Change(15, 40, 15));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 19, "SINNER", "RUUD", changes), "tennis");
        assertStates(t, changes, "SINNER", "RUUD");
    }

    @Test
    void oneLineBugInAContinuousPanWithATicker() {
        Design design = new Design("bottom-one-line", Layout.ONE_LINE, false, true,
                new Font("Serif", Font.BOLD, 20), 0.3);
        ScoreTimeline t = read(ScoreBugFootage.script(design, 25, "IND", "NYK", BASKETS).continuousPan()
                .withTicker());
        assertStates(t, BASKETS, "IND", "NYK");
    }

    @Test
    void bugWhoseRowsSwapKeepsEachTeamsScore() {
        // from 12 s on the leader is drawn on top: the same two teams, not a misread
        Design design = new Design("bottom-light", Layout.TWO_LINES, false, false, ScoreBugFootage.dejaVu(17), 0.7);
        List<Change> changes = List.of(new Change(0, 50, 52), new Change(5, 50, 54), new Change(10, 53, 54),
                new Change(16, 56, 54), new Change(20, 56, 57));
        ScoreTimeline t = read(ScoreBugFootage.script(design, 24, "OKC", "SA", changes).swappedFrom(12.5));
        assertStates(t, changes, "OKC", "SA");
        assertThat(t.last().score()).isEqualTo(Map.of("OKC", 56, "SA", 57));
    }

    @Test
    void bugOnAStripOfOtherGamesScoresIsTheBugNotTheStrip() {
        // a full-width strip of other games' scores touches the bug (under it at the bottom, over it at the top), as
        // ESPN's ticker does: the finder must take the bug, not the strip, nor the two as one box
        Design bottom = new Design("bottom-on-strip", Layout.TWO_LINES, false, true, new Font("Dialog", Font.BOLD, 17), 0.34);
        List<Change> changes = List.of(new Change(0, 35, 28), new Change(6, 37, 28), new Change(13, 37, 30));
        ScoreTimeline t = read(ScoreBugFootage.script(bottom, 18, "RICH", "DUKE", changes).withStripBesideTheBug());
        assertStates(t, changes, "RICH", "DUKE");
        assertThat(t.region().width()).as("the bug's region, not the strip's").isLessThan(0.5);

        Design top = new Design("top-on-strip", Layout.ONE_LINE, true, false, new Font("SansSerif", Font.BOLD, 19), 0.55);
        List<Change> more = List.of(new Change(0, 61, 64), new Change(7, 63, 64), new Change(12, 63, 67));
        t = read(ScoreBugFootage.script(top, 18, "PHI", "DAL", more).withStripBesideTheBug());
        assertStates(t, more, "PHI", "DAL");
        // (measured 0.76: the bug's box keeps some of the strip's rows beside it; the strip itself is 1.0)
        assertThat(t.region().width()).as("not the full-width strip").isLessThan(0.9);
    }

    @Test
    void bugThatShrinksFromAWideGraphicIntoACornerIsFollowed() {
        // a wide graphic across the bottom names the teams in full, then shrinks into the corner bug that names them
        // by abbreviation and keeps changing: the states go on under the names first read
        Design corner = new Design("corner-clock", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 18), 0.06);
        // (scores of 0 are left out: "RMA 0" reads as "RMAO" in this font, a reading matter, not the finder's)
        List<Change> changes = List.of(new Change(0, 2, 3), new Change(11, 3, 3), new Change(17, 4, 3));
        ScoreTimeline t = read(ScoreBugFootage.script(corner, 22, "RMA", "SEV", changes)
                .shrinkingFrom(6, "REAL MADRID", "SEVILLA FC"));
        assertStates(t, changes, "REAL MADRID", "SEVILLA FC");
        assertThat(t.region().y()).as("the corner bug the graphic became").isLessThan(0.2);
        assertThat(t.forms()).as("both forms, in time order").hasSize(2);
        assertThat(t.forms().get(0).region().y()).as("the wide graphic at the bottom first").isGreaterThan(0.6);
        assertThat(t.forms().get(1).from()).as("the corner from about the shrink on").isBetween(5.0, 9.0);
    }

    @Test
    void bugThatShrinksIntoACornerNamingTheTeamsTheOtherWayRoundPairsThemByName() {
        // the wide graphic shows REAL MADRID - SEVILLA FC, the corner SEV - RMA: each score stays with its team
        Design corner = new Design("corner-swapped", Layout.ONE_LINE, true, false, ScoreBugFootage.dejaVu(17), 0.66);
        List<Change> changes = List.of(new Change(0, 1, 2), new Change(11, 1, 3), new Change(17, 2, 3));
        ScoreTimeline t = read(ScoreBugFootage.script(corner, 22, "RMA", "SEV", changes).swappedFrom(0)
                .shrinkingFrom(6, "REAL MADRID", "SEVILLA FC"));
        assertStates(t, changes, "REAL MADRID", "SEVILLA FC");
        assertThat(t.states().get(1).scoring()).isEqualTo(new io.courtside.scoreboard.Scoring("SEVILLA FC", 1));
        assertThat(t.states().get(2).scoring()).isEqualTo(new io.courtside.scoreboard.Scoring("REAL MADRID", 1));
    }

    @Test
    void missingOcrDataIsAWarningNotACrash() throws Exception {
        // the data folder cannot be made (a file stands where it should be): no Tesseract data at all
        Path notAFolder = java.nio.file.Files.writeString(dir.resolve("data-dir"), "not a folder");
        GameAnalyzer withoutData = new GameAnalyzer(AnalysisProperties.defaults(), notAFolder);
        Design design = new Design("top-dark", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 20), 0.04);
        Path video = dir.resolve("game.mp4");
        ScoreBugFootage.write(ScoreBugFootage.script(design, 8, "CLE", "GS", BASKETS), video);
        GameAnalysis analysis = withoutData.analyze(video, StageProgress.NONE);
        assertThat(analysis.media().durationSeconds()).isCloseTo(8, org.assertj.core.data.Offset.offset(0.2));
        assertThat(analysis.shots()).isNotEmpty();
        assertThat(analysis.scores().found()).isFalse();
        assertThat(analysis.warnings()).anyMatch(w -> w.startsWith("No score bug read: the OCR data cannot be written")
                && w.contains("courtside.data-dir"));
        assertThat(analysis.warnings()).noneMatch(w -> w.startsWith("No score bug found"));
    }

    void assertStates(ScoreTimeline t, List<Change> changes, String a, String b) {
        assertThat(t.found()).isTrue();
        assertThat(t.teams()).containsExactly(a, b);
        assertThat(t.states()).hasSize(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            ScoreState s = t.states().get(i);
            Change c = changes.get(i);
            assertThat(s.score()).isEqualTo(Map.of(a, c.a(), b, c.b()));
            assertThat(s.time()).as("time of %s", s).isCloseTo(c.time(), org.assertj.core.data.Offset.offset(1.0));
        }
    }
}
