package io.courtside.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.courtside.scoreboard.BugLayout;

/** The score-bug block of a sport profile: the shipped sports' columns, an optional region, clear refusals. */
class ScoreBugProfileTest {

    static BugLayout shipped(String sport) throws Exception {
        try (InputStream in = ScoreBugProfileTest.class.getClassLoader().getResourceAsStream("sports/" + sport + ".yaml")) {
            return ScoreBugProfile.read(in, sport + ".yaml");
        }
    }

    static BugLayout parse(String yaml) {
        return ScoreBugProfile.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void shippedSportsSayWhatTheirBugsShow() throws Exception {
        assertThat(shipped("pingpong").columns()).extracting(BugLayout.Column::name).containsExactly("games", "points");
        assertThat(shipped("tennis").columns()).extracting(BugLayout.Column::name)
                .containsExactly("sets", "games", "points");
        assertThat(shipped("tennis").minColumns()).isEqualTo(2);
        assertThat(shipped("basketball").columns()).extracting(BugLayout.Column::name).containsExactly("points");
        assertThat(shipped("pingpong").region()).isNull();
    }

    @Test
    void aRegionHintIsFractionsOfTheFrame() {
        BugLayout layout = parse("score-bug:\n  columns: [{name: points, max: 99}]\n  region: [0, 0.7, 0.5, 0.3]\n");
        assertThat(layout.region().y()).isEqualTo(0.7);
        assertThat(layout.region().width()).isEqualTo(0.5);
        assertThat(parse("max-duration: 30\n")).isEqualTo(BugLayout.GUESS);
    }

    @Test
    void aBrokenBlockSaysWhatToWrite() {
        assertThatThrownBy(() -> parse("score-bug:\n  columns: [points]\n"))
                .hasMessageContaining("test.yaml").hasMessageContaining("{name: points, max: 30}");
        assertThatThrownBy(() -> parse("score-bug:\n  columns: [{name: points, max: 9}]\n  region: [0.8, 0.8, 0.5, 0.5]\n"))
                .hasMessageContaining("'score-bug.region' must be [x, y, width, height]");
        assertThatThrownBy(() -> parse("score-bug:\n  columns: [{name: points, max: 9}]\n  min-columns: 2\n"))
                .hasMessageContaining("'score-bug.min-columns' must be a whole number from 1 to 1");
    }
}
