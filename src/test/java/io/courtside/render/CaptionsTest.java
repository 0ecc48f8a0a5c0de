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
        Captions captions = Captions.of(c, List.of(0.0, 2.0, 4.48), 360, 640, RenderSpec.Look.DEFAULT,
                Path.of(dir + "/out."));
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
    void escapesFilterOptionValues() {
        assertEquals("/tmp/a\\\\:b\\\\\\'c\\,d", Captions.escape("/tmp/a:b'c,d"));
    }
}
