package io.courtside;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Runs every curl example of README.md (signed ones through bin/acs-curl) with bash against this running instance. Each answer must be JSON with a
 * RequestId, and an example's documented answer ({@code # {...}} under it) must match in its keys and Code.
 */
class ReadmeExamplesTest extends CourtsideTestBase {

    private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.ALLOW_COMMENTS);

    @LocalServerPort
    int port;
    @Autowired
    S3Client s3;

    @Test
    void curlExamplesWork() throws Exception {
        GameFixtures.uploadDemoGame(s3, "courtside", "demo/sample-game.mp4");
        String readme = Files.readString(Path.of("README.md"));
        Matcher blocks = SHELL_BLOCK.matcher(readme);
        int run = 0;
        while (blocks.find()) {
            String block = blocks.group(1);
            if (!block.contains("acs-curl http://127.0.0.1:8080/") && !block.contains("curl -s \"http://127.0.0.1:8080/")
                    && !block.contains("curl -s http://127.0.0.1:8080/")) {
                continue;
            }
            List<JsonNode> answers = runBash(block.replace("127.0.0.1:8080", "127.0.0.1:" + port));
            assertThat(answers).as("answers of\n%s", block).isNotEmpty();
            for (JsonNode answer : answers) {
                assertThat(answer.path("RequestId").asText()).as("answer %s", answer).isNotBlank();
            }
            for (String line : block.lines().filter(l -> l.startsWith("# {")).toList()) {
                JsonNode documented = JSON.readTree(line.substring(2));
                JsonNode actual = answers.get(0);
                for (Iterator<String> keys = documented.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    assertThat(actual.has(key)).as("%s in %s", key, actual).isTrue();
                }
                if (documented.has("Code")) {
                    assertThat(actual.path("Code").asText()).isEqualTo(documented.path("Code").asText());
                    assertThat(actual.path("Message").asText()).isEqualTo(documented.path("Message").asText());
                } else {
                    assertThat(actual.has("Code")).as("no error in %s", actual).isFalse();
                }
            }
            run++;
        }
        assertThat(run).as("curl examples found in README.md").isGreaterThanOrEqualTo(4);
    }

    private static List<JsonNode> runBash(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true);
        // As the README tells a user to: the AccessKey in the environment, for bin/acs-curl.
        builder.environment().put("COURTSIDE_ACCESS_KEY_ID", TestKeys.ACCESS_KEY_ID);
        builder.environment().put("COURTSIDE_ACCESS_KEY_SECRET", TestKeys.ACCESS_KEY_SECRET);
        Process bash = builder.start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as("exit of example, output:\n%s", out).isZero();
        List<JsonNode> answers = new ArrayList<>();
        // curl prints answers back to back without newlines
        var parser = JSON.getFactory().createParser(out);
        for (Iterator<JsonNode> it = JSON.readValues(parser, JsonNode.class); it.hasNext(); ) {
            answers.add(it.next());
        }
        return answers;
    }
}
