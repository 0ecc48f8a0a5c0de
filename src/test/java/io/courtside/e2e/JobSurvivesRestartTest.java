package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CourtsideApplication;
import io.courtside.CourtsideTestBase;
import io.courtside.CourtsideTestBase.TestKeys;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A job accepted while processing is paused (an API-only instance) is in the persistent broker journal and the
 * database; after the app stops and starts again with processing on, it completes.
 */
class JobSurvivesRestartTest {

    @Test
    void acceptedJobCompletesAfterRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("courtside-restart-");
        int s3Port = CourtsideTestBase.freePort();
        String jobId;

        try (ConfigurableApplicationContext apiOnly = start(dataDir, s3Port, false)) {
            String input = GameFixtures.uploadDemoGame(apiOnly.getBean(S3Client.class), "courtside", "games/restart.mp4");
            RpcClient rpc = new RpcClient(port(apiOnly));
            RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                    "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                    "OutputConfig", "{\"MediaURL\":\"s3://courtside/restart/out.mp4\",\"Width\":320,\"Height\":180,"
                            + "\"MaxDuration\":4}");
            jobId = submitted.body().path("JobId").asText();
            assertThat(jobId).matches("[0-9a-f]{32}");
            // The job waits as a message on the broker's job queue (a consumer holding it would hide it from a
            // browse), and nobody has started it.
            JmsTemplate jms = apiOnly.getBean(JmsTemplate.class);
            String queued = jobId;
            await("the job's message waiting on the queue").atMost(Duration.ofSeconds(10))
                    .until(() -> jms.browse("courtside.jobs", (session, browser) -> {
                        for (var messages = browser.getEnumeration(); messages.hasMoreElements(); ) {
                            if (queued.equals(((jakarta.jms.TextMessage) messages.nextElement()).getText())) {
                                return true;
                            }
                        }
                        return false;
                    }));
            JsonNode waiting = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
            assertThat(waiting.path("Status").asText()).as("nobody processes while paused").isEqualTo("Init");
        }

        try (ConfigurableApplicationContext worker = start(dataDir, s3Port, true)) {
            JsonNode job = JobPolling.awaitEnd(new RpcClient(port(worker)), jobId, Duration.ofMinutes(2));
            assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
            assertThat(job.path("SubJobList").get(0).path("Status").asText()).isEqualTo("Success");
            assertThat(worker.getBean(S3Client.class).headObject(b -> b.bucket("courtside").key("restart/out.mp4"))
                    .contentLength()).isPositive();
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, int s3Port, boolean worker) {
        return new SpringApplicationBuilder(CourtsideApplication.class).run(
                "--server.port=0",
                "--courtside.data-dir=" + dataDir,
                "--courtside.storage.embedded.port=" + s3Port,
                "--courtside.broker.tcp-acceptor=",
                "--courtside.worker.isolation=in-process",
                "--spring.artemis.embedded.server-id=" + CourtsideTestBase.uniqueBrokerId(),
                "--courtside.roles.worker=" + worker,
                "--courtside.security.access-keys=" + TestKeys.ACCESS_KEY_ID + ":" + TestKeys.ACCESS_KEY_SECRET);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
