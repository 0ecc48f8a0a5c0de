package io.courtside;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service in-process on real components: embedded Artemis (persistent journal), embedded S3Proxy on
 * a free port, H2 file database, all under a fresh data directory. Subclasses share one running instance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Metrics export (the /actuator/prometheus endpoint) is off in Spring Boot tests unless asked for.
@AutoConfigureMetrics
public abstract class CourtsideTestBase {

    protected static final Path DATA_DIR;
    protected static final int S3_PORT;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("courtside-test-");
            S3_PORT = freePort();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger BROKER_IDS = new java.util.concurrent.atomic.AtomicInteger(1000);

    /**
     * An in-VM broker id no other instance in this JVM has. Instances stay open in Spring's context cache, and an in-VM
     * connection goes to whichever broker registered its id; Spring Boot numbers brokers from 0, so these start at
     * 1000 (two instances sharing an id once sent one instance's jobs to the other's broker).
     */
    public static int uniqueBrokerId() {
        return BROKER_IDS.getAndIncrement();
    }

    /**
     * The parts of an instance of its own, and nothing else: a fresh data folder, store port and broker id, jobs in
     * this JVM, no broker TCP port. For a test class that sets its own keys and limits instead of the shared ones.
     */
    public static void registerBareInstance(DynamicPropertyRegistry registry, String dataDirPrefix) throws IOException {
        registerParts(registry, Files.createTempDirectory(dataDirPrefix), freePort());
    }

    private static void registerParts(DynamicPropertyRegistry registry, Path dataDir, int s3Port) {
        registry.add("courtside.data-dir", dataDir::toString);
        int brokerId = uniqueBrokerId();
        registry.add("spring.artemis.embedded.server-id", () -> brokerId);
        // Jobs run in this JVM (fast, and tests reach their beans); ProcessIsolationIT runs the default, child JVMs.
        registry.add("courtside.worker.isolation", () -> "in-process");
        registry.add("courtside.storage.embedded.port", () -> s3Port);
        registry.add("courtside.storage.embedded.buckets", () -> "courtside,outputs");
        // No fixed TCP port for the broker in tests; clients use the in-VM connection factory.
        registry.add("courtside.broker.tcp-acceptor", () -> "");
    }

    @DynamicPropertySource
    static void courtsideProperties(DynamicPropertyRegistry registry) {
        registerInstance(registry, DATA_DIR, S3_PORT);
    }

    /**
     * The test set-up of one instance. A test class that needs an instance of its own (other properties) must
     * not share the data directory or the S3 port with the shared instance, which stays open in Spring's context
     * cache: it calls this with its own. Each call gives the instance a broker id of its own.
     */
    public static void registerInstance(DynamicPropertyRegistry registry, Path dataDir, int s3Port) {
        registerParts(registry, dataDir, s3Port);
        // The test's callback receiver listens on loopback, which callbacks refuse unless allow-listed.
        registry.add("courtside.callbacks.allowed-private-hosts", () -> "127.0.0.1,localhost");
        registry.add("courtside.callbacks.ice-callback-key", () -> TestKeys.ICE_CALLBACK_KEY);
        registry.add("courtside.callbacks.hmac-secret", () -> TestKeys.HMAC_SECRET);
        registry.add("courtside.callbacks.retry-delay", () -> "200");
        // Retries for 2.5 s instead of an hour: tries at about 0, 0.2, 0.6 and 1.4 s, then the dead-letter queue.
        registry.add("courtside.callbacks.retry-for", () -> "2500");
        // A whole callback try (connect to last byte of the answer) may take 3 s instead of 10 (CallbackStallTest).
        registry.add("courtside.callbacks.deadline", () -> "3s");
        // The callback's UserId: the test key's own account, and the installation's for every other caller.
        registry.add("courtside.callbacks.user-ids.[" + TestKeys.ACCESS_KEY_ID + "]", () -> TestKeys.ACCOUNT_USER_ID);
        registry.add("courtside.callbacks.user-id", () -> TestKeys.INSTALLATION_USER_ID);
        // The test's media server is on loopback too: allow-listed, and private addresses allowed for inputs.
        registry.add("courtside.input.allowed-hosts", () -> "127.0.0.1");
        registry.add("courtside.input.allow-private-addresses", () -> "true");
        // Callers sign with this AccessKey (RpcClient, the SDK clients, the README's signing script).
        registry.add("courtside.security.access-keys", () -> TestKeys.ACCESS_KEY_ID + ":" + TestKeys.ACCESS_KEY_SECRET
                + "," + TestKeys.OTHER_KEY_ID + ":" + TestKeys.OTHER_KEY_SECRET
                + "," + TestKeys.TENANT_A_ID + ":" + TestKeys.TENANT_A_SECRET
                + "," + TestKeys.TENANT_B_ID + ":" + TestKeys.TENANT_B_SECRET);
        // The test key is the operator (dead letters, every job); the others see their own jobs only.
        registry.add("courtside.security.operator-keys", () -> TestKeys.ACCESS_KEY_ID);
        // Two tenants limited to their own folders of both buckets; test-key and other-key keep every bucket.
        registry.add("courtside.security.key-scopes", () -> TestKeys.TENANT_A_ID + "=courtside/tenant-a/,outputs/tenant-a/;"
                + TestKeys.TENANT_B_ID + "=courtside/tenant-b/,outputs/tenant-b");
        // Tests call fast and in bursts (twenty racing submits); ApiLimitsTest sets the production-like limit.
        registry.add("courtside.security.rate-limit-per-second", () -> "500");
        registry.add("courtside.security.rate-limit-burst", () -> "500");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public static final class TestKeys {
        public static final String ICE_CALLBACK_KEY = "ice-test-key";
        public static final String HMAC_SECRET = "courtside-test-secret";
        public static final String ACCESS_KEY_ID = "test-key";
        public static final String ACCESS_KEY_SECRET = "test-key-secret";
        /** The Alibaba Cloud account UserId the test key's callbacks carry; others carry the installation's. */
        public static final String ACCOUNT_USER_ID = "1234567890123456";
        public static final String INSTALLATION_USER_ID = "6543210987654321";
        /** A second caller, to show ClientTokens and rate limits are per caller. */
        public static final String OTHER_KEY_ID = "other-key";
        public static final String OTHER_KEY_SECRET = "other-key-secret";
        /** Two callers with storage scopes (their own folders), neither an operator: tenancy tests. */
        public static final String TENANT_A_ID = "tenant-a";
        public static final String TENANT_A_SECRET = "tenant-a-secret";
        public static final String TENANT_B_ID = "tenant-b";
        public static final String TENANT_B_SECRET = "tenant-b-secret";

        private TestKeys() {
        }
    }
}
