package io.courtside;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The packaged Courtside jar as a child process of a test, described once and started (and restarted) as often as
 * the test needs: {@code java -jar target/courtside.jar} run from the project folder (so it reads config/ and
 * routes/), its output in {@code <root>/<name>.log}, signed by the test AccessKey, started when it logs that it
 * is up. By default it is a whole installation on its embedded parts under {@code root}: data in
 * {@code root/data}, the embedded store on a free port, the embedded broker without a TCP port, jobs run in the
 * service's own JVM, HTTP on a free port. Every option is a command-line argument or an environment variable of
 * the child, as an operator would give them.
 */
public final class ServiceProcess {

    private static final String READY = "Started CourtsideApplication";

    private final Path root;
    private String name = "service";
    private Path dataDir;
    private int httpPort;
    private Integer storePort;
    private String buckets;
    private String brokerAcceptor = "";
    private String isolation = "in-process";
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private Duration readyWithin = Duration.ofMinutes(5); // a loaded machine is slow to start a JVM
    private int starts;

    private ServiceProcess(Path root) throws IOException {
        this.root = root;
        this.dataDir = root.resolve("data");
        this.httpPort = CourtsideTestBase.freePort();
        this.storePort = CourtsideTestBase.freePort();
    }

    /** A whole installation on its embedded defaults under {@code root} (logs go there too). */
    public static ServiceProcess embedded(Path root) throws IOException {
        return new ServiceProcess(root);
    }

    /**
     * One process of an installation whose broker, store and database run elsewhere: {@code env} says where
     * (COURTSIDE_BROKER_URL, COURTSIDE_S3_ENDPOINT, COURTSIDE_DB_URL... and SPRING_PROFILES_ACTIVE=external).
     */
    public static ServiceProcess external(Path root, Map<String, String> env) throws IOException {
        ServiceProcess service = new ServiceProcess(root);
        service.storePort = null;
        service.brokerAcceptor = null;
        service.env.putAll(env);
        return service;
    }

    /** Its log is {@code <root>/<name>.log}; a second start of the same description is {@code <name>-2}. */
    public ServiceProcess name(String name) {
        this.name = name;
        return this;
    }

    public ServiceProcess dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public ServiceProcess httpPort(int port) {
        this.httpPort = port;
        return this;
    }

    /** Only these buckets in the embedded store (instead of the configured defaults). */
    public ServiceProcess buckets(String... buckets) {
        this.buckets = String.join(",", buckets);
        return this;
    }

    /** The embedded broker also listens on a free loopback TCP port (worker processes connect through it). */
    public ServiceProcess brokerTcpPort() throws IOException {
        this.brokerAcceptor = "tcp://127.0.0.1:" + CourtsideTestBase.freePort();
        return this;
    }

    /** Jobs run in worker processes the service starts (the product's default), not in its own JVM. */
    public ServiceProcess workerProcesses() {
        this.isolation = "process";
        return this;
    }

    public ServiceProcess workerId(String id) {
        return arg("--courtside.worker.id=" + id);
    }

    /** Callbacks may go to the test's receiver on 127.0.0.1, retried after {@code retryDelayMillis}. */
    public ServiceProcess callbacksToLoopback(int retryDelayMillis) {
        return arg("--courtside.callbacks.allowed-private-hosts=127.0.0.1",
                "--courtside.callbacks.retry-delay=" + retryDelayMillis);
    }

    /** Any further command-line arguments ({@code --courtside.key=value}), given to every start. */
    public ServiceProcess arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public ServiceProcess env(String variable, String value) {
        env.put(variable, value);
        return this;
    }

    /** A crashing JVM's fatal error report goes to {@code root}, not the project folder. */
    public ServiceProcess crashReportsInRoot() {
        return env("JAVA_TOOL_OPTIONS", "-XX:ErrorFile=" + root + "/hs_err_%p.log");
    }

    public ServiceProcess readyWithin(Duration timeout) {
        this.readyWithin = timeout;
        return this;
    }

    public int httpPort() {
        return httpPort;
    }

    public int storePort() {
        if (storePort == null) {
            throw new IllegalStateException(name + " uses an external store");
        }
        return storePort;
    }

    public Path root() {
        return root;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A client of its API, signed by the test AccessKey. */
    public RpcClient rpc() {
        return new RpcClient(httpPort);
    }

    /** A client of its embedded store. */
    public S3Client storeClient() {
        return GameFixtures.storeClient(storePort());
    }

    /** The command-line arguments of a start with {@code extra} after the described ones. */
    public List<String> arguments(String... extra) {
        List<String> all = new ArrayList<>(List.of("--server.port=" + httpPort, "--courtside.data-dir=" + dataDir,
                "--courtside.worker.isolation=" + isolation));
        if (storePort != null) {
            all.add("--courtside.storage.embedded.port=" + storePort);
            if (buckets != null) {
                all.add("--courtside.storage.embedded.buckets=" + buckets);
            }
        }
        if (brokerAcceptor != null) {
            all.add("--courtside.broker.tcp-acceptor=" + brokerAcceptor);
        }
        all.addAll(args);
        all.addAll(List.of(extra));
        return all;
    }

    /**
     * Starts the jar with the described arguments and then {@code extra}, and waits until it is up; fails with
     * the log's tail if it exits or is not up in time. Each start logs to a file of its own.
     */
    public ChildJvm start(String... extra) throws Exception {
        starts++;
        return startAs(starts == 1 ? name : name + "-" + starts, extra);
    }

    /** As {@link #start}, logging to {@code <root>/<logName>.log}. */
    public ChildJvm startAs(String logName, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("user.home") + "/.javacpp/cache",
                "-jar", System.getProperty("courtside.jar", "target/courtside.jar")));
        command.addAll(arguments(extra));
        // Signed by the test AccessKey like the in-process tests (RpcClient, the CLI's COURTSIDE_ACCESS_KEY_*).
        Map<String, String> childEnv = new HashMap<>(Map.of("COURTSIDE_API_ACCESS_KEYS",
                CourtsideTestBase.TestKeys.ACCESS_KEY_ID + ":" + CourtsideTestBase.TestKeys.ACCESS_KEY_SECRET));
        childEnv.putAll(env);
        ChildJvm child = ChildJvm.start(logName, root, command, childEnv);
        try {
            return child.awaitLog(READY, readyWithin);
        } catch (Exception | Error e) {
            child.kill(); // never left running behind a failed start
            throw e;
        }
    }
}
