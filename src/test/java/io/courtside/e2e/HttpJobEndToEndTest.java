package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CallbackReceiver;
import io.courtside.GameFixtures;
import io.courtside.MediaProbe;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.notify.CallbackSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.ResponseTransformer;

/**
 * The whole job life over HTTP: a synthetic game in the S3 server, an ICE submit, Count vertical highlight
 * videos in the S3 server, the job Finished, and one correctly signed callback at a real HTTP receiver.
 */
class HttpJobEndToEndTest extends EndToEndTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();




    @Test
    void gameInHighlightsOutCallbackOnce(@TempDir Path downloads) throws Exception {
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/e2e-http.mp4");
        String callbackUrl = receiver.url("/hooks/highlights");

        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "ClientToken", "e2e-http-1",
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\","
                        + "\"TransferNameRegister\":[{\"OriginalName\":\"Pacers\",\"TransferName\":\"印第安纳步行者\"},"
                        + "{\"OriginalName\":\"Celtics\",\"TransferName\":\"波士顿凯尔特人\"}]}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/e2e/highlight_{index}.mp4\",\"Count\":2,"
                        + "\"Width\":1080,\"Height\":1920,\"MaxDuration\":8}",
                "UserData", "{\"NotifyAddress\":\"" + callbackUrl + "\",\"Match\":\"demo\"}");
        assertThat(submitted.status()).isEqualTo(200);
        String jobId = submitted.body().path("JobId").asText();
        assertThat(jobId).matches("[0-9a-f]{32}");

        JsonNode job = JobPolling.awaitEnd(rpc, jobId, Duration.ofMinutes(3));
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
        assertThat(job.path("JobType").asText()).isEqualTo("Sports_Highlights");
        assertThat(job.path("Progress").asInt()).isEqualTo(100);
        assertThat(job.path("CompleteTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(job.path("UserData").asText()).contains("\"Match\":\"demo\"");
        JsonNode subJobs = job.path("SubJobList");
        assertThat(subJobs).hasSize(2);

        String[] digests = new String[2];
        for (int i = 0; i < 2; i++) {
            JsonNode sub = subJobs.get(i);
            assertThat(sub.path("Status").asText()).isEqualTo("Success");
            assertThat(sub.path("MediaURL").asText()).isEqualTo("s3://outputs/e2e/highlight_" + i + ".mp4");
            Path file = downloads.resolve("highlight_" + i + ".mp4");
            String key = "e2e/highlight_" + i + ".mp4";
            s3.getObject(b -> b.bucket("outputs").key(key), ResponseTransformer.toFile(file));
            MediaProbe probe = MediaProbe.of(file);
            assertThat(probe.width()).isEqualTo(1080);
            assertThat(probe.height()).isEqualTo(1920);
            assertThat(probe.videoCodec()).isEqualTo("h264");
            assertThat(probe.audioCodec()).isEqualTo("aac");
            assertThat(probe.audioChannels()).isEqualTo(2);
            assertThat(probe.durationSeconds()).isBetween(2.0, 8.1);
            assertThat(sub.path("Duration").asDouble()).isCloseTo(probe.durationSeconds(), org.assertj.core.data.Offset.offset(0.2));
            // Chinese team names make the commentary Chinese; the WebVTT captions lie beside the MP4.
            assertThat(sub.path("CaptionsURL").asText()).isEqualTo("s3://outputs/e2e/highlight_" + i + ".vtt");
            String vttKey = "e2e/highlight_" + i + ".vtt";
            String vtt = s3.getObjectAsBytes(b -> b.bucket("outputs").key(vttKey)).asUtf8String();
            assertThat(vtt).startsWith("WEBVTT").contains("印第安纳步行者 对阵").contains("波士顿凯尔特人").contains(" --> ");
            digests[i] = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        assertThat(digests[0]).as("the two outputs are different videos").isNotEqualTo(digests[1]);

        // one, and no duplicate within the next 1.5 s
        CallbackReceiver.Received callback = receiver.awaitOnlyOne("/hooks/highlights", Duration.ofSeconds(30),
                Duration.ofMillis(1500));
        long timestamp = Long.parseLong(callback.header("X-ICE-TIMESTAMP"));
        assertThat(callback.header("X-ICE-SIGNATURE"))
                .isEqualTo(CallbackSigner.iceSignature(callbackUrl, timestamp, TestKeys.ICE_CALLBACK_KEY));
        assertThat(callback.header("X-Courtside-Signature"))
                .isEqualTo(CallbackSigner.courtsideSignature(callback.body(), timestamp, TestKeys.HMAC_SECRET));
        JsonNode message = JSON.readTree(callback.body());
        assertThat(message.path("EventType").asText()).isEqualTo("SportsHighlightsComplete");
        JsonNode body = message.path("MessageBody");
        assertThat(body.path("JobId").asText()).isEqualTo(jobId);
        assertThat(body.path("Status").asText()).isEqualTo("Finished");
        assertThat(body.path("SubJobList")).hasSize(2);
        assertThat(body.path("UserData").asText()).contains(callbackUrl);

        // The same ClientToken later still names the same job, and starts nothing new.
        RpcClient.Answer again = rpc.call(RpcApi.SUBMIT, "ClientToken", "e2e-http-1",
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/e2e/other_{index}.mp4\",\"Count\":1}");
        assertThat(again.body().path("JobId").asText()).isEqualTo(jobId);
    }
}
