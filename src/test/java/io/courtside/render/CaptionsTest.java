package io.courtside.render;

import io.courtside.kernel.RenderSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.commentary.CommentaryProperties;

class CaptionsTest {

    @Test
    void wrapsAtSpacesAndBetweenHanCharacters() {
        assertEquals("Indiana Pacers vs\nBoston Celtics", Captions.wrap("Indiana Pacers vs Boston Celtics", 11));
        assertEquals("印第安纳步行者 对阵\n波士顿凯尔特人", Captions.wrap("印第安纳步行者 对阵 波士顿凯尔特人", 13));
        assertEquals("印第安纳\n步行者", Captions.wrap("印第安纳步行者", 4));
        assertEquals("Short.", Captions.wrap("  Short.  ", 40));
    }

    @Test
    void drawsEachLineOnItsOwnTimedToItsClipAndWritesWebVtt(@TempDir Path dir) throws Exception {
        Commentary c = new Commentary("en", "test/en", Path.of(CommentaryProperties.DEFAULT_FONT), "A vs B",
                List.of(new CommentaryLine(0, 0, 2, "What a play! The fans love it, <all> of them!"),
                        new CommentaryLine(1, 2, 4.5, "Here we go.")));
        Captions captions = Captions.of(c, List.of(0.0, 2.0, 4.48), List.of(10.0, 20.0), 360, 640,
                RenderSpec.Look.DEFAULT, Path.of(dir + "/out."));
        for (Path file : captions.files()) {
            assertThat(Files.readString(file)).as("no newline for drawtext to draw as a box").doesNotContain("\n");
        }
        assertThat(captions.files().size()).isGreaterThan(3); // the long line wraps
        assertThat(captions.filter()).contains("enable='between(t,2.0000,4.4799)'").contains("expansion=none")
                .startsWith(",drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf:");
        assertThat(captions.vtt()).startsWith("WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.500\nA vs B\n")
                .contains("00:00:02.000 --> 00:00:04.480\nHere we go.\n").contains("&lt;all&gt;");
    }

    @Test
    void aLineTellingAScoreShowsFromTheFrameOfTheChangeAndTheBuildUpLineEndsThere(@TempDir Path dir) {
        // Clip 1 is cut from source frame 499 (19.96 s at 25 fps); the score changes at 22.0 s of the source.
        Commentary c = new Commentary("en", "test/en", Path.of(CommentaryProperties.DEFAULT_FONT), null,
                List.of(new CommentaryLine(0, 0, 2, "Here we go."),
                        new CommentaryLine(1, 2, 4.0, "Patient offence."),
                        new CommentaryLine(1, 4.0, 6.5, "Thunder by four.", 22.0)));
        Captions captions = Captions.plan(c, List.of(0.0, 2.0, 6.48), List.of(10.0, 19.96), 360, 640,
                RenderSpec.Look.DEFAULT, Path.of(dir + "/out."), 0);
        assertThat(captions.vtt()).contains("00:00:02.000 --> 00:00:04.040\nPatient offence.\n")
                .contains("00:00:04.040 --> 00:00:06.480\nThunder by four.\n");
        assertThat(captions.filter()).contains("enable='between(t,4.0400,6.4799)'")
                .contains("enable='between(t,2.0000,4.0399)'");
        assertThat(captions.files()).hasSize(3).doesNotHaveDuplicates(); // one text file per line, not per clip
    }

    @Test
    void escapesFilterOptionValues() {
        assertEquals("/tmp/a\\\\:b\\\\\\'c\\,d", Captions.escape("/tmp/a:b'c,d"));
    }
}
