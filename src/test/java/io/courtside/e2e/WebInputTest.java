package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CallbackReceiver;
import io.courtside.CallbackReceiver.Answer;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Input from an allow-listed web host is fetched; a redirect is never followed. */
class WebInputTest extends CourtsideTestBase {

    @LocalServerPort
    int port;
    CallbackReceiver media;

    @BeforeEach
    void serveMedia() throws Exception {
        media = new CallbackReceiver()
                .answer("/game.mp4", Answer.file(GameFixtures.demoGame().file()))
                .answer("/moved.mp4", Answer.redirect("http://169.254.169.254/latest/meta-data/"));
    }

    @AfterEach
    void stop() {
        media.close();
    }

    @Test
    void fetchesFromAnAllowListedHost() throws Exception {
        JsonNode job = run(media.url("/game.mp4"), "web/ok.mp4");
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
    }

    @Test
    void doesNotFollowRedirects() throws Exception {
        JsonNode job = run(media.url("/moved.mp4"), "web/moved.mp4");
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
