package io.courtside.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.api.RpcApi;
import io.courtside.demo.SyntheticGame;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole job, end to end, on this machine (bench/e2e-bench.sh drives it):
 * <ul>
 * <li>{@code generate OUT.mp4 WIDTH HEIGHT SECONDS}: a synthetic game at 30 fps (cuts of varied length, crowd
 * bursts every 20 s), written raw; the script re-encodes it with x264's default GOP (B-frames) and loops it.</li>
 * <li>{@code run INPUT.mp4 WORKERS SPLIT_SECONDS LABEL}: a standalone broker, a standalone S3 server, PostgreSQL, the
 * packaged jar as an API process and WORKERS worker processes (isolation=process: each runs jobs in a child JVM);
 * one job (Count 2 vertical outputs) on INPUT; prints the stage times (analysis, selection, render, upload), the
 * wall time from submit to Finished, the input's duration over that wall time (the real-time multiple), and the
 * peak RSS (VmHWM of /proc) of each worker process and its child JVMs. SPLIT_SECONDS: inputs longer than this are
 * split across workers, in ranges of that length (0: never split).</li>
 * </ul>
 */
public final class EndToEndBench {

    private static final String S3_KEY = "bench-access";
    private static final String S3_SECRET = "bench-secret-key";
    private static final String OUTPUT = System.getProperty("bench.output",
            "\"Count\":2,\"Width\":720,\"Height\":1280,\"MaxDuration\":30");

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "generate" -> generate(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Double.parseDouble(args[4]));
            case "run" -> run(Path.of(args[1]), Integer.parseInt(args[2]), Double.parseDouble(args[3]), args[4]);
            default -> throw new IllegalArgumentException("generate | run");
        }
        System.exit(0);
    }

    static void generate(Path out, int width, int height, double seconds) {
        double[] pattern = {3.0, 5.2, 2.4, 6.0, 4.4, 1.6, 7.4, 4.0};
        List<Double> shots = new ArrayList<>();
        double total = 0;
        for (int i = 0; total < seconds - 1e-9; i++) {
            double length = Math.min(pattern[i % pattern.length], seconds - total);
            if (length < 1.0 && !shots.isEmpty()) {
                shots.set(shots.size() - 1, shots.get(shots.size() - 1) + length);
                break;
            }
            shots.add(length);
            total += length;
        }
        List<SyntheticGame.LoudMoment> loud = new ArrayList<>();
        for (double t = 5; t + 3 < seconds; t += 20) {
            loud.add(new SyntheticGame.LoudMoment(t, 2.5));
        }
        new SyntheticGame.Script(width, height, 30, shots, loud).withPan(2).write(out);
    }

    static void run(Path input, int workerCount, double splitSeconds, String label) throws Exception {
        Path root = Files.createTempDirectory("courtside-e2e-bench-");
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            int brokerPort = CourtsideTestBase.freePort();
            int s3Port = CourtsideTestBase.freePort();
            LocalPostgres postgres = LocalPostgres.start(CourtsideTestBase.freePort());
            parts.add(postgres);
            parts.add(ChildJvm.mainClass("broker", root, StandaloneBroker.class, root.resolve("broker").toString(),
                    Integer.toString(brokerPort), "bench-app", "bench-broker-secret")
                    .awaitLog(StandaloneBroker.READY, Duration.ofSeconds(120)));
            parts.add(ChildJvm.mainClass("s3", root, StandaloneObjectStore.class, root.resolve("s3").toString(),
                    Integer.toString(s3Port), S3_KEY, S3_SECRET, "media", "outputs")
                    .awaitLog(StandaloneObjectStore.READY, Duration.ofSeconds(120)));
            Map<String, String> env = Map.of(
                    "SPRING_PROFILES_ACTIVE", "external",
                    "COURTSIDE_BROKER_URL", "tcp://127.0.0.1:" + brokerPort,
                    "COURTSIDE_BROKER_USER", "bench-app",
                    "COURTSIDE_BROKER_PASSWORD", "bench-broker-secret",
                    "COURTSIDE_S3_ENDPOINT", "http://127.0.0.1:" + s3Port,
                    "COURTSIDE_S3_ACCESS_KEY", S3_KEY,
                    "COURTSIDE_S3_SECRET_KEY", S3_SECRET,
                    "COURTSIDE_DB_URL", postgres.jdbcUrl(),
                    "COURTSIDE_DB_USER", LocalPostgres.USER,
                    "COURTSIDE_DB_PASSWORD", LocalPostgres.PASSWORD);
            int apiPort = CourtsideTestBase.freePort();
            parts.add(ServiceProcess.external(root, env).name("api").httpPort(apiPort).dataDir(root.resolve("api"))
                    .workerId("api").arg("--courtside.roles.worker=false").readyWithin(Duration.ofMinutes(4)).start());
            List<ChildJvm> workers = new ArrayList<>();
            for (int i = 0; i < workerCount; i++) {
                String name = "worker-" + (char) ('a' + i);
                List<String> args = new ArrayList<>(List.of("--courtside.roles.api=false"));
                if (splitSeconds > 0) {
                    args.add("--courtside.split.min-duration=" + Math.round(splitSeconds) + "s");
                    args.add("--courtside.split.range-length=" + Math.round(splitSeconds) + "s");
                } else {
                    args.add("--courtside.split.min-duration=1000h");
                }
                ChildJvm worker = ServiceProcess.external(root, env).name(name).httpPort(CourtsideTestBase.freePort())
                        .dataDir(root.resolve(name)).workerId(name).arg(args.toArray(String[]::new))
                        .readyWithin(Duration.ofMinutes(4)).start();
                workers.add(worker);
                parts.add(worker);
            }
            S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                    .region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3_KEY, S3_SECRET)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
            s3.putObject(b -> b.bucket("media").key("bench/input.mp4"), RequestBody.fromFile(input));

            RpcClient rpc = new RpcClient(apiPort);
            long started = System.nanoTime();
            RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT, "InputConfig",
                    "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://media/bench/input.mp4\"}",
                    "OutputConfig", "{\"MediaURL\":\"s3://outputs/bench/out_{index}.mp4\"," + OUTPUT + "}");
            if (answer.status() != 200) {
                throw new IllegalStateException("submit refused: " + answer.body());
            }
            String jobId = answer.body().path("JobId").asText();
            Map<Long, Long> peakKb = new HashMap<>();
            JsonNode job;
            while (true) {
                for (ChildJvm worker : workers) {
                    peak(worker.handle(), peakKb);
                    worker.handle().descendants().forEach(child -> peak(child, peakKb));
                }
                job = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
                if (Set.of("Finished", "Failed", "Canceled").contains(job.path("Status").asText())) {
                    break;
                }
                Thread.sleep(200);
            }
            double wall = (System.nanoTime() - started) / 1e9;
            if (!"Finished".equals(job.path("Status").asText())) {
                throw new IllegalStateException("job did not finish: " + job);
            }
            double duration = job.path("ExtendOutput").path("Duration").asDouble();
            JsonNode stages = job.path("StageDurations");
            long maxKb = peakKb.values().stream().mapToLong(Long::longValue).max().orElse(0);
            System.out.printf("E2E %s: input %.0f s, %d worker(s)%s: fetch %.1f s, analysis %.1f s, selection %.1f s,"
                            + " render %.1f s, upload %.1f s; wall %.1f s = %.1fx real time; peak RSS of a worker"
                            + " process %d MB (all: %s)%n", label, duration, workerCount,
                    splitSeconds > 0 ? ", split in ranges of " + Math.round(splitSeconds) + " s" : ", no split",
                    stages.path("FetchingInput").asDouble(), stages.path("Analysing").asDouble(),
                    stages.path("Selecting").asDouble(), stages.path("Rendering").asDouble(),
                    stages.path("Uploading").asDouble(), wall, duration / wall, maxKb / 1024,
                    peakKb.values().stream().map(kb -> kb / 1024 + " MB").toList());
            if (splitSeconds > 0) {
                for (ChildJvm worker : workers) {
                    long ranges = worker.log().lines().filter(l -> l.contains("Range ") && l.contains(" stored"))
                            .count();
                    System.out.printf("E2E %s: %s analysed %d range(s)%n", label, worker.name(), ranges);
                }
            }
        } finally {
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    System.err.println("stopping: " + e);
                }
            }
        }
    }

    /** VmHWM (peak resident set) of a live process, kept per pid. */
    private static void peak(ProcessHandle process, Map<Long, Long> peakKb) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakKb.merge(process.pid(), kb, Math::max);
                }
            }
        } catch (Exception gone) {
            // the process ended between listing and reading
        }
    }
}
