package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobSpec.NameTransfer;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;

class CommentaryWriterTest {

    static final CommentaryProperties DEFAULTS = CommentaryProperties.defaults();
    final CommentaryWriter writer = new CommentaryWriter(DEFAULTS, new PhraseBooks(DEFAULTS), null);

    static final List<NameTransfer> ENGLISH = List.of(new NameTransfer("Pacers", "Indiana Pacers"),
            new NameTransfer("Celtics", "Boston Celtics"), new NameTransfer("haliburton", "Tyrese Haliburton"));
    static final List<NameTransfer> CHINESE = List.of(new NameTransfer("Pacers", "印第安纳步行者"),
            new NameTransfer("Celtics", "波士顿凯尔特人"), new NameTransfer("haliburton", "哈利伯顿"));

    static Segment clip(double start, ClipEvents events) {
        return new Segment(start, start + 3, "test", events);
    }

    @Test
    void eachClipGetsALineFromItsEventsInTheOutputTimeline() {
        HighlightPlan plan = new HighlightPlan(0, List.of(
                clip(10, new ClipEvents(true, 0, 1, false, List.of())),
                clip(40, new ClipEvents(false, 2, 9, true, List.of("haliburton"))),
                clip(70, new ClipEvents(false, 12, 2, false, List.of())),
                clip(90, new ClipEvents(false, 1, 1, false, List.of("haliburton"))),
                clip(120, ClipEvents.NONE)));
        Commentary c = writer.write("job-1", "basketball", ENGLISH, List.of("haliburton"), plan, true);

        assertEquals("en", c.language());
        assertEquals("basketball/en", c.phraseSet());
        assertEquals("Indiana Pacers vs Boston Celtics", c.title());
        assertThat(c.lines()).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertEquals(i, c.lines().get(i).clip());
            assertEquals(3.0 * i, c.lines().get(i).start(), 1e-9, "output timeline, not source");
            assertEquals(3.0 * i + 3, c.lines().get(i).end(), 1e-9);
        }
        PhraseBook book = new PhraseBooks(DEFAULTS).find("basketball", "en");
        assertThat(filledFrom(book.of(PhraseBook.REPLAY), c.lines().get(0).text())).isTrue();
        // a fast break with a registered player: a fast-break line naming him, by his transfer name
        assertThat(filledFrom(book.of(PhraseBook.FAST_BREAK), c.lines().get(1).text())).isTrue();
        assertThat(c.lines().get(1).text()).contains("Tyrese Haliburton").doesNotContain("haliburton");
        assertThat(filledFrom(book.of(PhraseBook.ROAR), c.lines().get(2).text())).isTrue();
        assertThat(filledFrom(book.of(PhraseBook.PLAYER), c.lines().get(3).text())).isTrue();
        assertThat(c.lines().get(3).text()).contains("Tyrese Haliburton");
        assertThat(book.of(PhraseBook.GENERIC)).contains(c.lines().get(4).text());
    }

    @Test
    void linesVaryWithinAnOutputAndBetweenJobsButRepeatForTheSameJob() {
        List<Segment> generic = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            generic.add(clip(i * 10, ClipEvents.NONE));
        }
        HighlightPlan plan = new HighlightPlan(0, generic);
        Commentary a = writer.write("job-a", "basketball", List.of(), List.of(), plan, false);
        Set<String> distinct = new HashSet<>();
        a.lines().forEach(l -> distinct.add(l.text()));
        assertEquals(6, distinct.size(), "six generic clips, six different lines: " + a.lines());
        assertEquals(a, writer.write("job-a", "basketball", List.of(), List.of(), plan, false), "deterministic");
        Set<List<String>> orders = new HashSet<>();
        for (int job = 0; job < 5; job++) {
            orders.add(writer.write("job-" + job, "basketball", List.of(), List.of(), plan, false).lines().stream()
                    .map(CommentaryLine::text).toList());
        }
        assertThat(orders.size()).as("different jobs, different orders").isGreaterThan(1);
        assertThat(a.title()).isNull();
    }

    @Test
    void chineseTransferNamesMakeChineseCommentary() {
        HighlightPlan plan = new HighlightPlan(1, List.of(
                clip(5, new ClipEvents(false, 0, 1, false, List.of("haliburton"))),
                clip(50, new ClipEvents(false, 15, 1, false, List.of()))));
        Commentary c = writer.write("job-zh", "basketball", CHINESE, List.of("haliburton"), plan, true);
        assertEquals("zh", c.language());
        assertEquals("basketball/zh", c.phraseSet());
        assertEquals("印第安纳步行者 对阵 波士顿凯尔特人", c.title());
        assertThat(c.lines().get(0).text()).contains("哈利伯顿");
        assertThat(c.fontFile()).isEqualTo(BundledFonts.outsideService().resolve(BundledFonts.CJK)).isNotEmptyFile();
    }

    @Test
    void aSportWithoutPhrasesUsesTheDefaultSet() {
        HighlightPlan plan = new HighlightPlan(0, List.of(clip(0, ClipEvents.NONE)));
        Commentary c = writer.write("job", "curling", List.of(), List.of(), plan, false);
        assertEquals("default/en", c.phraseSet());
        assertThat(new PhraseBooks(DEFAULTS).find("default", "en").of(PhraseBook.GENERIC))
                .contains(c.lines().get(0).text());
    }

    @Test
    void aLanguageWithoutPhrasesFailsTheJobNamingTheFileToAdd() {
        CommentaryProperties french = new CommentaryProperties(DEFAULTS.phrasesDir(), "fr", "default", 6, null,
                DEFAULTS.voice(), DEFAULTS.leadInSeconds());
        CommentaryWriter w = new CommentaryWriter(french, new PhraseBooks(french), null);
        HighlightPlan plan = new HighlightPlan(0, List.of(clip(0, ClipEvents.NONE)));
        JobFailure failure = assertThrows(JobFailure.class,
                () -> w.write("job", "basketball", List.of(), List.of(), plan, false));
        assertEquals(JobFailure.RENDER_ERROR, failure.code());
        assertThat(failure.getMessage()).contains("basketball/fr.yaml").contains("courtside.commentary.language");
    }

    @Test
    void aMissingFontFailsTheJobNamingTheSetting() {
        CommentaryProperties noFont = new CommentaryProperties(DEFAULTS.phrasesDir(), "auto", "default", 6,
                Map.of("default", Path.of("/nonexistent/font.ttf")), DEFAULTS.voice(),
                DEFAULTS.leadInSeconds());
        CommentaryWriter w = new CommentaryWriter(noFont, new PhraseBooks(noFont), null);
        HighlightPlan plan = new HighlightPlan(0, List.of(clip(0, ClipEvents.NONE)));
        JobFailure failure = assertThrows(JobFailure.class,
                () -> w.write("job", "basketball", List.of(), List.of(), plan, false));
        assertThat(failure.getMessage()).contains("/nonexistent/font.ttf").contains("courtside.commentary.fonts.en");
    }

    /** Is {@code line} one of the templates with its names filled in? */
    private static boolean filledFrom(List<String> templates, String line) {
        for (String t : templates) {
            String regex = java.util.regex.Pattern.quote(t).replaceAll("\\{[a-z]+\\}", "\\\\E.+\\\\Q");
            if (line.matches(regex)) {
                return true;
            }
        }
        return false;
    }
}
