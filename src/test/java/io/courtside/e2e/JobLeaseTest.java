package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CallbackReceiver;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.broker.DeadLetters;
import io.courtside.job.JobFailures;
import io.courtside.job.JobStart;
import io.courtside.job.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Job leases on the real broker and database. Two deliveries of one job at once (two consumers) run it once.
 * A job whose failure handler also fails (recording the failure throws, as when the database is down) is rolled
 * back and dead-lettered by the broker; instead of staying Processing for ever, the sweeper queues it again, or
 * ends it Failed when its attempts are used up.
 */
// Its own instance: two consumers, one delivery attempt per message, short leases and a quick sweeper.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobLeaseTest {

    @DynamicPropertySource
    static void leases(DynamicPropertyRegistry registry) throws Exception {
        CourtsideTestBase.registerInstance(registry, Files.createTempDirectory("courtside-lease-"),
                CourtsideTestBase.freePort());
        registry.add("courtside.worker.concurrency", () -> "2");
        registry.add("courtside.broker.max-delivery-attempts", () -> "1");
        registry.add("courtside.worker.max-attempts", () -> "2");
        registry.add("courtside.worker.lease", () -> "3s");
        registry.add("courtside.worker.lease-renew-interval", () -> "500ms");
        registry.add("courtside.worker.lease-sweep-interval", () -> "500ms");
        registry.add("courtside.worker.lease-sweep-grace", () -> "1s");
    }

    /** Input markers of jobs whose failures cannot be recorded (recording throws, as with the database down), with
     * how many times. */
    static final Map<String, AtomicInteger> UNRECORDABLE = new ConcurrentHashMap<>();

    @MockitoSpyBean
    JobFailures failures;
    @Autowired
    JobStore jobs;
    @Autowired
    JmsTemplate jms;
    @Autowired
    CamelContext camel;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    S3Client s3;
    @LocalServerPort
    int port;
    RpcClient rpc;
    CallbackReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        rpc = new RpcClient(port);
        receiver = new CallbackReceiver();
        doThrow(new IllegalStateException("database unreachable (test)")).when(failures)
                .record(argThat(this::unrecordable), any());
    }

    private boolean unrecordable(String jobId) {
        String input = jobs.find(jobId).map(job -> job.inputConfig()).orElse("");
        for (String marker : UNRECORDABLE.keySet()) {
            if (input.contains(marker)) {
                return UNRECORDABLE.get(marker).getAndDecrement() > 0;
            }
        }
        return false;
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void twoDeliveriesOfOneJobAtOnceRunItOnce() throws Exception {
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/lease.mp4");
        NotifyBuilder bothDeliveries = new NotifyBuilder(camel).fromRoute("process-job").whenDone(2).create();
        String jobId = submit(input, "/twice");
        jms.convertAndSend("courtside.jobs", jobId); // a second delivery while the first runs

        JsonNode done = JobPolling.awaitEnd(rpc, jobId, Duration.ofMinutes(2));
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        assertThat(done.path("Attempts").asInt()).as("claimed once").isEqualTo(1);
        assertThat(bothDeliveries.matches(30, TimeUnit.SECONDS)).as("both deliveries done with").isTrue();
        receiver.awaitOnlyOne("/twice", Duration.ofSeconds(20), Duration.ofSeconds(2));
    }

    @Test
    void aJobWhoseFailureCannotBeRecordedIsSweptBackAndEndsOnItsNextAttempt() throws Exception {
        String jobId = submitUnrecordable("/swept", 1);
        assertThat(deadLetter(jobId)).as("the broker gave up on its message").isTrue();

        JsonNode ended = JobPolling.awaitEnd(rpc, jobId, Duration.ofSeconds(60));
        assertThat(ended.path("Status").asText()).as("job %s", ended).isEqualTo("Failed");
        assertThat(ended.path("Extend").path("ErrorCode").asText()).as("the second attempt's own failure")
                .isNotEqualTo(JobStart.ATTEMPTS_EXCEEDED);
        assertThat(ended.path("Attempts").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/swept").size() == 1);
    }

    @Test
    void aJobWhoseEveryAttemptLeftItProcessingEndsFailedWhenItsAttemptsAreUsedUp() throws Exception {
        // Neither the first attempt nor the second (after the sweep) can record its failure.
        String jobId = submitUnrecordable("/exhausted", 2);
        assertThat(deadLetter(jobId)).isTrue();

        JsonNode ended = JobPolling.awaitEnd(rpc, jobId, Duration.ofSeconds(60));
        assertThat(ended.path("Status").asText()).as("job %s", ended).isEqualTo("Failed");
        assertThat(ended.path("Extend").path("ErrorCode").asText()).isEqualTo(JobStart.ATTEMPTS_EXCEEDED);
        assertThat(ended.path("Attempts").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/exhausted").size() == 1);
    }

    /** A job that fails at once (its input does not exist) and whose first {@code times} failures cannot be recorded. */
    private String submitUnrecordable(String callbackPath, int times) throws Exception {
        String marker = "none-" + JobStore.newId();
        UNRECORDABLE.put(marker, new AtomicInteger(times));
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/" + marker
                        + ".mp4\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/lease/{index}.mp4\",\"Width\":320,\"Height\":180,"
                        + "\"MaxDuration\":4}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url(callbackPath) + "\"}");
        return answer.body().path("JobId").asText();
    }

    private String submit(String input, String callbackPath) throws Exception {
        return rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/lease/{index}.mp4\",\"Width\":320,\"Height\":180,"
                        + "\"MaxDuration\":4}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url(callbackPath) + "\"}").body().path("JobId").asText();
    }

    private boolean deadLetter(String jobId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(DeadLetters.Kind.Jobs, 100).stream()
                .anyMatch(letter -> letter.jobId().equals(jobId)));
        return true;
    }
}
