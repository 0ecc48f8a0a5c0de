package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.MediaProbe;
import io.courtside.RpcClient;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Submission over JMS, as integration teams do it: a JSON message on the submit queue, the JobId on JMSReplyTo,
 * and the callback published to an MNS-style queue on the same broker.
 */
class JmsJobEndToEndTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;
    @Autowired
    S3Client s3;

    @BeforeEach
    void timeouts() {
        jms.setReceiveTimeout(Duration.ofSeconds(20).toMillis());
    }

    @Test
    void jmsSubmitRepliesAndNotifiesTheNamedQueue(@TempDir Path downloads) throws Exception {
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/e2e-jms.mp4");
        // JSON-valued parameters may be nested objects in a JMS message.
        String submission = """
                {"ClientToken": "e2e-jms-1",
                 "InputConfig": {"SportsCategory": "basketball", "InputMedia": "%s"},
                 "OutputConfig": {"MediaURL": "s3://outputs/jms/clip_{index}.mp4", "Count": 1, "Width": 640,
                                  "Height": 360, "MaxDuration": 6},
                 "UserData": "{\\"NotifyAddress\\": \\"ice-callback-e2e\\"}"}
                """.formatted(input);

        Message reply = jms.sendAndReceive("courtside.submit", session -> session.createTextMessage(submission));
        assertThat(reply).as("a reply on JMSReplyTo").isInstanceOf(TextMessage.class);
        JsonNode answer = JSON.readTree(((TextMessage) reply).getText());
        String jobId = answer.path("JobId").asText();
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThat(answer.path("RequestId").asText()).isNotBlank();

        jms.setReceiveTimeout(Duration.ofMinutes(2).toMillis());
        Message notified = jms.receive("ice-callback-e2e");
        assertThat(notified).as("callback on the MNS-style queue").isInstanceOf(TextMessage.class);
        JsonNode callback = JSON.readTree(((TextMessage) notified).getText());
        assertThat(callback.path("EventType").asText()).isEqualTo("SportsHighlightsComplete");
        assertThat(callback.path("MessageBody").path("JobId").asText()).isEqualTo(jobId);
        assertThat(callback.path("MessageBody").path("Status").asText()).isEqualTo("Finished");

        JsonNode job = JobPolling.awaitEnd(new RpcClient(port), jobId, Duration.ofSeconds(10));
        assertThat(job.path("Status").asText()).isEqualTo("Finished");
        Path file = downloads.resolve("clip_0.mp4");
        s3.getObject(b -> b.bucket("outputs").key("jms/clip_0.mp4"), ResponseTransformer.toFile(file));
        MediaProbe probe = MediaProbe.of(file);
        assertThat(probe.width()).isEqualTo(640);
        assertThat(probe.height()).isEqualTo(360);
        assertThat(probe.audioCodec()).isEqualTo("aac");
        assertThat(probe.durationSeconds()).isBetween(2.0, 6.1);

        // Same ClientToken over JMS: the same job again.
        Message again = jms.sendAndReceive("courtside.submit", session -> session.createTextMessage(submission));
        assertThat(JSON.readTree(((TextMessage) again).getText()).path("JobId").asText()).isEqualTo(jobId);
    }

    @Test
    void badMessagesGetAnErrorReplyAndTheServiceStaysUp() throws Exception {
        Message notJson = jms.sendAndReceive("courtside.submit", session -> session.createTextMessage("{not json"));
        JsonNode error = JSON.readTree(((TextMessage) notJson).getText());
        assertThat(error.path("Code").asText()).isEqualTo("InvalidParameter");
        assertThat(error.path("Message").asText()).contains("not valid JSON");

        Message missing = jms.sendAndReceive("courtside.submit",
                session -> session.createTextMessage("{\"OutputConfig\": {\"MediaURL\": \"s3://outputs/x.mp4\"}}"));
        JsonNode missingError = JSON.readTree(((TextMessage) missing).getText());
        assertThat(missingError.path("Code").asText()).isEqualTo("MissingParameter");
        assertThat(missingError.path("Message").asText()).contains("InputConfig");

        // A Camel header smuggled in a message must not steer the route.
        Message smuggled = jms.sendAndReceive("courtside.submit", session -> {
            var message = session.createTextMessage("{\"Action\": \"ListBatchMediaProducingJobs\"}");
            message.setStringProperty("CamelBeanMethodName", "toString");
            return message;
        });
        // The answer is JmsSubmissions' own (JMS only submits), not the output of a method the header named.
        JsonNode refused = JSON.readTree(((TextMessage) smuggled).getText());
        assertThat(refused.path("Code").asText()).as(refused.toString()).isEqualTo("InvalidAction.NotFound");
        assertThat(refused.path("Message").asText()).contains("SubmitSportsHighlightsJob");
    }
}
