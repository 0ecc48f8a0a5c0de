package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.CourtsideTestBase.TestKeys;
import io.courtside.RpcClient;
import io.courtside.job.JobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bound on waiting jobs (courtside.api.max-queued-jobs) holds under concurrent submits: many callers at once,
 * over real HTTP, and exactly the bound is accepted. No worker runs here, so accepted jobs stay waiting.
 */
// Its own instance (own data folder, store port and broker id) beside the shared one of CourtsideTestBase.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueuedJobsBoundTest {

    private static final int BOUND = 4;

    @DynamicPropertySource
    static void bound(DynamicPropertyRegistry registry) throws Exception {
        CourtsideTestBase.registerInstance(registry, Files.createTempDirectory("courtside-bound-"),
                CourtsideTestBase.freePort());
        registry.add("courtside.roles.worker", () -> "false");
        registry.add("courtside.api.max-queued-jobs", () -> Integer.toString(BOUND));
    }

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Test
    void concurrentSubmitsCannotPassTheBoundTogether() throws Exception {
        // Several rounds, each emptied by canceling what it accepted: a race that lets one submit too many through
        // shows up in one of them.
        for (int round = 0; round < 3; round++) {
            List<String> accepted = submitAtOnce(40, round);
            assertThat(accepted).as("round " + round + ": accepted of 40 concurrent submits").hasSize(BOUND);
            assertThat(jobs.countWaiting()).isEqualTo(BOUND);
            RpcClient operator = new RpcClient(port);
            for (String jobId : accepted) {
                assertThat(operator.call(RpcApi.CANCEL, "JobId", jobId).status()).isEqualTo(200);
            }
            assertThat(jobs.countWaiting()).isZero();
        }
    }

    /** Fires {@code submits} submits at once from two callers; answers the JobIds accepted. */
    private List<String> submitAtOnce(int submits, int round) throws Exception {
        List<RpcClient> callers = List.of(new RpcClient(port),
                new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET));
        ExecutorService pool = Executors.newFixedThreadPool(submits);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RpcClient.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < submits; i++) {
                RpcClient caller = callers.get(i % callers.size());
                String token = "bound-" + round + "-" + i + "-" + System.nanoTime();
                answers.add(pool.submit(() -> {
                    start.await();
                    return caller.call(RpcApi.SUBMIT, "ClientToken", token,
                            "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/b/none.mp4\"}",
                            "OutputConfig", "{\"MediaURL\":\"s3://outputs/b/h.mp4\"}");
                }));
            }
            start.countDown();
            List<String> accepted = new ArrayList<>();
            for (Future<RpcClient.Answer> answer : answers) {
                RpcClient.Answer a = answer.get();
                if (a.status() == 200) {
                    accepted.add(a.body().path("JobId").asText());
                } else {
                    assertThat(a.status()).as(a.body().toString()).isEqualTo(429);
                    assertThat(a.code()).isEqualTo("QuotaExceeded.QueuedJobs");
                }
            }
            return accepted;
        } finally {
            pool.shutdownNow();
        }
    }
}
