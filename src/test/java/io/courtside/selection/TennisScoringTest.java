package io.courtside.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Tennis as the reader gives it: points (15, 30, 40) and games. A game and a set won are scoring plays, weighed
 * above a point by the profile's game and set weights, told by the games; a point is no lead change or tie when it
 * only starts a game; tennis points make no runs.
 */
public class TennisScoringTest {

    public static final ScoreWeights TENNIS = SelectionFixtures.profiles().find("tennis").orElseThrow().scoring();

    /** Sinner wins four points in a row (a love game), Alcaraz one, then Sinner the set. */
    public static final ScoreTimeline MATCH = timeline(new Object[][] {
            {10.0, 0, 0, "0-0 4-4", null},
            {20.0, 15, 0, "0-0 4-4", new Scoring("SIN", 15)},
            {30.0, 30, 0, "0-0 4-4", new Scoring("SIN", 15)},
            {40.0, 40, 0, "0-0 4-4", new Scoring("SIN", 10)},
            {50.0, 0, 0, "0-0 5-4", new Scoring("SIN", 0, Scoring.Won.GAME)},
            {60.0, 0, 15, "0-0 5-4", new Scoring("ALC", 15)},
            {70.0, 15, 15, "0-0 5-4", new Scoring("SIN", 15)},
            {80.0, 0, 0, "1-0 0-0", new Scoring("SIN", 0, Scoring.Won.SET)},
    });

    @Test
    void aGameAndASetWonArePlaysWeighedAboveAPointAndToldByTheGames() {
        List<ScoringPlay> plays = ScoringPlay.of(MATCH, 100, TENNIS);
        assertThat(plays).extracting(ScoringPlay::won).containsExactly(null, null, null, Scoring.Won.GAME, null, null,
                Scoring.Won.SET);
        ScoringPlay point = plays.get(0);
        ScoringPlay game = plays.get(3);
        ScoringPlay set = plays.get(6);
        assertThat(game.weight(TENNIS)).isGreaterThan(point.weight(TENNIS));
        assertThat(set.weight(TENNIS)).isGreaterThan(game.weight(TENNIS));
        assertThat(game.reason(TENNIS)).isEqualTo("SIN game, 0-0 5-4");
        assertThat(set.reason(TENNIS)).isEqualTo("SIN set, 1-0 0-0");
        assertThat(point.reason(TENNIS)).startsWith("SIN +15, 15-0 (0-0 4-4)");
        // the points start again at 0-0: a game won ties nothing and changes no lead
        assertThat(List.of(game, set)).allSatisfy(p -> {
            assertThat(p.tie()).isFalse();
            assertThat(p.leadChange()).isFalse();
            assertThat(p.closeLate()).isFalse();
        });
    }

    @Test
    void tennisPointsMakeNoRun() {
        assertThat(ScoringPlay.of(MATCH, 100, TENNIS)).noneMatch(p -> p.isRun(TENNIS));
        assertThat(ScoringPlay.of(MATCH, 100, TENNIS)).allSatisfy(p ->
                assertThat(p.reason(TENNIS)).doesNotContain("run"));
    }

    static ScoreTimeline timeline(Object[][] rows) {
        List<ScoreState> states = new ArrayList<>();
        for (Object[] row : rows) {
            Map<String, Integer> score = new LinkedHashMap<>();
            score.put("SIN", (Integer) row[1]);
            score.put("ALC", (Integer) row[2]);
            states.add(new ScoreState((Double) row[0], score, (Scoring) row[4], null, (String) row[3]));
        }
        return new ScoreTimeline(List.of("SIN", "ALC"), new ScoreRegion(0.05, 0.05, 0.25, 0.08), states, List.of(),
                List.of());
    }
}
