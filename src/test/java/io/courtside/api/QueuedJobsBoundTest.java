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
        registry.add("spring.artemis.embedded.server-id", () -> "17");
        registry.add("courtside.roles.worker", () -> "false");
        registry.add("courtside.api.max-queued-jobs", () -> Integer.toString(BOUND));
    }

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Test
    void concurrentSubmitsCannotPassTheBoundTogether() throws Exception {
        int submits = 40;
        List<RpcClient> callers = List.of(new RpcClient(port),
                new RpcClient(port, TestKeys.OTHER_KEY_ID, TestKeys.OTHER_KEY_SECRET));
        ExecutorService pool = Executors.newFixedThreadPool(submits);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RpcClient.Answer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < submits; i++) {
                RpcClient caller = callers.get(i % callers.size());
                String token = "bound-" + i + "-" + System.nanoTime();
                answers.add(pool.submit(() -> {
                    start.await();
                    return caller.call(RpcApi.SUBMIT, "ClientToken", token,
                            "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/b/none.mp4\"}",
                            "OutputConfig", "{\"MediaURL\":\"s3://outputs/b/h.mp4\"}");
                }));
            }
            start.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<RpcClient.Answer> answer : answers) {
                RpcClient.Answer a = answer.get();
                if (a.status() == 200) {
                    accepted++;
                } else {
                    assertThat(a.status()).as(a.body().toString()).isEqualTo(429);
                    assertThat(a.code()).isEqualTo("QuotaExceeded.QueuedJobs");
                    refused++;
                }
            }
            assertThat(accepted).as("accepted of " + submits + " concurrent submits").isEqualTo(BOUND);
            assertThat(refused).isEqualTo(submits - BOUND);
            assertThat(jobs.countWaiting()).isEqualTo(BOUND);
        } finally {
            pool.shutdownNow();
        }
    }
}
