package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.job.JobStart;
import io.courtside.job.JobStore;
import io.courtside.job.StaleWorkspaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jms.core.JmsTemplate;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A job message delivered again (the broker redelivers after a worker died; the queue held it twice) never
 * repeats an effect: outputs already uploaded are not uploaded again, the callback goes out once, and a job
 * whose attempts all died ends Failed instead of looping. The job states here are the ones a worker leaves in
 * the database when it dies at that point.
 */
class RedeliveryTest extends EndToEndTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JmsTemplate jms;
    @Autowired
    JobStore jobs;
    @Autowired
    CamelContext camel;
    @Autowired
    StaleWorkspaces staleWorkspaces;
    @Value("${courtside.queues.jobs}")
    String jobQueue;

    @Test
    void aFinishedJobDeliveredAgainUploadsNothingAndCallsBackOnce() throws Exception {
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/again.mp4");
        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/again/{index}.mp4\",\"Count\":2,\"Width\":320,"
                        + "\"Height\":180,\"MaxDuration\":4}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url("/again") + "\"}");
        String jobId = submitted.body().path("JobId").asText();
        JsonNode done = JobPolling.awaitEnd(rpc, jobId, Duration.ofMinutes(2));
        assertThat(done.path("Status").asText()).as("job %s", done).isEqualTo("Finished");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/again").size() == 1);
        HeadObjectResponse before = s3.headObject(b -> b.bucket("outputs").key("again/0.mp4"));

        NotifyBuilder redelivered = new NotifyBuilder(camel).fromRoute("process-job").whenDone(1).create();
        NotifyBuilder callbackTried = new NotifyBuilder(camel).fromRoute("send-callback").whenDone(1).create();
        jms.convertAndSend(jobQueue, jobId);
        assertThat(redelivered.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(callbackTried.matches(30, TimeUnit.SECONDS)).as("the callback was queued again").isTrue();

        // The send-callback route is done with it: a duplicate would have reached the receiver by now.
        assertThat(receiver.receivedAt("/again")).as("callbacks").hasSize(1);
        JsonNode after = job(jobId);
        assertThat(after.path("Attempts").asInt()).isEqualTo(1);
        assertThat(after.path("Status").asText()).isEqualTo("Finished");
        HeadObjectResponse now = s3.headObject(b -> b.bucket("outputs").key("again/0.mp4"));
        assertThat(now.eTag()).isEqualTo(before.eTag());
        assertThat(now.lastModified()).isEqualTo(before.lastModified());
    }

    @Test
    void aJobThatEndedWithoutQueueingItsCallbackGetsItOnceOnRedelivery() throws Exception {
        // The worker marked the job Finished, then died before its broker transaction (callback + ack) committed.
        String jobId = insertJob("/late");
        deadAttempt(jobId, "dead-worker");
        jobs.finish(jobId);

        NotifyBuilder redelivered = new NotifyBuilder(camel).fromRoute("process-job").whenDone(1).create();
        jms.convertAndSend(jobQueue, jobId);
        assertThat(redelivered.matches(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/late").size() == 1);
        NotifyBuilder redeliveredAgain = new NotifyBuilder(camel).fromRoute("process-job").whenDone(1).create();
        NotifyBuilder callbackTriedAgain = new NotifyBuilder(camel).fromRoute("send-callback").whenDone(1).create();
        jms.convertAndSend(jobQueue, jobId); // and once more: still one callback
        assertThat(redeliveredAgain.matches(30, TimeUnit.SECONDS)).isTrue();
        assertThat(callbackTriedAgain.matches(30, TimeUnit.SECONDS)).as("the callback was queued again").isTrue();
        assertThat(receiver.receivedAt("/late")).hasSize(1);
        assertThat(JSON.readTree(receiver.receivedAt("/late").get(0).body()).path("MessageBody").path("Status").asText())
                .isEqualTo("Finished");
    }

    @Test
    void theNextDeliveryOfAJobWhoseAttemptsAllDiedEndsItFailed() throws Exception {
        String jobId = insertJob("/doomed");
        for (int attempt = 1; attempt <= 3; attempt++) { // courtside.worker.max-attempts attempts, none ended
            deadAttempt(jobId, "crashing-worker");
        }
        Path leftovers = DATA_DIR.resolve("work").resolve(jobId);
        Files.createDirectories(leftovers);
        Files.writeString(leftovers.resolve("source"), "half a download");

        jms.convertAndSend(jobQueue, jobId);
        JsonNode failed = JobPolling.awaitEnd(rpc, jobId, Duration.ofSeconds(30));
        assertThat(failed.path("Status").asText()).isEqualTo("Failed");
        assertThat(failed.path("Extend").path("ErrorCode").asText()).isEqualTo(JobStart.ATTEMPTS_EXCEEDED);
        assertThat(failed.path("Extend").path("ErrorMessage").asText()).contains("courtside.worker.max-attempts");
        assertThat(failed.path("Attempts").asInt()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/doomed").size() == 1);
        assertThat(leftovers).doesNotExist();
    }

    @Test
    void workFoldersLeftByADeadRunAreRemovedAtStartUpExceptThoseOfJobsRunningElsewhere() throws Exception {
        String ended = insertJob("/x");
        deadAttempt(ended, "me");
        jobs.fail(ended, "InternalError", "test");
        String elsewhere = insertJob("/y");
        jobs.claim(elsewhere, "another-worker", "another-worker#1", OffsetDateTime.now().plusMinutes(5));
        String unknown = JobStore.newId();
        for (String id : new String[] {ended, elsewhere, unknown}) {
            Files.createDirectories(DATA_DIR.resolve("work").resolve(id));
            Files.writeString(DATA_DIR.resolve("work").resolve(id).resolve("highlight_0.mp4"), "partial");
        }
        staleWorkspaces.clean();
        assertThat(DATA_DIR.resolve("work").resolve(ended)).doesNotExist();
        assertThat(DATA_DIR.resolve("work").resolve(unknown)).doesNotExist();
        assertThat(DATA_DIR.resolve("work").resolve(elsewhere).resolve("highlight_0.mp4")).exists();
        jobs.fail(elsewhere, "InternalError", "test");
    }

    /** The state an attempt leaves when its worker died and its lease ran out. */
    private void deadAttempt(String jobId, String workerId) {
        assertThat(jobs.claim(jobId, workerId, workerId + "#dead", OffsetDateTime.now().minusSeconds(1))).isPresent();
    }

    private String insertJob(String callbackPath) {
        return jobs.insert("test-caller", null,
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/none.mp4\"}",
                "{\"MediaURL\":\"s3://outputs/redelivery/" + callbackPath.substring(1) + "_{index}.mp4\"}",
                "{\"NotifyAddress\":\"" + receiver.url(callbackPath) + "\"}").jobId();
    }

    private JsonNode job(String jobId) throws Exception {
        return rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
    }
}
