package io.courtside.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.config.CourtsideProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code scoring:} block of a sport profile: read from the file, defaults where left out, checked. */
class SportProfileScoringTest {

    @Test
    void theShippedProfilesWeighScoringPlaysAboveAnyLoudMoment() {
        SportProfile basketball = SelectionFixtures.profiles().find("basketball").orElseThrow();
        ScoreWeights w = basketball.scoring();
        assertThat(w.runPoints()).isEqualTo(8);
        assertThat(w.bigPlayPoints()).isEqualTo(3);
        assertThat(w.afterChange()).isBetween(1.0, 3.0);
        assertThat(w.latePeriod("4th")).isTrue();
        assertThat(w.latePeriod("OT2")).isTrue();
        assertThat(w.latePeriod("2ND")).isFalse();
        // A scoring play alone outweighs the loudest crowd with the most motion a shot is likely to show.
        assertThat(w.play()).isGreaterThan(basketball.excitementWeight() * basketball.excitementMaxDb()
                + basketball.motionWeight() * 40);
        ScoreWeights pingpong = SelectionFixtures.profiles().find("pingpong").orElseThrow().scoring();
        assertThat(pingpong.runPoints()).isEqualTo(4);
        assertThat(pingpong.bigPlayPoints()).isZero();
    }

    @Test
    void keysLeftOutTakeTheDefaultsAndBadValuesAreRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("curling.yaml"), "max-duration: 30\nmin-clip: 2\nmax-clip: 8\n"
                + "scoring:\n  run-points: 6\n");
        ScoreWeights w = profiles(dir).find("curling").orElseThrow().scoring();
        assertThat(w.runPoints()).isEqualTo(6);
        assertThat(w.play()).isEqualTo(ScoreWeights.DEFAULTS.play());
        assertThat(w.latePeriods()).isEqualTo(ScoreWeights.DEFAULTS.latePeriods());

        Files.writeString(dir.resolve("curling.yaml"), "max-duration: 30\nmin-clip: 2\nmax-clip: 8\n"
                + "scoring:\n  after-change: 5\n");
        assertThatThrownBy(() -> profiles(dir)).hasMessageContaining("curling.yaml")
                .hasMessageContaining("scoring.after-change");
        Files.writeString(dir.resolve("curling.yaml"), "max-duration: 30\nmin-clip: 2\nmax-clip: 8\n"
                + "scoring:\n  late-periods: 4TH\n");
        assertThatThrownBy(() -> profiles(dir)).hasMessageContaining("scoring.late-periods");
        Files.writeString(dir.resolve("curling.yaml"), "max-duration: 30\nmin-clip: 2\nmax-clip: 8\n"
                + "scoring:\n  tie: -1\n");
        assertThatThrownBy(() -> profiles(dir)).hasMessageContaining("'tie'");
    }

    private static SportProfiles profiles(Path dir) throws Exception {
        return new SportProfiles(new CourtsideProperties(Path.of("data"), dir, null));
    }

    @Test
    void aProfileWithoutScoringSettingsGetsBasketballs() {
        assertThat(new SportProfile("x", 30, 2, 8).scoring()).isEqualTo(ScoreWeights.DEFAULTS);
        assertThat(ScoreWeights.DEFAULTS.latePeriods()).isEqualTo(List.of("4TH", "Q4", "4", "OT"));
    }
}
