package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.kernel.JobSpec.NameTransfer;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.ScoringPlay;
import io.courtside.selection.Segment;
import io.courtside.selection.TennisScoringTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tennis commentary tells a point by its points, a game and a set won by the games, with the players' transferred
 * names; never a basketball line ("lead by fifteen", "a 55-0 run") and no standing in points.
 */
class TennisCommentaryTest {

    static final CommentaryProperties DEFAULTS = CommentaryProperties.defaults();
    final CommentaryWriter writer = new CommentaryWriter(DEFAULTS, new PhraseBooks(DEFAULTS), null);

    static final List<NameTransfer> PLAYERS = List.of(new NameTransfer("SIN", "Jannik Sinner"),
            new NameTransfer("ALC", "Carlos Alcaraz"));

    @Test
    void aGameAndASetAreToldByTheGamesAndAPointByThePoints() {
        Commentary c = write(PLAYERS);
        List<String> lines = c.lines().stream().map(CommentaryLine::text).toList();
        assertThat(lines).hasSize(7);
        // the love game: Sinner's games after it, 5-4
        assertThat(lines.get(3)).contains("Jannik Sinner").contains("5").contains("4").doesNotContain("0-0");
        assertThat(lines.get(3)).containsAnyOf("Game", "game");
        // the set: told as a set
        assertThat(lines.get(6)).contains("Jannik Sinner").containsAnyOf("set", "Set");
        // a point: the points as the bug shows them
        assertThat(lines.get(4)).contains("Carlos Alcaraz").contains("15");
        assertThat(lines).noneMatch(l -> l.contains("lead by") || l.contains(" run") || l.contains("fifteen"));
        assertThat(c.title()).isEqualTo("Jannik Sinner - Carlos Alcaraz, 1-0 0-0");
    }

    @Test
    void chineseToo() {
        Commentary c = write(List.of(new NameTransfer("SIN", "辛纳"), new NameTransfer("ALC", "阿尔卡拉斯")));
        List<String> lines = c.lines().stream().map(CommentaryLine::text).toList();
        assertThat(lines.get(3)).contains("辛纳").contains("5比4");
        assertThat(lines.get(6)).contains("辛纳").contains("盘");
    }

    /** 30-40, deuce, advantage Sinner, deuce again, advantage Alcaraz: as the voting gives them. */
    static final io.courtside.scoreboard.ScoreTimeline DEUCES = deuces();

    @Test
    void afterDeuceTheAdvantageAndDeuceAreSaidNotFortyAll() {
        List<String> lines = write(PLAYERS, DEUCES).lines().stream().map(CommentaryLine::text).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).containsAnyOf("deuce", "Deuce");
        assertThat(lines.get(1)).contains("Advantage").contains("Jannik Sinner");
        assertThat(lines.get(2)).containsAnyOf("deuce", "Deuce").doesNotContain("Advantage");
        assertThat(lines.get(3)).contains("Advantage").contains("Carlos Alcaraz");
        assertThat(lines).noneMatch(l -> l.contains("40"));
        List<String> zh = write(List.of(new NameTransfer("SIN", "辛纳"), new NameTransfer("ALC", "阿尔卡拉斯")), DEUCES)
                .lines().stream().map(CommentaryLine::text).toList();
        assertThat(zh.get(1)).contains("辛纳").contains("占先");
        assertThat(zh.get(2)).contains("平分");
    }

    private static io.courtside.scoreboard.ScoreTimeline deuces() {
        List<io.courtside.scoreboard.ScoreState> states = new ArrayList<>();
        Object[][] rows = {{10.0, 30, 40, null, null}, {20.0, 40, 40, new io.courtside.scoreboard.Scoring("SIN", 10), null},
                {30.0, 40, 40, new io.courtside.scoreboard.Scoring("SIN", 0), "SIN"},
                {40.0, 40, 40, new io.courtside.scoreboard.Scoring("ALC", 0), null},
                {50.0, 40, 40, new io.courtside.scoreboard.Scoring("ALC", 0), "ALC"}};
        for (Object[] row : rows) {
            java.util.Map<String, Integer> score = new java.util.LinkedHashMap<>();
            score.put("SIN", (Integer) row[1]);
            score.put("ALC", (Integer) row[2]);
            states.add(new io.courtside.scoreboard.ScoreState((Double) row[0], score,
                    (io.courtside.scoreboard.Scoring) row[3], null, "0-0 4-4", (String) row[4]));
        }
        return new io.courtside.scoreboard.ScoreTimeline(List.of("SIN", "ALC"),
                new io.courtside.scoreboard.ScoreRegion(0.05, 0.05, 0.25, 0.08), states, List.of(), List.of());
    }

    Commentary write(List<NameTransfer> names) {
        return write(names, TennisScoringTest.MATCH);
    }

    Commentary write(List<NameTransfer> names, io.courtside.scoreboard.ScoreTimeline match) {
        List<ScoringPlay> plays = ScoringPlay.of(match, 100, TennisScoringTest.TENNIS);
        List<Segment> clips = new ArrayList<>();
        for (ScoringPlay p : plays) {
            clips.add(new Segment(p.time() - 1, p.time() + 2, p.reason(TennisScoringTest.TENNIS),
                    new ClipEvents(false, 0, 1, false, List.of()).withScore(p.state(), p)));
        }
        return writer.write("job-tennis", "tennis", names, List.of(), new HighlightPlan(0, clips), true,
                match, TennisScoringTest.TENNIS);
    }
}
