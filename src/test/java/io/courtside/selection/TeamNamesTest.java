package io.courtside.selection;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.kernel.JobSpec.NameTransfer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TransferNameRegister matches the names read on the bug ignoring case, spaces and punctuation. */
class TeamNamesTest {

    static Map<String, String> names(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void caseSpacesAndPunctuationDoNotMatter() {
        Map<String, String> register = names("OKC", "Oklahoma City Thunder", "S.A.", "San Antonio Spurs",
                "la lakers", "洛杉矶湖人");
        for (String read : List.of("OKC", "okc", "O.K.C.", " Okc ", "O K C", "o-k-c", "ＯＫＣ")) {
            assertThat(TeamNames.nameOf(register, read)).as(read).isEqualTo("Oklahoma City Thunder");
        }
        for (String read : List.of("SA", "sa", "S A", "S.A")) {
            assertThat(TeamNames.nameOf(register, read)).as(read).isEqualTo("San Antonio Spurs");
        }
        assertThat(TeamNames.nameOf(register, "LA LAKERS")).isEqualTo("洛杉矶湖人");
        assertThat(TeamNames.nameOf(register, "LAL")).isEqualTo("LAL");
        assertThat(TeamNames.nameOf(register, "OK")).as("a shorter name is another name").isEqualTo("OK");
        assertThat(TeamNames.nameOf(register, "...")).isEqualTo("...");
        assertThat(TeamNames.nameOf(Map.of(), "OKC")).isEqualTo("OKC");
    }

    @Test
    void anExactEntryWinsOverALooseOneAndOtherwiseTheFirst() {
        Map<String, String> register = names("o.k.c", "first", "OKC", "exact", "Okc", "third");
        assertThat(TeamNames.nameOf(register, "OKC")).isEqualTo("exact");
        assertThat(TeamNames.nameOf(register, "O.K.C.")).isEqualTo("first");
    }

    @Test
    void theScoreboardNamesAreKeyedByTheTeamsAsRead() {
        List<NameTransfer> register = List.of(new NameTransfer("ind", "印第安纳步行者"),
                new NameTransfer("B.O.S.", "Boston Celtics"), new NameTransfer("Jokic", "约基奇"));
        assertThat(TeamNames.forTeams(register, List.of("IND", "BOS", "MIA")))
                .containsExactly(Map.entry("IND", "印第安纳步行者"), Map.entry("BOS", "Boston Celtics"));
    }
}
