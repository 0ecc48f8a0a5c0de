package io.courtside.scoreboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** A later form of the bug names the teams otherwise: its names are paired with the first ones by their letters. */
class BugFormNamesTest {

    @Test
    void abbreviationsPairWithTheFullNamesTheyStandFor() {
        List<String> wide = List.of("REAL MADRID", "SEVILLA FC");
        assertThat(ScoreBugReader.crossed(wide, List.of("SEV", "RMA"))).isTrue();
        assertThat(ScoreBugReader.crossed(wide, List.of("RMA", "SEV"))).isFalse();
        List<String> spurs = List.of("San Antonio Spurs", "Oklahoma City Thunder");
        assertThat(ScoreBugReader.crossed(spurs, List.of("OKC", "SA"))).isTrue();
        assertThat(ScoreBugReader.crossed(spurs, List.of("S.A.", "okc"))).isFalse();
        assertThat(ScoreBugReader.crossed(List.of("LIVERPOOL", "ARSENAL"), List.of("ARS", "LIV"))).isTrue();
    }

    @Test
    void namesThatTellNothingKeepTheScreenOrder() {
        // no letters in common either way, or as much both ways: the order on screen decides, as before
        assertThat(ScoreBugReader.crossed(List.of("HOME", "AWAY"), List.of("XYZ", "QRS"))).isFalse();
        assertThat(ScoreBugReader.crossed(List.of("AAB", "ABB"), List.of("AB", "AB2"))).isFalse();
    }

    @Test
    void aNameMatchNeedsTheLettersInOrder() {
        assertThat(ScoreBugReader.nameMatch("RMA", "REAL MADRID")).isEqualTo(2);
        assertThat(ScoreBugReader.nameMatch("MAR", "REAL MADRID")).isEqualTo(1);
        assertThat(ScoreBugReader.nameMatch("DRM", "REAL MADRID")).isZero();
        assertThat(ScoreBugReader.nameMatch("SEV", "REAL MADRID")).isZero();
    }
}
