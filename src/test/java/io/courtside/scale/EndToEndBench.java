package io.courtside.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.ChildJvm;
import io.courtside.CourtsideTestBase;
import io.courtside.RpcClient;
import io.courtside.ServiceProcess;
import io.courtside.api.RpcApi;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
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
 * <li>{@code ffmpeg}: prints the path of the FFmpeg CLI that JavaCV ships (the script draws and encodes the game
 * with it).</li>
 * <li>{@code run INPUT.mp4 WORKERS SPLIT_SECONDS LABEL}: a standalone broker, a standalone S3 server, PostgreSQL, the
 * packaged jar as an API process and WORKERS worker processes (each takes jobs in its own JVM); one job (Count 2
 * vertical outputs) on INPUT; prints the input's facts (size, rate, bitrate, B-frame reorder depth), the stage
 * times (fetch, analysis, selection, render, upload), the wall time from submit to Finished, the input's duration
 * over that wall time (the real-time multiple), the CPU seconds (user+sys from /proc) the worker processes and the
 * other processes (API, broker, S3 server) spent while the job was in each stage, and the peak RSS (VmHWM of /proc)
 * of each worker process and its child processes. SPLIT_SECONDS: inputs longer than this are split across workers,
 * in ranges of that length (0: never split).</li>
 * </ul>
 */
public final class EndToEndBench {

    private static final String S3_KEY = "bench-access";
    private static final String S3_SECRET = "bench-secret-key";
    private static final String OUTPUT = System.getProperty("bench.output",
            "\"Count\":2,\"Width\":720,\"Height\":1280,\"MaxDuration\":30");

    /** Extra arguments for the worker processes (bench/e2e-bench.sh passes WORKER_ARGS). */
    private static final List<String> WORKER_ARGS = List.of(System.getProperty("bench.worker-args", "").trim()
            .split("\\s+")).stream().filter(a -> !a.isEmpty()).toList();
    /** How long a process may take to start: on a loaded 2-core machine the jar took over 5 minutes. */
    private static final Duration STARTUP = Duration.ofMinutes(15);
    /** Linux's USER_HZ: /proc gives CPU times in these ticks. */
    private static final int CLOCK_TICKS = 100;

    private EndToEndBench() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ffmpeg" -> System.out.println(Loader.load(org.bytedeco.ffmpeg.ffmpeg.class));
            case "run" -> run(Integer.parseInt(args[1]), Double.parseDouble(args[2]),
                    java.util.Arrays.stream(args, 3, args.length).map(Path::of).toList());
            default -> throw new IllegalArgumentException("ffmpeg | run");
        }
        System.exit(0);
    }

    static void run(int workerCount, double splitSeconds, List<Path> inputs) throws Exception {
        Path root = Files.createTempDirectory("courtside-e2e-bench-");
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            int brokerPort = CourtsideTestBase.freePort();
            int s3Port = CourtsideTestBase.freePort();
            LocalPostgres postgres = LocalPostgres.start(CourtsideTestBase.freePort());
            parts.add(postgres);
            // The other processes of the installation, whose CPU time is counted apart from the workers'.
            List<ChildJvm> services = new ArrayList<>();
            services.add(ChildJvm.mainClass("broker", root, StandaloneBroker.class, root.resolve("broker").toString(),
                    Integer.toString(brokerPort), "bench-app", "bench-broker-secret")
                    .awaitLog(StandaloneBroker.READY, STARTUP));
            parts.add(services.get(0));
            services.add(ChildJvm.mainClass("s3", root, StandaloneObjectStore.class, root.resolve("s3").toString(),
                    Integer.toString(s3Port), S3_KEY, S3_SECRET, "media", "outputs")
                    .awaitLog(StandaloneObjectStore.READY, STARTUP));
            parts.add(services.get(1));
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
            services.add(ServiceProcess.external(root, env).name("api").httpPort(apiPort).dataDir(root.resolve("api"))
                    .workerId("api").arg("--courtside.roles.worker=false").readyWithin(STARTUP).start());
            parts.add(services.get(2));
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
                args.addAll(WORKER_ARGS);
                ChildJvm worker = ServiceProcess.external(root, env).name(name).httpPort(CourtsideTestBase.freePort())
                        .dataDir(root.resolve(name)).workerId(name).arg(args.toArray(String[]::new))
                        .readyWithin(STARTUP).start();
                workers.add(worker);
                parts.add(worker);
            }
            S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                    .region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3_KEY, S3_SECRET)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
            RpcClient rpc = new RpcClient(apiPort);
            for (Path input : inputs) {
                job(input, workerCount, splitSeconds, s3, rpc, workers, services);
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

    /** One job on {@code input}; prints its figures. The peak RSS is the worker processes' peak so far. */
    private static void job(Path input, int workerCount, double splitSeconds, S3Client s3, RpcClient rpc,
                            List<ChildJvm> workers, List<ChildJvm> services) throws Exception {
        String key = "bench/" + input.getFileName();
        s3.putObject(b -> b.bucket("media").key(key), RequestBody.fromFile(input));
        String label = input.getFileName().toString();
        System.out.printf("E2E %s: input %s%n", label, facts(input));
        Map<String, double[]> cpuByStage = new LinkedHashMap<>();
        double[] lastCpu = {cpuSeconds(workers), cpuSeconds(services)};
        long started = System.nanoTime();
        RpcClient.Answer answer = rpc.call(RpcApi.SUBMIT, "InputConfig",
                "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"s3://media/" + key + "\"}",
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
            for (ChildJvm worker : workers) {
                if (!worker.handle().isAlive()) {
                    throw new IllegalStateException(worker.name() + " exited during job " + jobId + ":\n"
                            + worker.tail());
                }
            }
            job = rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob");
            // CPU spent since the last look is put on the stage the job is in now (looks 200 ms apart).
            double[] cpu = {cpuSeconds(workers), cpuSeconds(services)};
            String stage = job.path("Status").asText().equals("Processing") ? job.path("Stage").asText("Queued")
                    : job.path("Status").asText();
            double[] spent = cpuByStage.computeIfAbsent(stage, s -> new double[2]);
            spent[0] += cpu[0] - lastCpu[0];
            spent[1] += cpu[1] - lastCpu[1];
            lastCpu = cpu;
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
        StringBuilder cpuLine = new StringBuilder();
        cpuByStage.forEach((stage, spent) -> cpuLine.append(String.format(" %s %.1f s + %.1f s;", stage,
                spent[0], spent[1])));
        System.out.printf("E2E %s: CPU (user+sys) of the workers + of API, broker and S3 server by stage:%s"
                + " total %.1f s + %.1f s%n", label, cpuLine,
                cpuByStage.values().stream().mapToDouble(spent -> spent[0]).sum(),
                cpuByStage.values().stream().mapToDouble(spent -> spent[1]).sum());
        if (splitSeconds > 0) {
            for (ChildJvm worker : workers) {
                long ranges = worker.log().lines().filter(l -> l.contains("Range ") && l.contains(jobId)
                        && l.contains(" stored")).count();
                System.out.printf("E2E %s: %s analysed %d range(s)%n", label, worker.name(), ranges);
            }
        }
    }

    /** Width, height, frame rate, bitrate and B-frame reorder depth of the input's video, and its duration. */
    private static String facts(Path input) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(input.toFile())) {
            grabber.start();
            int reorder = grabber.getFormatContext().streams(grabber.getVideoStream()).codecpar().video_delay();
            return String.format("%dx%d %.2f fps, %s %.1f Mb/s (B-frame reorder depth %d), %.0f s, %d MB",
                    grabber.getImageWidth(), grabber.getImageHeight(), grabber.getFrameRate(),
                    grabber.getVideoCodecName(), grabber.getVideoBitrate() / 1e6, reorder,
                    grabber.getLengthInTime() / 1e6, Files.size(input) >> 20);
        }
    }

    /**
     * User+system CPU seconds of the processes and all their children, live ones (read from /proc now) and ended
     * ones (the reaped children's times that /proc adds to their parent): a voice engine run per line counts too.
     */
    private static double cpuSeconds(List<ChildJvm> processes) {
        double seconds = 0;
        for (ChildJvm process : processes) {
            seconds += ownAndReapedCpu(process.handle());
            seconds += process.handle().descendants().mapToDouble(EndToEndBench::ownCpu).sum();
        }
        return seconds;
    }

    private static double ownAndReapedCpu(ProcessHandle process) {
        long[] ticks = statTicks(process);
        return (ticks[0] + ticks[1] + ticks[2] + ticks[3]) / (double) CLOCK_TICKS;
    }

    private static double ownCpu(ProcessHandle process) {
        long[] ticks = statTicks(process);
        return (ticks[0] + ticks[1]) / (double) CLOCK_TICKS;
    }

    /** utime, stime, cutime, cstime of /proc/PID/stat (zeros once the process is gone). */
    private static long[] statTicks(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // Fields after the command name (which may hold spaces) start with field 3, the state.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12]), Long.parseLong(fields[13]),
                    Long.parseLong(fields[14])};
        } catch (Exception gone) {
            return new long[4];
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
