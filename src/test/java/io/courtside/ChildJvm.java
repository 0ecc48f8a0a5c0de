package io.courtside;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A process of the test's cluster: started with its output in a log file, killable with SIGKILL. */
public final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** A main class of the test classpath in a new JVM. */
    public static ChildJvm mainClass(String name, Path logDir, Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return start(name, logDir, command, Map.of());
    }

    /** The packaged Courtside jar, run from the project folder so it reads config/ and routes/. */
    public static ChildJvm courtside(String name, Path logDir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx1g",
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("user.home") + "/.javacpp/cache",
                "-jar", System.getProperty("courtside.jar", "target/courtside.jar")));
        command.addAll(args);
        // Signed by the test AccessKey like the in-process tests (RpcClient, the CLI's COURTSIDE_ACCESS_KEY_*).
        Map<String, String> withKeys = new java.util.HashMap<>(Map.of("COURTSIDE_API_ACCESS_KEYS",
                CourtsideTestBase.TestKeys.ACCESS_KEY_ID + ":" + CourtsideTestBase.TestKeys.ACCESS_KEY_SECRET));
        // The ITs written before worker processes run jobs in the service's JVM; ProcessIsolationIT sets process.
        withKeys.put("COURTSIDE_WORKER_ISOLATION", "in-process");
        withKeys.putAll(env);
        return start(name, logDir, command, withKeys);
    }

    /** The packaged jar on its embedded defaults, under {@code root}, serving HTTP on {@code port}; started. */
    public static ChildJvm embeddedCourtside(Path root, int port) throws Exception {
        return courtside("service", root, Map.of(), List.of("--server.port=" + port,
                "--courtside.data-dir=" + root.resolve("data"),
                "--courtside.storage.embedded.port=" + CourtsideTestBase.freePort(),
                "--courtside.broker.tcp-acceptor="))
                .awaitLog("Started CourtsideApplication", Duration.ofMinutes(2));
    }

    private static ChildJvm start(String name, Path logDir, List<String> command, Map<String, String> env)
            throws IOException {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new ChildJvm(name, builder.start(), log);
    }

    /** Waits for a line in the log; fails with the log's tail when the process dies or time runs out. */
    public ChildJvm awaitLog(String text, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited " + process.exitValue() + ":\n" + tail());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not log '" + text + "' within " + timeout + ":\n" + tail());
    }

    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** The running process, e.g. to find the worker processes it started. */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The text of the log so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    public String name() {
        return name;
    }

    /** kill -9: no shutdown hooks, no goodbye to the broker. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
