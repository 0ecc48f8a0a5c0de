package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** Jobs that cannot succeed end Failed with ICE's code, still notify, write no output and leave no temp files. */
class FailedJobTest extends EndToEndTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();




    @Test
    void missingInputEndsNotFound() throws Exception {
        JsonNode job = runToEnd("s3://courtside/games/never-uploaded.mp4", "missing");
        assertThat(job.path("Status").asText()).isEqualTo("Failed");
        assertThat(job.path("Extend").path("ErrorCode").asText()).isEqualTo("InvalidMaterial.NotFound");
        assertThat(job.path("Extend").path("ErrorMessage").asText()).contains("does not exist");
        assertFailureCallback(job, "/missing", "InvalidMaterial.NotFound");
        assertNoOutputs("failed/missing_");
    }

    @Test
    void fileThatIsNotVideoEndsContentBad() throws Exception {
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        s3.putObject(b -> b.bucket("courtside").key("games/noise.mp4"), RequestBody.fromBytes(noise));
        JsonNode job = runToEnd("s3://courtside/games/noise.mp4", "noise");
        assertThat(job.path("Status").asText()).isEqualTo("Failed");
        assertThat(job.path("Extend").path("ErrorCode").asText()).isEqualTo("InvalidParameter.ResourceContentBad");
        assertFailureCallback(job, "/noise", "InvalidParameter.ResourceContentBad");
        assertNoOutputs("failed/noise_");
        Path workDir = DATA_DIR.resolve("work").resolve(job.path("JobId").asText());
        assertThat(Files.exists(workDir)).as("work folder of the failed job is cleaned").isFalse();
    }

    private JsonNode runToEnd(String input, String name) throws Exception {
        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"pingpong\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/failed/" + name + "_{index}.mp4\",\"Count\":2}",
                "UserData", "{\"NotifyAddress\":\"" + receiver.url("/" + name) + "\"}");
        assertThat(submitted.status()).isEqualTo(200);
        return JobPolling.awaitEnd(rpc, submitted.body().path("JobId").asText(), Duration.ofMinutes(1));
    }

    private void assertFailureCallback(JsonNode job, String path, String code) throws Exception {
        JsonNode body = JSON.readTree(receiver.awaitOnlyOne(path, Duration.ofSeconds(20), Duration.ofSeconds(1)).body())
                .path("MessageBody");
        assertThat(body.path("JobId").asText()).isEqualTo(job.path("JobId").asText());
        assertThat(body.path("Status").asText()).isEqualTo("Failed");
        assertThat(body.path("ErrorCode").asText()).isEqualTo(code);
    }

    private void assertNoOutputs(String prefix) {
        assertThat(s3.listObjectsV2(b -> b.bucket("outputs").prefix(prefix)).contents()).isEmpty();
    }
}
