package io.courtside.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.analysis.AnalysisProperties;
import io.courtside.analysis.GameAnalysis;
import io.courtside.analysis.GameAnalyzer;
import io.courtside.analysis.RegisteredMedia;
import io.courtside.analysis.ReplayAndPlayerTest;
import io.courtside.analysis.ReplayBounds;
import io.courtside.analysis.Transition;
import io.courtside.kernel.StageProgress;
import io.courtside.api.RpcApi;
import io.courtside.demo.SyntheticGame;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One long game split across two worker processes gives the timeline of one pass. A standalone Artemis broker,
 * a standalone S3 server and PostgreSQL, as in ScaleOutIT; the packaged jar as two worker processes (the first also
 * the API) that split anything over 20 s in ranges of 9 s. The game (36 s: two replays with their logos flying over
 * range borders, a dissolve on a border, a flash) is split in 4 ranges that both workers take; the job's stored
 * timeline (shots to the frame with their motion, transitions, replays, logo appearances) equals one pass over the
 * same game in this JVM. (SplitAnalysisTest compares every field of the two analyses in one process.)
 */
class SplitGameIT {

    private static final String S3_KEY = "split-access";
    private static final String S3_SECRET = "split-secret-key";
    private static final String BROKER_USER = "split-app";
    private static final String BROKER_PASSWORD = "split-broker-secret";
    private static final String OUTPUT = "\"Count\":2,\"Width\":320,\"Height\":180,\"MaxDuration\":8";

    static Path root;
    static LocalPostgres postgres;
    static ChildJvm broker;
    static ChildJvm objectStore;
    static ChildJvm api;
    static final List<ChildJvm> workers = new ArrayList<>();
    static Map<String, String> clusterEnv;
    static RpcClient rpc;
    static S3Client s3;

    static SyntheticGame.GroundTruth game;
    static Path logo;

    @BeforeAll
    static void startCluster() throws Exception {
        root = Files.createTempDirectory("courtside-split-");
        int brokerPort = CourtsideTestBase.freePort();
        int s3Port = CourtsideTestBase.freePort();
        postgres = LocalPostgres.start(CourtsideTestBase.freePort());
        broker = ChildJvm.mainClass("broker", root, StandaloneBroker.class, root.resolve("broker").toString(),
                Integer.toString(brokerPort), BROKER_USER, BROKER_PASSWORD)
                .awaitLog(StandaloneBroker.READY, Duration.ofSeconds(300));
        objectStore = ChildJvm.mainClass("s3", root, StandaloneObjectStore.class, root.resolve("s3").toString(),
                Integer.toString(s3Port), S3_KEY, S3_SECRET, "media", "outputs")
                .awaitLog(StandaloneObjectStore.READY, Duration.ofSeconds(300));
        clusterEnv = Map.of(
                "SPRING_PROFILES_ACTIVE", "external",
                "COURTSIDE_BROKER_URL", "tcp://127.0.0.1:" + brokerPort,
                "COURTSIDE_BROKER_USER", BROKER_USER,
                "COURTSIDE_BROKER_PASSWORD", BROKER_PASSWORD,
                "COURTSIDE_S3_ENDPOINT", "http://127.0.0.1:" + s3Port,
                "COURTSIDE_S3_ACCESS_KEY", S3_KEY,
                "COURTSIDE_S3_SECRET_KEY", S3_SECRET,
                "COURTSIDE_DB_URL", postgres.jdbcUrl(),
                "COURTSIDE_DB_USER", LocalPostgres.USER,
                "COURTSIDE_DB_PASSWORD", LocalPostgres.PASSWORD);
        // Two worker processes that split anything over 20 s into ranges of 9 s with 5 s of context; the first also
        // answers the API. Started at once (a loaded machine takes minutes to start each).
        int apiPort = CourtsideTestBase.freePort();
        String[] split = {"--courtside.split.min-duration=20s", "--courtside.split.range-length=9s",
                "--courtside.split.margin=5s"};
        java.util.concurrent.ExecutorService starting = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = starting.submit(() -> startWorker("worker-a", apiPort, true, split));
            var b = starting.submit(() -> startWorker("worker-b", CourtsideTestBase.freePort(), false, split));
            game = ReplayAndPlayerTest.game().write(root.resolve("game.mp4"));
            logo = root.resolve("logo.png");
            SyntheticGame.writeLogo(logo);
            api = a.get();
            b.get();
        } finally {
            starting.shutdown();
        }
        rpc = new RpcClient(apiPort);
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3_KEY, S3_SECRET)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        s3.putObject(b -> b.bucket("media").key("games/split.mp4"), RequestBody.fromFile(game.file()));
        s3.putObject(b -> b.bucket("media").key("logos/replay.png"), RequestBody.fromFile(logo));
    }

    @AfterAll
    static void stopCluster() {
        List<AutoCloseable> parts = new ArrayList<>(workers);
        parts.addAll(java.util.Arrays.asList(objectStore, broker, postgres));
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }

    @Test
    void aGameSplitAcrossTwoWorkersHasTheOnePassTimeline() throws Exception {
        JsonNode splitJob = run("split");
        String jobId = splitJob.path("JobId").asText();
        assertThat(workers.get(0).log() + workers.get(1).log()).contains("Analysis split in 4 ranges");
        for (ChildJvm worker : workers) {
            assertThat(worker.log()).as("%s analysed ranges", worker.name())
                    .containsPattern("Range \\d of 4 of job " + jobId + " stored");
        }

        // The one pass over the same game and logo, here (the job's sport: basketball's replay lengths).
        AnalysisProperties properties = AnalysisProperties.defaults();
        GameAnalysis onePass = new GameAnalyzer(properties).analyze(game.file(),
                new RegisteredMedia(List.of(new RegisteredMedia.Image("logo", logo)), List.of(), List.of()),
                StageProgress.NONE, new ReplayBounds(2.5, properties.replayMaxSeconds()));
        JsonNode timeline = splitJob.path("ExtendOutput");
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
        assertThat(timeline.path("Clips")).isNotEmpty();
        assertThat(splitJob.path("SubJobList")).hasSize(2);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private JsonNode run(String name) throws Exception {
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://media/games/split.mp4\","
                        + "\"SlowMotionLogoRegister\":{\"SlowMotionLogoUrls\":[\"s3://media/logos/replay.png\"]}}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/split/" + name + "_{index}.mp4\"," + OUTPUT + "}");
        assertThat(answer.status()).as("submit %s", answer.body()).isEqualTo(200);
        String jobId = answer.body().path("JobId").asText();
        JsonNode job = await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(500))
                .until(() -> rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob"),
                        j -> Set.of("Finished", "Failed", "Canceled").contains(j.path("Status").asText()));
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
        return job;
    }

    private static ChildJvm startWorker(String name, int port, boolean api, String... args) throws Exception {
        ChildJvm worker = ServiceProcess.external(root, clusterEnv).name(name).httpPort(port)
                .dataDir(root.resolve(name)).workerId(name)
                .arg(api ? "--courtside.roles.api=true" : "--courtside.roles.api=false").arg(args)
                .readyWithin(Duration.ofMinutes(15)).start();
        synchronized (workers) {
            workers.add(worker);
        }
        return worker;
    }
}
