package io.courtside.worker;

import io.courtside.broker.BrokerUsers;
import org.springframework.beans.factory.ObjectProvider;
import io.courtside.broker.BrokerProperties;
import io.courtside.job.WorkerProperties;
import io.courtside.storage.StorageProperties;
import io.courtside.config.EmbeddedDatabaseCredentials;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the job work of this service in supervised child JVMs ({@code courtside.worker.isolation=process}, the
 * default): FFmpeg and OpenCV never run in the JVM that holds the API, the embedded broker, store and database,
 * so a native crash (SIGSEGV) or the stall watchdog's halt ends only a child. The job in flight goes back to the
 * queue (its broker transaction never committed) and the next attempt finishes it; the child is started again.
 *
 * <p>Each child is this same program (same java, same jar or class path, same arguments and {@code -D} options)
 * with the API off, taking jobs in-process, and reaching this process's parts: the embedded broker through its TCP
 * acceptor, the embedded store through its S3 endpoint, the embedded H2 database through an H2 TCP server this
 * process starts on loopback (external broker, store and database are simply shared). Secrets go to the child in
 * its environment, never on its command line. A child exits when this process is gone ({@link ParentWatch}); on
 * shutdown this process stops its children first.
 */
@Component
@ConditionalOnProperty(name = WorkerRoleEnvironment.SUPERVISES, havingValue = "true")
@EnableConfigurationProperties(WorkerIsolation.class)
public class WorkerProcesses implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerProcesses.class);
    /** A child that ran at least this long before exiting is restarted after the first delay again. */
    private static final Duration STABLE = Duration.ofMinutes(1);

    private final WorkerIsolation isolation;
    private final WorkerProperties worker;
    private final StorageProperties storage;
    private final BrokerProperties broker;
    private final Environment environment;
    private final DataSourceProperties dataSource;
    private final ApplicationArguments arguments;
    private final ObjectProvider<BrokerUsers> brokerUsers;
    private final List<Thread> supervisors = new ArrayList<>();
    private final Map<Integer, Process> children = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;
    private Server databaseServer;

    public WorkerProcesses(WorkerIsolation isolation, WorkerProperties worker, StorageProperties storage,
                           BrokerProperties broker, Environment environment,
                           DataSourceProperties dataSource, ApplicationArguments arguments,
                           ObjectProvider<BrokerUsers> brokerUsers) {
        this.isolation = isolation;
        this.brokerUsers = brokerUsers;
        this.worker = worker;
        this.storage = storage;
        this.broker = broker;
        this.environment = environment;
        this.dataSource = dataSource;
        this.arguments = arguments;
    }

    /** Children start once this process serves (broker acceptor, store and database up). */
    @EventListener(ApplicationReadyEvent.class)
    public synchronized void startChildren() throws SQLException {
        if (!supervisors.isEmpty()) {
            return;
        }
        running = true;
        startDatabaseServer();
        for (int slot = 1; slot <= isolation.processes(); slot++) {
            int n = slot;
            Thread thread = new Thread(() -> supervise(n), "worker-process-" + n);
            thread.setDaemon(true);
            supervisors.add(thread);
            thread.start();
        }
    }

    private void supervise(int slot) {
        Duration delay = isolation.restartDelay();
        while (running) {
            long started = System.nanoTime();
            Process process;
            try {
                process = start(slot);
            } catch (IOException e) {
                log.error("Worker process {} could not be started: {}", slot, e.getMessage());
                sleep(isolation.maxRestartDelay());
                continue;
            }
            children.put(slot, process);
            log.info("Worker process {} started (pid {})", slot, process.pid());
            int code;
            try {
                code = process.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            children.remove(slot, process);
            if (!running) {
                log.info("Worker process {} (pid {}) stopped with code {}", slot, process.pid(), code);
                return;
            }
            Duration ran = Duration.ofNanos(System.nanoTime() - started);
            delay = ran.compareTo(STABLE) >= 0 ? isolation.restartDelay()
                    : min(delay.multipliedBy(2), isolation.maxRestartDelay());
            Duration wait = ran.compareTo(STABLE) >= 0 ? isolation.restartDelay() : delay.dividedBy(2);
            log.warn("Worker process {} (pid {}) exited with {} after {} s; its job in flight goes back to the queue."
                    + " Restarting it in {} ms", slot, process.pid(), describe(code), ran.toSeconds(), wait.toMillis());
            sleep(wait);
        }
    }

    /** "code 1", or "signal 11 (SIGSEGV)" for a child killed by a signal (the JVM's exit code 128+n). */
    static String describe(int code) {
        if (code > 128 && code < 160) {
            int signal = code - 128;
            String name = switch (signal) {
                case 4 -> "SIGILL";
                case 6 -> "SIGABRT";
                case 7 -> "SIGBUS";
                case 9 -> "SIGKILL";
                case 11 -> "SIGSEGV";
                case 15 -> "SIGTERM";
                default -> "signal";
            };
            return "signal " + signal + " (" + name + ", exit code " + code + ")";
        }
        return "exit code " + code;
    }

    private Process start(int slot) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(slot));
        builder.redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
        // stdin stays a pipe this process never writes to: it closes when we are gone (ParentWatch)
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(childEnvironment());
        return builder.start();
    }

    /** The child's command: this JVM's java and program, its -D and heap options, and {@link #childArguments}. */
    List<String> command(int slot) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-D") || option.startsWith("-Xmx") || option.startsWith("-Xms")
                    || option.startsWith("-Xss")) {
                command.add(option);
            }
        }
        String classPath = System.getProperty("java.class.path");
        if (!classPath.contains(java.io.File.pathSeparator) && classPath.endsWith(".jar")) {
            command.addAll(List.of("-jar", classPath)); // the packaged jar (nested jars need its launcher)
        } else {
            command.addAll(List.of("-cp", classPath, "io.courtside.CourtsideApplication"));
        }
        Map<String, String> overrides = childArguments(slot);
        for (String argument : arguments.getSourceArgs()) {
            if (!(argument.startsWith("--") && argument.contains("=")
                    && overridden(argument.substring(2, argument.indexOf('=')), overrides, childEnvironment()))) {
                command.add(argument);
            }
        }
        overrides.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /**
     * The settings that make a child a worker of this service (no secrets: those go in
     * {@link #childEnvironment()}).
     */
    Map<String, String> childArguments(int slot) {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("courtside.roles.api", "false");
        args.put("courtside.roles.worker", "true");
        args.put("courtside.worker.isolation", "in-process");
        args.put("courtside.worker.exit-with-parent", "true");
        args.put("courtside.demo.enabled", "false");
        // its own HTTP port (actuator only: the API is off), on loopback
        args.put("server.port", "0");
        args.put("server.address", "127.0.0.1");
        // Stable across restarts of this slot: a restarted child takes over the lease its dead predecessor held at
        // once (JobStore.claim), instead of waiting for the lease to run out and be swept.
        args.put("courtside.worker.id", worker.id() + "-w" + slot);
        if ("embedded".equals(environment.getProperty("spring.artemis.mode", "embedded"))) {
            args.put("spring.artemis.mode", "native");
            args.put("spring.artemis.embedded.enabled", "false");
            args.put("spring.artemis.broker-url", brokerUrl());
        }
        args.put("courtside.broker.tcp-acceptor", "");
        if (storage.embedded() != null && storage.embedded().enabled()) {
            args.put("courtside.storage.embedded.enabled", "false");
            args.put("courtside.storage.endpoint", storage.endpoint());
        }
        if (databaseServer != null) {
            args.put("spring.datasource.url", databaseUrl());
        }
        return args;
    }

    /**
     * The secrets a child needs, as environment variables (Spring reads SPRING_DATASOURCE_PASSWORD as
     * spring.datasource.password): the database's and the broker's credentials.
     */
    Map<String, String> childEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (dataSource.getUsername() != null) {
            env.put("SPRING_DATASOURCE_USERNAME", dataSource.getUsername());
        }
        if (dataSource.getPassword() != null) {
            env.put("SPRING_DATASOURCE_PASSWORD", dataSource.getPassword());
        }
        brokerCredentials().forEach(env::put);
        return env;
    }

    /**
     * The broker user the children log in as. With the embedded broker: the service's internal user
     * ({@link BrokerUsers}; its password is generated for each run unless configured); with an external broker:
     * the configured {@code spring.artemis.user/password}.
     */
    Map<String, String> brokerCredentials() {
        Map<String, String> env = new LinkedHashMap<>();
        BrokerUsers embedded = brokerUsers.getIfAvailable();
        String user = embedded != null ? embedded.internalUser() : environment.getProperty("spring.artemis.user");
        String password = embedded != null ? embedded.internalPassword()
                : environment.getProperty("spring.artemis.password");
        if (user != null && !user.isBlank()) {
            env.put("SPRING_ARTEMIS_USER", user);
            env.put("SPRING_ARTEMIS_PASSWORD", password == null ? "" : password);
        }
        return env;
    }

    private String brokerUrl() {
        String acceptor = broker.tcpAcceptor();
        if (acceptor == null || acceptor.isBlank()) {
            throw new IllegalStateException("courtside.worker.isolation=process needs the embedded broker's TCP"
                    + " acceptor (courtside.broker.tcp-acceptor) for its worker processes: set it, e.g."
                    + " tcp://127.0.0.1:61616, or set courtside.worker.isolation=in-process.");
        }
        URI uri = URI.create(acceptor.contains("?") ? acceptor.substring(0, acceptor.indexOf('?')) : acceptor);
        String host = uri.getHost() == null || uri.getHost().equals("0.0.0.0") ? "127.0.0.1" : uri.getHost();
        return "tcp://" + host + ":" + uri.getPort();
    }

    private void startDatabaseServer() throws SQLException {
        String url = dataSource.getUrl();
        if (url == null || !url.startsWith("jdbc:h2:file:")) {
            return; // PostgreSQL or another server: the children use the same URL
        }
        // No -tcpAllowOthers: H2 accepts connections from loopback only; -ifExists: no database can be created.
        databaseServer = Server.createTcpServer("-tcpPort", "0", "-ifExists", "-tcpDaemon").start();
        log.info("Embedded database served to worker processes on 127.0.0.1:{} (loopback only, user {})",
                databaseServer.getPort(), dataSource.getUsername());
    }

    private String databaseUrl() {
        String url = dataSource.getUrl();
        Path file = EmbeddedDatabaseCredentials.databaseFile(url);
        StringBuilder settings = new StringBuilder();
        int semicolon = url.indexOf(';');
        if (semicolon >= 0) {
            for (String setting : url.substring(semicolon + 1).split(";")) {
                String key = setting.split("=", 2)[0].toUpperCase(Locale.ROOT);
                if (!setting.isBlank() && !key.equals("WRITE_DELAY") && !key.equals("DB_CLOSE_ON_EXIT")
                        && !key.equals("AUTO_SERVER")) {
                    settings.append(';').append(setting);
                }
            }
        }
        return "jdbc:h2:tcp://127.0.0.1:" + databaseServer.getPort() + "/" + file + settings;
    }

    private static boolean overridden(String key, Map<String, String> arguments, Map<String, String> env) {
        String normal = normal(key);
        for (String k : arguments.keySet()) {
            if (normal(k).equals(normal)) {
                return true;
            }
        }
        for (String variable : env.keySet()) {
            if (normal(variable.replace('_', '.')).equals(normal)) {
                return true;
            }
        }
        return false;
    }

    private static String normal(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "");
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        // children start on ApplicationReadyEvent, once the broker, store and database serve
    }

    /** Stops the children before the broker, store and database close: each gets its shutdown grace. */
    @Override
    public synchronized void stop() {
        running = false;
        children.values().forEach(Process::destroy);
        long grace = environment.getProperty("camel.main.shutdown-timeout", Long.class, 30L) + 15;
        for (Process child : children.values()) {
            try {
                if (!child.waitFor(grace, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        supervisors.forEach(Thread::interrupt);
        if (databaseServer != null) {
            databaseServer.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stopped first (highest phase stops first), while the broker, store and database still serve. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
