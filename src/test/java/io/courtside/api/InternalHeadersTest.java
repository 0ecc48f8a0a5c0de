package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;

/**
 * Camel reads some headers as instructions (CamelHttpResponseCode, CamelHttpUri, CamelJmsDestinationName,
 * CamelAwsS3Key...). Callers' HTTP headers, parameters and JMS properties with such names change nothing, are not
 * echoed back and cannot claim a caller identity.
 */
class InternalHeadersTest extends CourtsideTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/hdr/none.mp4\"}";
    private static final String OUTPUT = "{\"MediaURL\":\"s3://outputs/hdr/h.mp4\"}";

    @LocalServerPort
    int port;
    @Autowired
    JmsTemplate jms;

    @Test
    void camelHeadersOverHttpHaveNoEffect() throws Exception {
        RpcClient rpc = new RpcClient(port);
        Map<String, String> parameters = new LinkedHashMap<>(Map.of("Action", RpcApi.SUBMIT,
                "ClientToken", "hdr-" + System.nanoTime(), "InputConfig", INPUT, "OutputConfig", OUTPUT,
                "CamelHttpResponseCode", "302", "CamelAwsS3Key", "stolen/key.mp4"));
        parameters.put("CamelJmsDestinationName", "courtside.evil");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("CamelHttpResponseCode", "500")
                .header("CamelHttpUri", "http://169.254.169.254/latest/meta-data")
                .header("CamelAwsS3BucketName", "someone-elses")
                .header("CamelJmsDestinationName", "courtside.evil")
                .POST(HttpRequest.BodyPublishers.ofString(RpcClient.encode(rpc.sign("POST", parameters)))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        String jobId = JSON.readTree(response.body()).path("JobId").asText();
        assertThat(jobId).matches("[0-9a-f]{32}");
        assertThat(response.headers().map().keySet()).as("nothing of the request echoed back")
                .noneMatch(name -> name.toLowerCase().startsWith("camel") || name.equalsIgnoreCase("InputConfig")
                        || name.equalsIgnoreCase("Signature"));
        // The job was queued for the workers, not sent where a header pointed.
        jms.setReceiveTimeout(500);
        assertThat(jms.receive("courtside.evil")).isNull();
        JsonNode job = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
        assertThat(job.path("OutputConfig").asText()).contains("s3://outputs/hdr/h.mp4");
    }

    @Test
    void camelPropertiesOverJmsHaveNoEffectAndClaimNoCaller() throws Exception {
        String token = "hdr-jms-" + System.nanoTime();
        String submission = """
                {"ClientToken": "%s", "AccessKeyId": "%s", "CourtsideCaller": "%s",
                 "InputConfig": %s, "OutputConfig": %s}
                """.formatted(token, TestKeys.ACCESS_KEY_ID, TestKeys.ACCESS_KEY_ID, INPUT, OUTPUT);
        jms.setReceiveTimeout(Duration.ofSeconds(20).toMillis());
        Message reply = jms.sendAndReceive("courtside.submit", session -> {
            TextMessage message = session.createTextMessage(submission);
            message.setStringProperty("CamelJmsDestinationName", "courtside.evil");
            message.setStringProperty("CamelHttpUri", "http://169.254.169.254/");
            message.setStringProperty("CamelAwsS3Key", "stolen/key.mp4");
            message.setStringProperty("CourtsideCaller", TestKeys.ACCESS_KEY_ID);
            return message;
        });
        assertThat(reply).as("the reply still goes to JMSReplyTo").isInstanceOf(TextMessage.class);
        String jmsJob = JSON.readTree(((TextMessage) reply).getText()).path("JobId").asText();
        assertThat(jmsJob).matches("[0-9a-f]{32}");
        jms.setReceiveTimeout(500);
        assertThat(jms.receive("courtside.evil")).isNull();

        // The message claimed to be test-key; it was not: test-key's own job with that ClientToken is another one.
        String httpJob = new RpcClient(port).call(RpcApi.SUBMIT, "ClientToken", token, "InputConfig", INPUT,
                "OutputConfig", OUTPUT).body().path("JobId").asText();
        assertThat(httpJob).matches("[0-9a-f]{32}").isNotEqualTo(jmsJob);
    }
}
