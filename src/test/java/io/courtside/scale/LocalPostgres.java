package io.courtside.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster on loopback from the machine's PostgreSQL server binaries (.ci/run installs
 * Debian's package when absent). Runs as the postgres user when the test runs as root, as initdb requires.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String DATABASE = "courtside";
    public static final String USER = "courtside";
    public static final String PASSWORD = "courtside-test";

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private LocalPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    public static LocalPostgres start(int port) throws Exception {
        Path bin = serverBinaries();
        // Its own folder: the server user must be able to reach it, which a test's private temp folder denies.
        Path parent = Files.createTempDirectory("courtside-pg-");
        Path dataDir = parent.resolve("pgdata");
        Files.createDirectories(dataDir);
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres", parent.toString()));
        }
        LocalPostgres postgres = new LocalPostgres(bin, dataDir, port);
        postgres.asServerUser(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres");
        postgres.asServerUser(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-l",
                parent.resolve("postgres.log").toString(), "-o",
                "-p " + port + " -k " + parent + " -c listen_addresses=127.0.0.1", "start");
        postgres.sql("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
        postgres.sql("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public void sql(String statement) throws Exception {
        run(List.of(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-v", "ON_ERROR_STOP=1", "-c", statement));
    }

    @Override
    public void close() throws Exception {
        asServerUser(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "stop");
    }

    private void asServerUser(String... command) throws Exception {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        run(full);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static Path serverBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IllegalStateException("No PostgreSQL server binaries under /usr/lib/postgresql;"
                + " install Debian's postgresql package (.ci/run does)");
    }
}
