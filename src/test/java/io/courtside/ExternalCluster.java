package io.courtside;

import io.courtside.scale.LocalPostgres;
import io.courtside.scale.StandaloneBroker;
import io.courtside.scale.StandaloneObjectStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Courtside's outside parts as an operator runs them, without Docker, for tests of several Courtside processes: a
 * standalone Artemis broker and a standalone S3 server, each in its own JVM, and PostgreSQL, all under
 * {@code root}. {@link #process} describes one Courtside process (the packaged jar, profile external) that uses
 * them; the test starts, kills and restarts those itself. {@link #close} stops the parts, not the processes.
 */
public final class ExternalCluster implements AutoCloseable {

    private final Path root;
    private final LocalPostgres postgres;
    private final ChildJvm broker;
    private final ChildJvm objectStore;
    private final Map<String, String> env;
    private final S3Client s3;

    private ExternalCluster(Path root, LocalPostgres postgres, ChildJvm broker, ChildJvm objectStore,
                            Map<String, String> env, S3Client s3) {
        this.root = root;
        this.postgres = postgres;
        this.broker = broker;
        this.objectStore = objectStore;
        this.env = env;
        this.s3 = s3;
    }

    /**
     * Starts the parts on free ports, with credentials named after {@code name} and the store's {@code buckets};
     * what started is stopped again when a later part fails to.
     */
    public static ExternalCluster start(Path root, String name, String... buckets) throws Exception {
        String s3Key = name + "-access";
        String s3Secret = name + "-secret-key";
        String brokerUser = name + "-app";
        String brokerPassword = name + "-broker-secret";
        int brokerPort = CourtsideTestBase.freePort();
        int s3Port = CourtsideTestBase.freePort();
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalPostgres postgres = LocalPostgres.start(CourtsideTestBase.freePort());
            started.add(postgres);
            ChildJvm broker = ChildJvm.mainClass("broker", root, StandaloneBroker.class,
                    root.resolve("broker").toString(), Integer.toString(brokerPort), brokerUser, brokerPassword);
            started.add(broker);
            broker.awaitLog(StandaloneBroker.READY, Duration.ofMinutes(5)); // a loaded machine starts JVMs slowly
            List<String> storeArgs = new ArrayList<>(List.of(root.resolve("s3").toString(), Integer.toString(s3Port),
                    s3Key, s3Secret));
            storeArgs.addAll(List.of(buckets));
            ChildJvm objectStore = ChildJvm.mainClass("s3", root, StandaloneObjectStore.class,
                    storeArgs.toArray(String[]::new));
            started.add(objectStore);
            objectStore.awaitLog(StandaloneObjectStore.READY, Duration.ofMinutes(5));
            Map<String, String> env = Map.of(
                    "SPRING_PROFILES_ACTIVE", "external",
                    // A plain URL: the app itself turns prefetch off (courtside.broker.consumer-window-size).
                    "COURTSIDE_BROKER_URL", "tcp://127.0.0.1:" + brokerPort,
                    "COURTSIDE_BROKER_USER", brokerUser,
                    "COURTSIDE_BROKER_PASSWORD", brokerPassword,
                    "COURTSIDE_S3_ENDPOINT", "http://127.0.0.1:" + s3Port,
                    "COURTSIDE_S3_ACCESS_KEY", s3Key,
                    "COURTSIDE_S3_SECRET_KEY", s3Secret,
                    "COURTSIDE_DB_URL", postgres.jdbcUrl(),
                    "COURTSIDE_DB_USER", LocalPostgres.USER,
                    "COURTSIDE_DB_PASSWORD", LocalPostgres.PASSWORD);
            S3Client s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + s3Port))
                    .region(Region.US_EAST_1).forcePathStyle(true)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3Key, s3Secret)))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED).build();
            return new ExternalCluster(root, postgres, broker, objectStore, env, s3);
        } catch (Exception | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /** One Courtside process on these parts: its log {@code <root>/<name>.log}, data and worker id {@code name}. */
    public ServiceProcess process(String name) throws Exception {
        return ServiceProcess.external(root, env).name(name).dataDir(root.resolve(name)).workerId(name);
    }

    /** A client of the store, with the cluster's credentials. */
    public S3Client s3() {
        return s3;
    }

    public Map<String, String> env() {
        return env;
    }

    @Override
    public void close() {
        s3.close();
        closeAll(List.of(objectStore, broker, postgres));
    }

    /** Closes each of {@code parts} (those first that started last), reporting rather than stopping at a failure. */
    public static void closeAll(List<? extends AutoCloseable> parts) {
        List<AutoCloseable> reversed = new ArrayList<>(parts);
        java.util.Collections.reverse(reversed);
        for (AutoCloseable part : reversed) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                System.err.println("stopping: " + e);
            }
        }
    }
}
