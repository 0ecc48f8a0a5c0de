package io.courtside.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.analysis.GameAnalysis;
import io.courtside.job.JobRecord;
import io.courtside.kernel.JobSpec;
import io.courtside.job.JobSpecParser;
import io.courtside.job.JobStore;
import io.courtside.job.Timelines;
import io.courtside.scoreboard.ScoreRegion;
import io.courtside.scoreboard.ScoreState;
import io.courtside.scoreboard.ScoreTimeline;
import io.courtside.scoreboard.Scoring;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.ScoreFixtures;
import io.courtside.selection.SegmentSelector;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * GetBatchMediaProducingJob shows the score bug and every score state in ExtendOutput, and each clip's score: a
 * real submit over HTTP, the real parser, selector and timeline store (H2), a real Get. The analysis is built by
 * hand (the score bug reader is another part); nothing else is stubbed. The Get reads the stored timeline from the
 * database, so it shows the same after a restart.
 */
// Its own instance with no worker: the submitted job waits, and its timeline is the one this test stores.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScoresApiTest {

    @DynamicPropertySource
    static void instance(DynamicPropertyRegistry registry) throws Exception {
        CourtsideTestBase.registerInstance(registry, Files.createTempDirectory("courtside-scores-"),
                CourtsideTestBase.freePort());
        registry.add("courtside.roles.worker", () -> "false");
    }

    @LocalServerPort
    int port;
    @Autowired
    JobStore jobs;
    @Autowired
    JobSpecParser parser;
    @Autowired
    SegmentSelector selector;
    @Autowired
    Timelines timelines;

    private static final String NAMES = "\"TransferNameRegister\":[{\"OriginalName\":\"SA\",\"TransferName\":"
            + "\"San Antonio Spurs\"},{\"OriginalName\":\"OKC\",\"TransferName\":\"俄克拉荷马城雷霆\"},"
            + "{\"OriginalName\":\"IND\",\"TransferName\":\"Indiana Pacers\"}]";

    @Test
    void theScoreboardTheScoresAndEachClipsScoreAreInExtendOutput() throws Exception {
        JsonNode extend = analysed(ScoreFixtures.game(ScoreFixtures.SCORES), 60.0);

        JsonNode board = extend.path("Scoreboard");
        assertThat(board.path("Teams").toString()).isEqualTo("[\"SA\",\"OKC\"]");
        // Only the teams on the bug, named from TransferNameRegister (IND was registered but not read).
        assertThat(board.path("Names").toString())
                .isEqualTo("{\"SA\":\"San Antonio Spurs\",\"OKC\":\"俄克拉荷马城雷霆\"}");
        assertThat(board.path("Region").toString()).isEqualTo("[0.05,0.85,0.3,0.08]");

        JsonNode scores = extend.path("Scores");
        assertThat(scores).hasSize(4);
        assertThat(scores.get(0).toString()).isEqualTo("{\"Time\":2.0,\"Score\":{\"SA\":30,\"OKC\":30}}");
        assertThat(scores.get(1).toString())
                .isEqualTo("{\"Time\":23.5,\"Score\":{\"SA\":30,\"OKC\":32},\"Scoring\":{\"Team\":\"OKC\",\"Points\":2}}");
        assertThat(scores.get(3).path("Scoring").path("Points").asInt()).isEqualTo(3);

        List<JsonNode> clips = new ArrayList<>();
        extend.path("Clips").forEach(clips::add);
        JsonNode play = clips.stream().filter(c -> c.path("Start").asDouble() <= 47 && c.path("End").asDouble() > 47)
                .findFirst().orElseThrow();
        assertThat(play.path("Reason").asText()).startsWith("SA +3, 33-32, lead 1, lead change");
        assertThat(play.path("End").asDouble()).isEqualTo(49.0);
        assertThat(play.path("Events").path("Score").toString()).isEqualTo("{\"SA\":33,\"OKC\":32}");
        assertThat(play.path("Events").path("Scoring").toString()).isEqualTo("{\"Team\":\"SA\",\"Points\":3}");
        // A clip without a change: the score at its end, no Scoring.
        JsonNode quiet = clips.stream().filter(c -> c.path("Events").path("Scoring").isMissingNode())
                .filter(c -> c.path("Start").asDouble() >= 30).findFirst().orElseThrow();
        assertThat(quiet.path("Events").path("Score").isObject()).isTrue();
    }

    @Test
    void aStatesPeriodAndGamesAreEachInAFieldOfItsOwn() throws Exception {
        java.util.Map<String, Integer> first = new java.util.LinkedHashMap<>();
        first.put("SA", 30);
        first.put("OKC", 30);
        java.util.Map<String, Integer> second = new java.util.LinkedHashMap<>(first);
        second.put("OKC", 32);
        ScoreTimeline timeline = new ScoreTimeline(List.of("SA", "OKC"), new ScoreRegion(0.05, 0.85, 0.3, 0.08),
                List.of(new ScoreState(2.0, first, null, "1-0"), // a period shaped like games stays a period
                        new ScoreState(23.5, second, new Scoring("OKC", 2), "3RD", "1-0 4-3")),
                List.of(), List.of());

        JsonNode scores = analysed(ScoreFixtures.game(timeline), 60.0).path("Scores");

        assertThat(scores).hasSize(2);
        assertThat(scores.get(0).toString()).isEqualTo("{\"Time\":2.0,\"Score\":{\"SA\":30,\"OKC\":30},\"Period\":\"1-0\"}");
        assertThat(scores.get(1).toString()).isEqualTo("{\"Time\":23.5,\"Score\":{\"SA\":30,\"OKC\":32},"
                + "\"Scoring\":{\"Team\":\"OKC\",\"Points\":2},\"Period\":\"3RD\",\"Games\":\"1-0 4-3\"}");
    }

    @Test
    void aBugThatChangedFormListsEachFormInTimeOrderAndItsLongestAsTheRegion() throws Exception {
        ScoreRegion wide = new ScoreRegion(0.1, 0.8, 0.8, 0.12);
        ScoreRegion corner = new ScoreRegion(0.05, 0.05, 0.2, 0.06);
        ScoreTimeline timeline = ScoreTimeline.of(List.of("SA", "OKC"),
                List.of(new io.courtside.scoreboard.BugForm(6.2, 200, corner),
                        new io.courtside.scoreboard.BugForm(-0.5, 6.2, wide)),
                ScoreFixtures.SCORES.states(), List.of(), List.of());

        JsonNode board = analysed(ScoreFixtures.game(timeline), 60.0).path("Scoreboard");

        assertThat(board.path("Region").toString()).as("the form shown longest").isEqualTo("[0.05,0.05,0.2,0.06]");
        assertThat(board.path("Forms").toString()).as("clamped to the input's 120 s").isEqualTo(
                "[{\"From\":0.0,\"To\":6.2,\"Region\":[0.1,0.8,0.8,0.12]},"
                        + "{\"From\":6.2,\"To\":120.0,\"Region\":[0.05,0.05,0.2,0.06]}]");
        // one form only: no Forms
        JsonNode one = analysed(ScoreFixtures.game(ScoreFixtures.SCORES), 60.0).path("Scoreboard");
        assertThat(one.has("Forms")).isFalse();
    }

    @Test
    void noScoreBugGivesAnEmptyScoreboardNoScoresAndTheAnalysisWarning() throws Exception {
        String warning = "No score bug found: the commentary and selection use the crowd and motion only.";
        JsonNode extend = analysed(ScoreFixtures.game(ScoreTimeline.none(), warning), 30.0);
        assertThat(extend.path("Scoreboard").isObject()).isTrue();
        assertThat(extend.path("Scoreboard")).isEmpty();
        assertThat(extend.path("Scores").isArray()).isTrue();
        assertThat(extend.path("Scores")).isEmpty();
        List<String> warnings = new ArrayList<>();
        extend.path("Warnings").forEach(w -> warnings.add(w.asText()));
        assertThat(warnings).contains(warning);
        assertThat(extend.path("Clips")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.path("Events").has("Score")).isFalse();
            assertThat(c.path("Events").has("Scoring")).isFalse();
        });
    }

    /** Submits a job over HTTP, selects and stores its timeline from {@code analysis} as the route does, Gets it. */
    private JsonNode analysed(GameAnalysis analysis, double maxDuration) throws Exception {
        RpcClient client = new RpcClient(port);
        RpcClient.Answer submitted = client.call(RpcApi.SUBMIT, "ClientToken", "scores-" + System.nanoTime(),
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://courtside/b/game.mp4\","
                        + NAMES + "}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/b/h.mp4\",\"MaxDuration\":" + maxDuration + "}");
        assertThat(submitted.status()).as(submitted.body().toString()).isEqualTo(200);
        String jobId = submitted.body().path("JobId").asText();
        JobRecord record = jobs.find(jobId).orElseThrow();
        JobSpec spec = parser.parse(record.inputConfig(), record.outputConfig(), record.userData());
        List<HighlightPlan> plans = selector.select(analysis, spec);
        timelines.record(jobId, spec, analysis, plans);

        RpcClient.Answer got = client.call(RpcApi.GET, "JobId", jobId);
        assertThat(got.status()).as(got.body().toString()).isEqualTo(200);
        return got.body().path("EditingBatchJob").path("ExtendOutput");
    }
}
