package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Twenty callers racing with one ClientToken get one JobId, and exactly one job exists. */
class ClientTokenIdempotencyTest extends CourtsideTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient db;

    @Test
    void concurrentDuplicatesMakeOneJob() throws Exception {
        RpcClient rpc = new RpcClient(port);
        String token = "race-" + System.nanoTime();
        int callers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<RpcClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Callable<RpcClient.Answer> call = () -> {
                    start.await();
                    return rpc.call(RpcApi.SUBMIT, "ClientToken", token,
                            "InputConfig", SubmitValidationTest.input("basketball", "s3://courtside/games/race.mp4"),
                            "OutputConfig", "{\"MediaURL\":\"s3://outputs/race/h.mp4\"}");
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            Set<String> jobIds = answers.stream().map(f -> {
                try {
                    RpcClient.Answer answer = f.get();
                    assertThat(answer.status()).isEqualTo(200);
                    return answer.body().path("JobId").asText();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).collect(Collectors.toSet());
            assertThat(jobIds).hasSize(1);
            assertThat(db.sql("SELECT COUNT(*) FROM highlight_job WHERE client_token = ?").param(token)
                    .query(Long.class).single()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
