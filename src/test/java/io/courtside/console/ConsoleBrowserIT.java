package io.courtside.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real browser: Debian's headless Chromium driven by playwright-core (both installed by
 * .ci/run) submits a local game through the console, waits for Finished, plays an output and finds the
 * timeline chart. Screenshots land in target/console-screenshots.
 */
class ConsoleBrowserIT {

    @Test
    void submitWatchAndPlayFromTheConsole() throws Exception {
        Path browserTests = Path.of("src/test/browser");
        assertThat(browserTests.resolve("node_modules/playwright-core")).as(
                "playwright-core: run npm ci --prefix src/test/browser (.ci/run does)").exists();
        assertThat(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))).as(
                "Chromium: apt-get install chromium (.ci/run does)").exists();
        Path root = Files.createTempDirectory("courtside-console-");
        Path screenshots = Files.createDirectories(Path.of("target/console-screenshots"));
        ServiceProcess described = ServiceProcess.embedded(root).readyWithin(Duration.ofMinutes(2));
        int port = described.httpPort();
        try (ChildJvm service = described.start()) {
            Path out = root.resolve("node.out");
            Process node = new ProcessBuilder("node", browserTests.resolve("console.mjs").toString(),
                    "http://127.0.0.1:" + port, screenshots.toAbsolutePath().toString(),
                    GameFixtures.demoGame().file().toString(), CourtsideTestBase.TestKeys.ACCESS_KEY_ID,
                    CourtsideTestBase.TestKeys.ACCESS_KEY_SECRET)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(node.waitFor(4, TimeUnit.MINUTES)).as("browser run finished").isTrue();
            String printed = Files.readString(out);
            assertThat(node.exitValue()).as("browser run:\n%s", printed).isZero();

            String summaryLine = printed.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
            JsonNode summary = new ObjectMapper().readTree(summaryLine);
            assertThat(summary.path("jobId").asText()).matches("[0-9a-f]{32}");
            assertThat(summary.path("videos").asInt()).isEqualTo(2);
            assertThat(summary.path("played").path("duration").asDouble()).isBetween(2.0, 6.2);
            assertThat(summary.path("played").path("currentTime").asDouble()).isGreaterThan(1.0);
            assertThat(summary.path("played").path("width").asInt()).isEqualTo(640);
            assertThat(summary.path("reasons").asInt()).isGreaterThanOrEqualTo(2);
            // The captions track came from the output's WebVTT, written in Chinese for the Chinese team names.
            assertThat(summary.path("captions")).isNotEmpty();
            assertThat(summary.path("captions").toString()).containsPattern("\\p{IsHan}");
            // The captions are burned into the picture: the player draws the track only when asked (no double captions).
            assertThat(summary.path("captionsShownAtFirst").asBoolean()).as("a track drawn at first").isFalse();
            assertThat(summary.path("captionsModeAtFirst").asText()).isEqualTo("hidden");
            assertThat(summary.path("captionsModeChosen").asText()).as("after ticking the choice").isEqualTo("showing");
            assertThat(summary.path("errors")).as("JavaScript errors and CSP violations").isEmpty();
            // The player's source is a short-lived /files link, not an API signature.
            assertThat(summary.path("link").asText()).startsWith("/files?url=").contains("&Expires=")
                    .doesNotContain("SignatureNonce");
            for (String shot : new String[] {"1-submit.png", "2-job.png", "3-jobs.png"}) {
                assertThat(Files.size(screenshots.resolve(shot))).isPositive();
            }
        }
    }
}
