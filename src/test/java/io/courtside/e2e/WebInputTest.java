package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Input from an allow-listed web host is fetched; a redirect is never followed. */
class WebInputTest extends CourtsideTestBase {

    @LocalServerPort
    int port;
    HttpServer media;

    @BeforeEach
    void serveMedia() throws Exception {
        media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        media.createContext("/game.mp4", exchange -> {
            byte[] game = Files.readAllBytes(GameFixtures.demoGame().file());
            exchange.sendResponseHeaders(200, game.length);
            exchange.getResponseBody().write(game);
            exchange.close();
        });
        media.createContext("/moved.mp4", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        media.start();
    }

    @AfterEach
    void stop() {
        media.stop(0);
    }

    @Test
    void fetchesFromAnAllowListedHost() throws Exception {
        JsonNode job = run("http://127.0.0.1:" + media.getAddress().getPort() + "/game.mp4", "web/ok.mp4");
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        JsonNode job = run("http://127.0.0.1:" + media.getAddress().getPort() + "/moved.mp4", "web/moved.mp4");
        assertThat(job.path("Status").asText()).isEqualTo("Failed");
        assertThat(job.path("Extend").path("ErrorMessage").asText()).contains("HTTP 302", "not followed");
    }

    private JsonNode run(String input, String output) throws Exception {
        RpcClient rpc = new RpcClient(port);
        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/" + output + "\",\"Width\":320,\"Height\":180,\"MaxDuration\":3}");
        assertThat(submitted.status()).as("answer %s", submitted.body()).isEqualTo(200);
        return JobPolling.awaitEnd(rpc, submitted.body().path("JobId").asText(), Duration.ofMinutes(1));
    }
}
