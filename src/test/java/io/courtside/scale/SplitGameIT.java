package io.courtside.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.analysis.ReplayAndPlayerTest;
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
 * a standalone S3 server and PostgreSQL, as in ScaleOutIT; the packaged jar as the API process and workers. The
 * game (36 s: two replays with their logos flying over range borders, a dissolve on a border, a flash) is first
 * analysed in one pass by a worker that splits nothing, then by two workers that split anything over 20 s in
 * ranges of 9 s (4 ranges). The two jobs' timelines (shots, transitions, motion, loudness and excitement curves,
 * replays, logo appearances, score states, warnings) and chosen clips are compared whole; both workers analysed
 * ranges.
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

    @BeforeAll
    static void startCluster() throws Exception {
        root = Files.createTempDirectory("courtside-split-");
        int brokerPort = CourtsideTestBase.freePort();
        int s3Port = CourtsideTestBase.freePort();
        postgres = LocalPostgres.start(CourtsideTestBase.freePort());
        broker = ChildJvm.mainClass("broker", root, StandaloneBroker.class, root.resolve("broker").toString(),
                Integer.toString(brokerPort), BROKER_USER, BROKER_PASSWORD)
                .awaitLog(StandaloneBroker.READY, Duration.ofSeconds(90));
        objectStore = ChildJvm.mainClass("s3", root, StandaloneObjectStore.class, root.resolve("s3").toString(),
                Integer.toString(s3Port), S3_KEY, S3_SECRET, "media", "outputs")
                .awaitLog(StandaloneObjectStore.READY, Duration.ofSeconds(90));
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
        int apiPort = CourtsideTestBase.freePort();
        api = start("api", apiPort, "--courtside.roles.worker=false");
        rpc = new RpcClient(apiPort);
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3_KEY, S3_SECRET)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
        SyntheticGame.GroundTruth game = ReplayAndPlayerTest.game().write(root.resolve("game.mp4"));
        s3.putObject(b -> b.bucket("media").key("games/split.mp4"), RequestBody.fromFile(game.file()));
        Path logo = root.resolve("logo.png");
        SyntheticGame.writeLogo(logo);
        s3.putObject(b -> b.bucket("media").key("logos/replay.png"), RequestBody.fromFile(logo));
    }

    @AfterAll
    static void stopCluster() {
        List<AutoCloseable> parts = new ArrayList<>(workers);
        parts.addAll(java.util.Arrays.asList(api, objectStore, broker, postgres));
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
    void aGameSplitAcrossTwoWorkersHasTheOnePassTimelineAndClips() throws Exception {
        // One pass: a worker that splits nothing.
        ChildJvm onePassWorker = startWorker("one-pass", "--courtside.split.min-duration=1h");
        JsonNode onePass = run("one");
        onePassWorker.kill();
        workers.remove(onePassWorker);
        assertThat(onePassWorker.log()).doesNotContain("Analysis split in");

        // Split: two workers that split anything over 20 s into ranges of 9 s, with 5 s of context.
        String[] split = {"--courtside.split.min-duration=20s", "--courtside.split.range-length=9s",
                "--courtside.split.margin=5s"};
        ChildJvm a = startWorker("worker-a", split);
        ChildJvm b = startWorker("worker-b", split);
        JsonNode splitJob = run("split");

        String logs = a.log() + b.log();
        assertThat(logs).contains("Analysis split in 4 ranges");
        for (ChildJvm worker : List.of(a, b)) {
            assertThat(worker.log()).as("%s analysed ranges", worker.name()).containsPattern("Range \\d of 4 of job "
                    + splitJob.path("JobId").asText() + " stored");
        }

        JsonNode expected = onePass.path("ExtendOutput");
        JsonNode actual = splitJob.path("ExtendOutput");
        // The game's hard spots were found (else equality proves little): shots, a dissolve, two replays.
        assertThat(expected.path("Shots")).hasSize(8);
        assertThat(expected.path("Transitions")).hasSize(1);
        assertThat(expected.path("Replays")).hasSize(2);
        assertThat(expected.path("Clips")).isNotEmpty();
        for (String part : List.of("Duration", "Shots", "Transitions", "Loudness", "Excitement", "Replays",
                "LogoAppearances", "Players", "Scoreboard", "Scores", "Warnings", "Clips")) {
            assertThat(actual.path(part)).as(part).isEqualTo(expected.path(part));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(splitJob.path("SubJobList")).hasSize(2);
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

    private static ChildJvm startWorker(String name, String... args) throws Exception {
        ChildJvm worker = ServiceProcess.external(root, clusterEnv).name(name)
                .httpPort(CourtsideTestBase.freePort()).dataDir(root.resolve(name)).workerId(name)
                .arg("--courtside.roles.api=false").arg(args).readyWithin(Duration.ofMinutes(8)).start();
        workers.add(worker);
        return worker;
    }

    private static ChildJvm start(String name, int port, String role) throws Exception {
        return ServiceProcess.external(root, clusterEnv).name(name).httpPort(port).dataDir(root.resolve(name))
                .workerId(name).arg(role).readyWithin(Duration.ofMinutes(8)).start();
    }
}
