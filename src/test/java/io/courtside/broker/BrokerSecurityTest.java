package io.courtside.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CourtsideTestBase;
import io.courtside.CourtsideTestBase.TestKeys;
import io.courtside.job.JobRecord;
import io.courtside.job.JobStore;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded broker's TCP acceptor, reached as another process would: an Artemis JMS client over TCP. No
 * anonymous or wrong-password connection gets in; a broker user may only send to the submit queue (and read its
 * own temporary reply queue); its submissions run as the caller {@code jms:<user>}, whatever the message claims;
 * and JMS takes submissions only.
 */
// Its own instance (own data folder, store port, broker id and a TCP acceptor on a free port).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrokerSecurityTest {

    static int brokerPort;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMISSION = """
            {"ClientToken": "%s", "InputConfig": {"SportsCategory": "basketball",
             "InputMedia": "s3://courtside/b/none.mp4"}, "OutputConfig": {"MediaURL": "s3://outputs/b/h.mp4"}}""";

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("courtside-broker-security-");
        int s3Port = CourtsideTestBase.freePort();
        brokerPort = CourtsideTestBase.freePort();
        registry.add("courtside.data-dir", dataDir::toString);
        registry.add("courtside.storage.embedded.port", () -> s3Port);
        registry.add("courtside.storage.embedded.buckets", () -> "courtside,outputs");
        registry.add("courtside.broker.tcp-acceptor", () -> "tcp://127.0.0.1:" + brokerPort);
        registry.add("courtside.broker.users", () -> "alice:alice-secret,bob:bob-secret");
        int brokerId = CourtsideTestBase.uniqueBrokerId();
        registry.add("spring.artemis.embedded.server-id", () -> brokerId);
        // No worker: accepted jobs stay waiting, so this test needs no media.
        registry.add("courtside.roles.worker", () -> "false");
        registry.add("courtside.security.access-keys", () -> TestKeys.ACCESS_KEY_ID + ":" + TestKeys.ACCESS_KEY_SECRET);
    }

    @Autowired
    JobStore jobs;

    private ActiveMQConnectionFactory tcp() {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
    }

    @Test
    void anonymousAndWrongPasswordConnectionsAreRefused() {
        assertThatThrownBy(() -> {
            try (Connection c = tcp().createConnection()) {
                c.start();
            }
        }).as("no user").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> {
            try (Connection c = tcp().createConnection("alice", "not-her-password")) {
                c.start();
            }
        }).as("wrong password").isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> {
            try (Connection c = tcp().createConnection("mallory", "alice-secret")) {
                c.start();
            }
        }).as("unknown user").isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aBrokerUserSubmitsAsItselfWhateverTheMessageClaims() throws Exception {
        String token = "broker-sec-" + System.nanoTime();
        JsonNode alice = submit("alice", "alice-secret", SUBMISSION.formatted(token), message -> {
            message.setStringProperty("JMSXUserID", "bob");
            message.setStringProperty("_AMQ_VALIDATED_USER", "bob");
            message.setStringProperty("CourtsideCaller", TestKeys.ACCESS_KEY_ID);
        });
        String jobId = alice.path("JobId").asText();
        assertThat(jobId).as(alice.toString()).matches("[0-9a-f]{32}");
        JobRecord job = jobs.find(jobId).orElseThrow();
        assertThat(job.callerId()).as("the broker user, not what the message set").isEqualTo("jms:alice");

        // ClientTokens are per broker user: the same token from bob is another job; from alice again, the same.
        JsonNode bob = submit("bob", "bob-secret", SUBMISSION.formatted(token), message -> { });
        assertThat(bob.path("JobId").asText()).matches("[0-9a-f]{32}").isNotEqualTo(jobId);
        assertThat(jobs.find(bob.path("JobId").asText()).orElseThrow().callerId()).isEqualTo("jms:bob");
        JsonNode again = submit("alice", "alice-secret", SUBMISSION.formatted(token), message -> { });
        assertThat(again.path("JobId").asText()).isEqualTo(jobId);
    }

    @Test
    void jmsTakesSubmissionsOnly() throws Exception {
        JsonNode answer = submit("alice", "alice-secret", "{\"Action\": \"ListBatchMediaProducingJobs\"}", m -> { });
        assertThat(answer.path("Code").asText()).as(answer.toString()).isEqualTo("InvalidAction.NotFound");
        assertThat(answer.path("Message").asText()).contains("SubmitSportsHighlightsJob");
        answer = submit("alice", "alice-secret", "{\"Action\": \"CancelBatchMediaProducingJob\", \"JobId\": \"x\"}",
                m -> { });
        assertThat(answer.path("Code").asText()).isEqualTo("InvalidAction.NotFound");
    }

    @Test
    void aBrokerUserCannotReadOrWriteTheServicesQueues() throws Exception {
        try (Connection c = tcp().createConnection("alice", "alice-secret")) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String queue : new String[] {"courtside.jobs", "courtside.callbacks", "DLQ",
                    "courtside.callbacks.DLQ", "courtside.submit"}) {
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(queue)).close())
                        .as("consume from " + queue).isInstanceOf(JMSSecurityException.class);
                assertThatThrownBy(() -> session.createBrowser(session.createQueue(queue)).getEnumeration())
                        .as("browse " + queue).isInstanceOf(JMSException.class);
            }
            for (String queue : new String[] {"courtside.jobs", "courtside.callbacks", "DLQ", "courtside.evil"}) {
                assertThatThrownBy(() -> {
                    try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                        producer.send(session.createTextMessage("0123456789abcdef0123456789abcdef"));
                    }
                }).as("send to " + queue).isInstanceOf(JMSSecurityException.class);
            }
        }
    }

    interface Dressing {
        void dress(TextMessage message) throws JMSException;
    }

    private JsonNode submit(String user, String password, String body, Dressing dressing) throws Exception {
        try (Connection c = tcp().createConnection(user, password)) {
            c.start();
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage message = session.createTextMessage(body);
            message.setJMSReplyTo(replies);
            dressing.dress(message);
            try (MessageProducer producer = session.createProducer(session.createQueue("courtside.submit"));
                 MessageConsumer consumer = session.createConsumer(replies)) {
                producer.send(message);
                Message reply = consumer.receive(20_000);
                assertThat(reply).as("a reply on JMSReplyTo").isInstanceOf(TextMessage.class);
                return JSON.readTree(((TextMessage) reply).getText());
            }
        }
    }
}
