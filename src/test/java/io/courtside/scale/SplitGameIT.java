package io.courtside.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.ExternalCluster;
import io.courtside.RpcClient;
import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.analysis.RegisteredMedia;
import io.courtside.analysis.ReplayAndPlayerTest;
import io.courtside.analysis.ReplayBounds;
import io.courtside.analysis.Transition;
import io.courtside.api.RpcApi;
import io.courtside.config.CourtsideProperties;
import io.courtside.demo.SyntheticGame;
import io.courtside.kernel.JobSpec;
import io.courtside.kernel.StageProgress;
import io.courtside.selection.HighlightPlan;
import io.courtside.selection.Segment;
import io.courtside.selection.SegmentSelector;
import io.courtside.selection.SportProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One long game on every worker. A standalone broker, S3 server and PostgreSQL (ExternalCluster), the packaged jar
 * as an API process and two worker processes that split anything over 20 s in ranges of 9 s and render a job's
 * outputs apart. The game (36 s: two replays with their logos flying over range borders, a dissolve on a border, a
 * flash) is split in 4 ranges that both workers take, and its two outputs are rendered one on each worker; the
 * job's stored timeline (shots to the frame with their motion, transitions, replays, logo appearances) and its
 * chosen clips (times, reasons) equal one pass and one selection over the same game in this JVM. Then a worker is
 * killed while it analyses a range: the range is delivered to the other, and the job still ends with the one-pass
 * timeline. (SplitAnalysisTest compares every field of the two analyses in one process, OutputsApartTest the
 * outputs rendered apart with those rendered in one worker.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitGameIT {

    private static final String OUTPUT = "\"Count\":2,\"Width\":320,\"Height\":180,\"MaxDuration\":8";
    private static final Pattern RANGE_TAKEN = Pattern.compile("Range (\\d) of 4 of job (\\w+): analysing");

    static Path root;
    static ExternalCluster cluster;
    static ChildJvm api;
    static final Map<String, ChildJvm> workers = new ConcurrentHashMap<>();
    static RpcClient rpc;
    static S3Client s3;

    static SyntheticGame.GroundTruth game;
    static GameAnalysis onePass;

    @BeforeAll
    static void startCluster() throws Exception {
        root = Files.createTempDirectory("courtside-split-");
        cluster = ExternalCluster.start(root, "split", "media", "outputs");
        // An API process and two workers that split anything over 20 s into ranges of 9 s with 5 s of context, and
        // render the outputs of such a game apart. Started at once (a loaded machine takes minutes to start each).
        String[] split = {"--courtside.split.min-duration=20s", "--courtside.split.range-length=9s",
                "--courtside.split.margin=5s", "--courtside.split.render-min-duration=20s"};
        int apiPort = CourtsideTestBase.freePort();
        ExecutorService starting = Executors.newFixedThreadPool(3);
        try {
            Future<ChildJvm> apiStart = starting.submit(() -> cluster.process("api").httpPort(apiPort)
                    .arg("--courtside.roles.worker=false").readyWithin(Duration.ofMinutes(15)).start());
            List<Future<?>> workerStarts = new ArrayList<>();
            for (String name : List.of("worker-a", "worker-b")) {
                workerStarts.add(starting.submit(() -> workers.put(name, cluster.process(name)
                        .httpPort(CourtsideTestBase.freePort()).arg("--courtside.roles.api=false").arg(split)
                        .readyWithin(Duration.ofMinutes(15)).start())));
            }
            game = ReplayAndPlayerTest.game().write(root.resolve("game.mp4"));
            Path logo = root.resolve("logo.png");
            SyntheticGame.writeLogo(logo);
            s3 = cluster.s3();
            s3.putObject(b -> b.bucket("media").key("games/split.mp4"), RequestBody.fromFile(game.file()));
            s3.putObject(b -> b.bucket("media").key("logos/replay.png"), RequestBody.fromFile(logo));
            // The one pass over the same game and logo, here (the job's sport: basketball's replay lengths).
            AnalysisProperties properties = AnalysisProperties.defaults();
            onePass = new GameAnalyzer(properties).analyze(game.file(),
                    new RegisteredMedia(List.of(new RegisteredMedia.Image("logo", logo)), List.of(), List.of()),
                    StageProgress.NONE, new ReplayBounds(2.5, properties.replayMaxSeconds()));
            api = apiStart.get();
            for (Future<?> start : workerStarts) {
                start.get();
            }
        } finally {
            starting.shutdown();
        }
        rpc = new RpcClient(apiPort);
    }

    @AfterAll
    static void stopCluster() {
        List<AutoCloseable> parts = new ArrayList<>();
        parts.add(cluster);
        parts.add(api);
        parts.addAll(workers.values());
        ExternalCluster.closeAll(parts);
    }

    @Test
    @Order(1)
    void aGameSplitAcrossTwoWorkersHasTheOnePassTimelineAndClipsAndRendersOnBoth() throws Exception {
        String jobId = submit("split");
        JsonNode job = awaitEnd(jobId);
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
        for (ChildJvm worker : workers.values()) {
            assertThat(worker.log()).as("%s analysed ranges", worker.name())
                    .containsPattern("Range \\d of 4 of job " + jobId + " stored");
            assertThat(worker.log()).as("%s rendered an output", worker.name())
                    .containsPattern("Output \\d of job " + jobId + " rendered on " + worker.name());
        }
        assertOnePassTimeline(job.path("ExtendOutput"));

        // The clips one pass and one selection choose for the same request, here.
        JobSpec spec = new JobSpec(new JobSpec.InputConfig("basketball", null, List.of(), List.of(), List.of()),
                new JobSpec.OutputConfig("s3://outputs/split/split_{index}.mp4", 2, 320, 180, 8.0, List.of()),
                new JobSpec.UserData(null, null));
        List<HighlightPlan> plans = new SegmentSelector(new SportProfiles(new CourtsideProperties(Path.of("data"),
                Path.of("config/sports"), null))).select(onePass, spec);
        List<String> expected = new ArrayList<>();
        for (HighlightPlan plan : plans) {
            for (Segment segment : plan.segments()) {
                expected.add(plan.index() + " " + round(segment.start()) + "-" + round(segment.end()) + " "
                        + segment.reason());
            }
        }
        List<String> clips = new ArrayList<>();
        for (JsonNode clip : job.path("ExtendOutput").path("Clips")) {
            clips.add(clip.path("Output").asInt() + " " + clip.path("Start").asDouble() + "-"
                    + clip.path("End").asDouble() + " " + (clip.has("Reason") ? clip.path("Reason").asText() : null));
        }
        assertThat(clips).as("clips: output, times, reason").isNotEmpty().isEqualTo(expected);
        assertThat(job.path("SubJobList")).hasSize(2);
    }

    @Test
    @Order(2)
    void aRangeWhoseWorkerIsKilledIsAnalysedByTheOther() throws Exception {
        String jobId = submit("kill");
        String jobWorker = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> job(jobId).path("Worker").asText(), w -> workers.containsKey(w));
        ChildJvm victim = workers.values().stream().filter(w -> !w.name().equals(jobWorker)).findFirst().orElseThrow();
        // Killed the moment it has taken a range of this job (it holds the range's message, unacknowledged).
        String range = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> rangeTaken(victim.log(), jobId), r -> r != null);
        victim.kill();
        assertThat(victim.log()).as("killed before it stored range %s", range)
                .doesNotContain("Range " + range + " of 4 of job " + jobId + " stored");

        JsonNode job = awaitEnd(jobId);
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
        assertThat(job.path("Worker").asText()).isEqualTo(jobWorker);
        assertThat(workers.get(jobWorker).log()).as("the range delivered again to the other worker")
                .contains("Range " + range + " of 4 of job " + jobId + " stored");
        assertOnePassTimeline(job.path("ExtendOutput"));
        assertThat(job.path("SubJobList")).hasSize(2);
    }

    private static String rangeTaken(String log, String jobId) {
        Matcher taken = RANGE_TAKEN.matcher(log);
        while (taken.find()) {
            if (taken.group(2).equals(jobId)) {
                return taken.group(1);
            }
        }
        return null;
    }

    private static void assertOnePassTimeline(JsonNode timeline) {
        assertThat(timeline.path("Duration").asDouble()).isEqualTo(round(onePass.media().durationSeconds()));
        JsonNode shots = timeline.path("Shots");
        assertThat(shots).as("shots").hasSize(onePass.shots().size());
        for (int i = 0; i < shots.size(); i++) {
            assertThat(shots.get(i).path("Start").asDouble()).as("shot %d start", i)
                    .isEqualTo(round(onePass.shots().get(i).start()));
            assertThat(shots.get(i).path("End").asDouble()).isEqualTo(round(onePass.shots().get(i).end()));
            assertThat(shots.get(i).path("Motion").asDouble()).as("shot %d motion", i)
                    .isEqualTo(round(onePass.motion().get(i)));
        }
        assertThat(timeline.path("Transitions")).hasSize((int) onePass.transitions().stream()
                .filter(t -> t.kind() != Transition.Kind.CUT).count());
        JsonNode replays = timeline.path("Replays");
        assertThat(replays).hasSize(onePass.replays().size()).hasSize(2);
        JsonNode appearances = timeline.path("LogoAppearances");
        assertThat(appearances).hasSize(onePass.logoAppearances().size());
        for (int i = 0; i < appearances.size(); i++) {
            assertThat(appearances.get(i).path("Start").asDouble())
                    .isEqualTo(round(onePass.logoAppearances().get(i).start()));
            assertThat(appearances.get(i).path("Confidence").asDouble())
                    .isEqualTo(round(onePass.logoAppearances().get(i).confidence()));
        }
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String submit(String name) throws Exception {
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://media/games/split.mp4\","
                        + "\"SlowMotionLogoRegister\":{\"SlowMotionLogoUrls\":[\"s3://media/logos/replay.png\"]}}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/split/" + name + "_{index}.mp4\"," + OUTPUT + "}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        return answer.body().path("JobId").asText();
    }

    private static JsonNode awaitEnd(String jobId) {
        return await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500)).until(() -> job(jobId),
                j -> Set.of("Finished", "Failed", "Canceled").contains(j.path("Status").asText()));
    }

    private static JsonNode job(String jobId) throws Exception {
        return rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
    }
}
