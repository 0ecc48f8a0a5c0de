package io.courtside.commentary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service configured with a Chinese caption font it does not have (and no espeak-ng) refuses, at submit and
 * before any work, a job whose TransferNames are Chinese, naming the font and the fix; it still takes English
 * jobs (their captions in the DejaVu font the jar ships), and its readiness detail names the missing font. (Before, such a job was accepted, analysed, and failed
 * Render.Failed.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommentaryPrerequisitesTest {

    static final Path DATA_DIR;
    static final int S3_PORT;
    static final Path MISSING_FONT;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("courtside-commentary-prerequisites-");
            S3_PORT = CourtsideTestBase.freePort();
            MISSING_FONT = DATA_DIR.resolve("no-such-font/wqy-microhei.ttc");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void withoutTheChineseFont(DynamicPropertyRegistry registry) {
        CourtsideTestBase.registerInstance(registry, DATA_DIR, S3_PORT);
        registry.add("courtside.commentary.fonts.zh", MISSING_FONT::toString);
    }

    static final String OUTPUT = "{\"MediaURL\":\"s3://courtside/out/h.mp4\"}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;

    @Test
    void chineseJobIsRefusedAtSubmitWithTheFixNamed() throws Exception {
        long jobsBefore = jobCount();
        RpcClient.Answer answer = new RpcClient(port).call(RpcApi.SUBMIT, "InputConfig",
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/a.mp4\","
                        + "\"TransferNameRegister\":[{\"OriginalName\":\"IND\",\"TransferName\":\"印第安纳步行者\"}]}",
                "OutputConfig", OUTPUT);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.code()).isEqualTo("InvalidParameter");
        assertThat(answer.message()).contains("InputConfig.TransferNameRegister", "'zh'", MISSING_FONT.toString(),
                "fonts-wqy-microhei", "courtside.commentary.fonts.zh");
        assertThat(answer.body().has("JobId")).isFalse();
        assertThat(jobCount()).isEqualTo(jobsBefore);
    }

    @Test
    void englishJobIsStillTaken() throws Exception {
        RpcClient.Answer answer = new RpcClient(port).call(RpcApi.SUBMIT, "InputConfig",
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/not-there.mp4\","
                        + "\"TransferNameRegister\":[{\"OriginalName\":\"IND\",\"TransferName\":\"Pacers\"}]}",
                "OutputConfig", OUTPUT);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(answer.body().path("JobId").asText()).matches("[0-9a-f]{32}");
    }

    @Test
    void readinessNamesTheMissingFont() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode commentary = new ObjectMapper().readTree(readiness.body()).path("components").path("commentary");
        assertThat(commentary.path("status").asText()).as(readiness.body()).isEqualTo("UP");
        assertThat(commentary.path("details").path("zh").asText()).contains(MISSING_FONT.toString(),
                "fonts-wqy-microhei");
        // English captions use the font shipped in the jar, written into this instance's data dir at start-up.
        assertThat(commentary.path("details").path("en").asText()).startsWith("ready, voice ");
        assertThat(DATA_DIR.resolve("fonts/DejaVuSans-Bold.ttf")).isNotEmptyFile();
    }

    private long jobCount() {
        return db.sql("SELECT COUNT(*) FROM highlight_job").query(Long.class).single();
    }
}
