package io.courtside.render;

import static io.courtside.render.TestSources.captionMask;
import static io.courtside.render.TestSources.count;
import static io.courtside.render.TestSources.differ;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.commentary.Commentary;
import io.courtside.commentary.CommentaryLine;
import io.courtside.commentary.CommentaryProperties;
import io.courtside.commentary.CommentaryWriter;
import io.courtside.kernel.JobSpec.NameTransfer;
import io.courtside.selection.ClipEvents;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Chinese captions need no OS font: with config/application.yaml's defaults (no font setting of its own) the
 * service writes the Noto Sans SC Bold the jar ships into its data dir, is ready for Chinese jobs, takes one at
 * submit, and the captions its commentary writer makes for Chinese TransferNames render as glyphs, not as the
 * missing-glyph boxes of a font without Han characters. (Before, fonts.zh named the OS's
 * /usr/share/fonts/truetype/wqy/wqy-microhei.ttc and a machine without it refused Chinese jobs.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShippedCjkFontTest {

    static final Path DATA_DIR;
    static final int S3_PORT;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("courtside-shipped-cjk-font-");
            S3_PORT = CourtsideTestBase.freePort();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void defaults(DynamicPropertyRegistry registry) {
        CourtsideTestBase.registerInstance(registry, DATA_DIR, S3_PORT);
    }

    static final List<NameTransfer> CHINESE = List.of(new NameTransfer("Pacers", "印第安纳步行者"),
            new NameTransfer("Celtics", "波士顿凯尔特人"));

    @LocalServerPort
    int port;
    @Autowired
    CommentaryProperties properties;
    @Autowired
    CommentaryWriter writer;
    @Autowired
    HighlightRenderer renderer;

    @Test
    void theDefaultChineseFontIsTheShippedOneInTheDataDir() throws Exception {
        Path font = properties.fontFor("zh");
        assertThat(font).isEqualTo(DATA_DIR.resolve("fonts/NotoSansSC-Bold.ttf"));
        try (InputStream shipped = getClass().getClassLoader().getResourceAsStream("fonts/NotoSansSC-Bold.ttf")) {
            assertThat(shipped).as("the jar's fonts/NotoSansSC-Bold.ttf (pom.xml fetches it)").isNotNull();
            assertThat(Files.readAllBytes(font)).isEqualTo(shipped.readAllBytes());
        }
        assertThat(DATA_DIR.resolve("fonts/NotoSansSC-OFL.txt")).content().contains("SIL Open Font License");

        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode commentary = new ObjectMapper().readTree(readiness.body()).path("components").path("commentary");
        assertThat(commentary.path("details").path("zh").asText()).as(readiness.body()).startsWith("ready"); // then the voice used
    }

    @Test
    void aChineseJobIsTakenAtSubmit() throws Exception {
        RpcClient.Answer answer = new RpcClient(port).call(RpcApi.SUBMIT, "InputConfig",
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/not-there.mp4\","
                        + "\"TransferNameRegister\":[{\"OriginalName\":\"IND\",\"TransferName\":\"印第安纳步行者\"}]}",
                "OutputConfig", "{\"MediaURL\":\"s3://courtside/out/h.mp4\"}");
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("JobId").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void chineseCaptionsAreDrawnAsGlyphsNotBoxes() throws Exception {
        Path dir = Files.createDirectories(DATA_DIR.resolve("renders"));
        Path source = TestSources.flat(dir.resolve("flat.mp4"), 640, 360, 1.0, 128);
        HighlightPlan plan = new HighlightPlan(0, List.of(new Segment(0, 1.0, "test", ClipEvents.NONE)));
        Commentary chinese = writer.write("job-zh", "basketball", CHINESE, List.of(), plan, false);
        assertThat(chinese.language()).isEqualTo("zh");
        assertThat(chinese.fontFile()).isEqualTo(properties.fontFor("zh"));
        assertThat(chinese.lines().get(0).text()).as("a Chinese line").containsPattern("\\p{IsHan}");

        Path latin = Path.of(CommentaryProperties.DEFAULT_FONT); // DejaVu: no Han glyphs, so boxes
        // The same line with each Han character replaced by the next code point: as long, other characters.
        String line = chinese.lines().get(0).text();
        String shifted = line.codePoints().map(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                        && Character.UnicodeScript.of(c + 1) == Character.UnicodeScript.HAN ? c + 1 : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(shifted).isNotEqualTo(line);
        Commentary other = new Commentary("zh", "test/zh", chinese.fontFile(), null,
                List.of(new CommentaryLine(0, 0, 1, shifted)));
        boolean[] glyphs = captionMask(renderer, source, plan, chinese, dir.resolve("glyphs.mp4"));
        boolean[] otherGlyphs = captionMask(renderer, source, plan, other, dir.resolve("other.mp4"));
        boolean[] boxes = captionMask(renderer, source, plan, withFont(chinese, latin), dir.resolve("boxes.mp4"));
        boolean[] otherBoxes = captionMask(renderer, source, plan, withFont(other, latin),
                dir.resolve("other-boxes.mp4"));
        System.out.printf("caption '%s' / '%s'%n", line, shifted);
        System.out.printf("caption pixels: shipped font %d / %d, boxes %d / %d; glyphs vs boxes differ %d,"
                        + " two strings differ %d, boxes of two strings differ %d%n", count(glyphs), count(otherGlyphs),
                count(boxes), count(otherBoxes), differ(glyphs, boxes), differ(glyphs, otherGlyphs),
                differ(boxes, otherBoxes));
        assertThat(count(glyphs)).as("caption drawn").isGreaterThan(200);
        assertThat(differ(glyphs, boxes)).as("glyphs, not the missing-glyph boxes").isGreaterThan(count(glyphs) / 3);
        assertThat(differ(glyphs, otherGlyphs)).as("two strings, two pictures").isGreaterThan(count(glyphs) / 3);
        // The check can tell: the boxes of a font without Han glyphs look alike whatever the string says.
        assertThat(differ(boxes, otherBoxes)).isLessThan(differ(glyphs, otherGlyphs) / 4);
    }

    private static Commentary withFont(Commentary c, Path font) {
        return new Commentary(c.language(), c.phraseSet(), font, c.title(), c.lines());
    }
}
