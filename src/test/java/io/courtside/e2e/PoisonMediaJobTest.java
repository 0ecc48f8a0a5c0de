package io.courtside.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.CallbackReceiver;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Jobs whose input is an HLS playlist or an ffconcat list uploaded as game.mp4, naming a URL on a local web
 * server and a real video next to it in the store: the job fails with ResourceContentBad and its callback, the
 * web server is never asked for anything, and no output is written.
 */
class PoisonMediaJobTest extends EndToEndTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void playlistsPosingAsMp4FailTheJobWithoutOpeningWhatTheyName() throws Exception {
        CallbackReceiver web = new CallbackReceiver()
                .answerAll(CallbackReceiver.Answer.file(GameFixtures.demoGame().file()));
        try {
            String http = web.url("");
            GameFixtures.uploadDemoGame(s3, "courtside", "poison/other.mp4");
            String[] posing = {
                    "#EXTM3U\n#EXT-X-TARGETDURATION:30\n#EXTINF:30.0,\n" + http + "/seg.ts\n#EXT-X-ENDLIST\n",
                    "#EXTM3U\n#EXT-X-TARGETDURATION:30\n#EXTINF:30.0,\nother.mp4\n#EXT-X-ENDLIST\n",
                    "ffconcat version 1.0\nfile " + http + "/game.mp4\n",
                    "ffconcat version 1.0\nfile other.mp4\n"};
            for (int n = 0; n < posing.length; n++) {
                final int i = n;
                String key = "poison/" + i + "/game.mp4";
                s3.putObject(b -> b.bucket("courtside").key(key), RequestBody.fromBytes(posing[i].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                String name = "poison" + i;
                RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                        "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/" + key + "\"}",
                        "OutputConfig", "{\"MediaURL\":\"s3://outputs/poison/" + name + "_{index}.mp4\"}",
                        "UserData", "{\"NotifyAddress\":\"" + receiver.url("/" + name) + "\"}");
                JsonNode job = JobPolling.awaitEnd(rpc, submitted.body().path("JobId").asText(), Duration.ofMinutes(1));
                assertThat(job.path("Status").asText()).as(posing[i]).isEqualTo("Failed");
                assertThat(job.path("Extend").path("ErrorCode").asText()).isEqualTo("InvalidParameter.ResourceContentBad");
                assertThat(job.path("Extend").path("ErrorMessage").asText()).contains("Playlists");
                await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedAt("/" + name).size() == 1);
                assertThat(JSON.readTree(receiver.receivedAt("/" + name).get(0).body()).path("MessageBody")
                        .path("ErrorCode").asText()).isEqualTo("InvalidParameter.ResourceContentBad");
            }
            assertThat(web.requests()).as("requests that reached the web server").isEmpty();
            assertThat(s3.listObjectsV2(b -> b.bucket("outputs").prefix("poison/")).contents()).isEmpty();
        } finally {
            web.close();
        }
    }
}
