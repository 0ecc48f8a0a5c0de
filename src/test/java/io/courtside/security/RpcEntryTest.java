package io.courtside.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The RPC entry at / (RpcEntryServlet): GET and POST only, answers as the API route leaves them. */
class RpcEntryTest extends CourtsideTestBase {

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void signedCallsWithOtherMethodsAreNotServed() throws Exception {
        RpcClient rpc = new RpcClient(port);
        HttpClient http = HttpClient.newHttpClient();
        for (String method : new String[] {"PUT", "DELETE", "PATCH"}) {
            // Signed for that method, so the gate admits it: the entry itself must refuse it.
            Map<String, String> signed = rpc.sign(method, Map.of("Action", RpcApi.LIST));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/?" + RpcClient.encode(signed))).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, POST");
            assertThat(response.body()).as(method).doesNotContain("EditingBatchJobList");
        }
    }

    @Test
    void getAndPostAnswerJson() throws Exception {
        RpcClient rpc = new RpcClient(port);
        RpcClient.Answer viaGet = rpc.get(Map.of("Action", RpcApi.LIST, "MaxResults", "1"));
        assertThat(viaGet.status()).isEqualTo(200);
        assertThat(viaGet.body().has("EditingBatchJobList")).isTrue();

        HttpResponse<String> viaPost = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(RpcClient.encode(rpc.sign("POST",
                        Map.of("Action", RpcApi.GET, "JobId", "0".repeat(32)))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(viaPost.statusCode()).isEqualTo(404);
        assertThat(viaPost.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(viaPost.body()).contains("\"Code\"");
    }

    @Test
    void apiCallsAreNotObservedAsHttpRequestsButOtherPathsAre() throws Exception {
        long before = httpServerRequests();
        assertThat(new RpcClient(port).get(Map.of("Action", RpcApi.LIST, "MaxResults", "1")).status()).isEqualTo(200);
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        // The observation is recorded after the answer is sent: wait for the health call's, then for any other.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> httpServerRequests() > before);
        Thread.sleep(300);
        assertThat(httpServerRequests()).as("only the health call is observed").isEqualTo(before + 1);
    }

    private long httpServerRequests() {
        return meters.find("http.server.requests").timers().stream().mapToLong(Timer::count).sum();
    }
}
