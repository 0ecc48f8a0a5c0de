package io.courtside.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.demo.DemoGame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The game read end to end: a game whose score bug changes three times goes through the whole job life; the Get
 * API shows the bug, the teams' transferred names and every score state, the clips carry the score, and the
 * captions tell the score with the transferred names (the register's "o.k.c." names the bug's "OKC").
 */
class ScoreJobEndToEndTest extends EndToEndTestBase {

    @Test
    void theScoreIsReadShownAndTold(@TempDir Path dir) throws Exception {
        Path game = dir.resolve("game.mp4");
        DemoGame.write(game); // SA 34-36 OKC, then 36-36 at 4.6 s, 36-39 at 14.8 s, 38-39 at 24.9 s
        s3.putObject(b -> b.bucket("courtside").key("games/score-e2e.mp4"), RequestBody.fromFile(game));

        RpcClient.Answer submitted = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/games/score-e2e.mp4\","
                        + "\"TransferNameRegister\":[{\"OriginalName\":\"SA\",\"TransferName\":\"San Antonio Spurs\"},"
                        + "{\"OriginalName\":\"o.k.c.\",\"TransferName\":\"Oklahoma City Thunder\"}]}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/score-e2e/h_{index}.mp4\",\"Count\":1,"
                        + "\"Width\":360,\"Height\":640,\"MaxDuration\":12}");
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
        String jobId = submitted.body().path("JobId").asText();
        JsonNode job = JobPolling.awaitEnd(rpc, jobId, Duration.ofMinutes(3));
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");

        JsonNode extend = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob").path("ExtendOutput");
        JsonNode board = extend.path("Scoreboard");
        assertThat(board.path("Teams").toString()).isEqualTo("[\"SA\",\"OKC\"]");
        assertThat(board.path("Names").path("OKC").asText()).isEqualTo("Oklahoma City Thunder");
        // the bug: a 300x36 bar centred at the bottom of 640x360
        assertThat(board.path("Region").get(0).asDouble()).isBetween(0.2, 0.3);
        assertThat(board.path("Region").get(1).asDouble()).isBetween(0.8, 0.9);

        JsonNode scores = extend.path("Scores");
        assertThat(scores).hasSize(4);
        assertThat(scores.get(0).path("Score").toString()).isEqualTo("{\"SA\":34,\"OKC\":36}");
        assertThat(scores.get(2).path("Score").toString()).isEqualTo("{\"SA\":36,\"OKC\":39}");
        assertThat(scores.get(2).path("Scoring").toString()).isEqualTo("{\"Team\":\"OKC\",\"Points\":3}");
        assertThat(scores.get(2).path("Time").asDouble()).isCloseTo(14.8, within(1.0));
        assertThat(scores.get(3).path("Score").toString()).isEqualTo("{\"SA\":38,\"OKC\":39}");
        assertThat(scores.get(3).path("Time").asDouble()).isCloseTo(24.9, within(1.0));

        assertThat(extend.path("Clips")).isNotEmpty().allSatisfy(c ->
                assertThat(c.path("Events").path("Score").isObject()).as("clip %s", c).isTrue());
        assertThat(extend.path("Clips")).anySatisfy(c ->
                assertThat(c.path("Events").path("Scoring").isObject()).as("a scoring play in %s", c).isTrue());

        String vtt = s3.getObjectAsBytes(b -> b.bucket("outputs").key("score-e2e/h_0.vtt")).asUtf8String();
        assertThat(vtt).containsAnyOf("San Antonio Spurs", "Oklahoma City Thunder").containsAnyOf("39", "thirty-nine");
        // the standing score with both names, though the register spells OKC as "o.k.c."
        assertThat(vtt).contains("San Antonio Spurs").contains("Oklahoma City Thunder").doesNotContain("OKC");
    }
}
