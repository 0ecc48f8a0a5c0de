package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.courtside.scoreboard.ScoreBugFootage.Change;
import io.courtside.scoreboard.ScoreBugFootage.Design;
import io.courtside.scoreboard.ScoreBugFootage.Layout;
import io.courtside.scoreboard.ScoreBugFootage.Script;

/** Every with* method of the test painter's script changes its own field and keeps all the others. */
class ScoreBugFootageScriptTest {

    static final Design DESIGN = new Design("d", Layout.ONE_LINE, true, true, new Font("SansSerif", Font.BOLD, 18), 0.1);

    @Test
    void everyWithMethodKeepsEveryOtherField() {
        // every field away from its default, so a method that drops one to its default is caught
        Script all = ScoreBugFootage.script(DESIGN, 20, "A", "B", List.of(new Change(0, 1, 2)))
                .withHidden(1, 2).withCovered(3, 4).continuousPan().withTicker().swappedFrom(5)
                .withStripBesideTheBug().shrinkingFrom(6, "ALPHA", "BETA").sized(320, 180, 30);
        assertThat(all.strip()).isTrue();
        assertThat(all.shrinkAt()).isEqualTo(6);
        assertThat(all.wideNames()).containsExactly("ALPHA", "BETA");
        assertThat(all.continuous()).isTrue();
        assertThat(all.ticker()).isTrue();
        assertThat(all.swapAt()).isEqualTo(5);
        assertThat(all.hidden()).hasSize(1);
        assertThat(all.covered()).hasSize(1);
        assertThat(all.width()).isEqualTo(320);

        List<UnaryOperator<Script>> methods = List.of(s -> s.withHidden(8, 9), s -> s.withCovered(8, 9),
                Script::withoutBug, Script::continuousPan, Script::withTicker, s -> s.swappedFrom(5),
                Script::withStripBesideTheBug, s -> s.shrinkingFrom(6, "ALPHA", "BETA"), s -> s.sized(320, 180, 30));
        for (UnaryOperator<Script> method : methods) {
            Script after = method.apply(all);
            assertThat(after.strip()).isEqualTo(all.strip());
            assertThat(after.shrinkAt()).isEqualTo(all.shrinkAt());
            assertThat(after.wideNames()).isEqualTo(all.wideNames());
            assertThat(after.continuous()).isEqualTo(all.continuous());
            assertThat(after.ticker()).isEqualTo(all.ticker());
            assertThat(after.swapAt()).isEqualTo(all.swapAt());
            assertThat(after.width()).isEqualTo(all.width());
            assertThat(after.height()).isEqualTo(all.height());
            assertThat(after.fps()).isEqualTo(all.fps());
            assertThat(after.seed()).isEqualTo(all.seed());
            assertThat(after.teamA()).isEqualTo(all.teamA());
            assertThat(after.changes()).isEqualTo(all.changes());
            assertThat(after.hidden().size()).isBetween(all.hidden().size(), all.hidden().size() + 1);
            assertThat(after.covered().size()).isBetween(all.covered().size(), all.covered().size() + 1);
        }
    }
}
