package io.courtside.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courtside.CourtsideTestBase;
import io.courtside.GameFixtures;
import io.courtside.RpcClient;
import io.courtside.api.RpcApi;
import io.courtside.kernel.JobFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The object store goes away in the middle of a transfer: the embedded S3 server is stopped (in process) while
 * a download or an upload is under way (the app reaches it through a relay that slows traffic down, so the test
 * can stop it mid-transfer), then started again or not. A short outage ends in success with intact content; a
 * long one in a clear Storage.Error; never a corrupt or partial object at the output key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageFaultsTest {

    // An instance of its own (the relay in front of the store): its own data directory, store port and broker id.
    static final Path DATA_DIR;
    static final int S3_PORT;
    static final FaultProxy PROXY;

    static {
        try {
            DATA_DIR = Files.createTempDirectory("courtside-storage-faults-");
            S3_PORT = CourtsideTestBase.freePort();
            PROXY = new FaultProxy(S3_PORT);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void throughTheRelay(DynamicPropertyRegistry registry) {
        CourtsideTestBase.registerInstance(registry, DATA_DIR, S3_PORT);
        registry.add("courtside.storage.endpoint", () -> "http://127.0.0.1:" + PROXY.port());
        registry.add("courtside.storage.path-style-hosts", () -> "127.0.0.1:" + S3_PORT);
        // Each request is retried for at least 1.7 s: an outage of 1 s is ridden out, a lasting one is not.
        registry.add("courtside.storage.retries.max-attempts", () -> "6");
        registry.add("courtside.storage.retries.delay", () -> "200ms");
        registry.add("courtside.storage.retries.max-delay", () -> "1s");
    }

    @LocalServerPort
    int port;
    @Autowired
    S3Client s3;
    @Autowired
    EmbeddedObjectStore store;
    @Autowired
    ProducerTemplate camel;
    @TempDir
    Path dir;

    @AfterEach
    void restore() throws Exception {
        PROXY.throttle(0);
        store.start();
    }

    @Test
    void aDownloadCutOffByAShortOutageResumesAndTheJobFinishes() throws Exception {
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/outage.mp4");
        long size = Files.size(GameFixtures.demoGame().file());
        PROXY.throttle(size / 3); // about three seconds for the download
        long before = PROXY.toClient.get();
        String jobId = submit(input, "outage");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> PROXY.toClient.get() - before > size / 4);
        store.stop();
        PROXY.cutAll();
        Thread.sleep(1000);
        store.start();
        PROXY.throttle(0);

        JsonNode job = awaitEnd(jobId);
        assertThat(job.path("Status").asText()).as("job %s", job).isEqualTo("Finished");
        assertThat(PROXY.toClient.get() - before).as("resumed, not downloaded again from the start")
                .isLessThan(2 * size);
        assertThat(job.path("SubJobList").get(0).path("Duration").asDouble()).isBetween(3.0, 4.5);
    }

    @Test
    void aDownloadWhoseStoreStaysAwayFailsTheJobWithStorageError() throws Exception {
        String input = GameFixtures.uploadDemoGame(s3, "courtside", "games/gone.mp4");
        long size = Files.size(GameFixtures.demoGame().file());
        PROXY.throttle(size / 3);
        long before = PROXY.toClient.get();
        String jobId = submit(input, "gone");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> PROXY.toClient.get() - before > size / 4);
        store.stop();
        PROXY.cutAll();
        JsonNode job = awaitEnd(jobId);
        store.start();
        assertThat(job.path("Status").asText()).isEqualTo("Failed");
        assertThat(job.path("Extend").path("ErrorCode").asText()).isEqualTo(JobFailure.STORAGE_ERROR);
        assertThat(job.path("Extend").path("ErrorMessage").asText()).contains("courtside.storage.retries");
        assertThat(DATA_DIR.resolve("work").resolve(jobId)).doesNotExist();
    }

    @Test
    void aMultipartUploadCutOffByAShortOutageCompletesIntact() throws Exception {
        Path file = randomFile(12 << 20);
        PROXY.throttle(4 << 20);
        long before = PROXY.toServer.get();
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(file, "outage/big.mp4"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> PROXY.toServer.get() - before > 3 << 20);
        store.stop();
        PROXY.cutAll();
        Thread.sleep(1000);
        store.start();
        PROXY.throttle(0);
        upload.get(60, TimeUnit.SECONDS);
        ResponseBytes<?> stored = s3.getObjectAsBytes(b -> b.bucket("outputs").key("outage/big.mp4"));
        assertThat(sha256(stored.asByteArray())).isEqualTo(sha256(Files.readAllBytes(file)));
    }

    @Test
    void anUploadWhoseStoreStaysAwayFailsAndLeavesNothingAtTheKey() throws Exception {
        Path file = randomFile(12 << 20);
        PROXY.throttle(4 << 20);
        long before = PROXY.toServer.get();
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> upload(file, "gone/big.mp4"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> PROXY.toServer.get() - before > 3 << 20);
        store.stop();
        PROXY.cutAll();
        assertThatThrownBy(() -> upload.get(60, TimeUnit.SECONDS)).hasRootCauseInstanceOf(IOException.class);
        store.start();
        PROXY.throttle(0);
        assertThatThrownBy(() -> s3.headObject(b -> b.bucket("outputs").key("gone/big.mp4")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    /** The deliver route's own upload: camel-aws2-s3 multipart, 5 MB parts. */
    private void upload(Path file, String key) {
        camel.sendBodyAndHeader("aws2-s3:outputs?autoCreateBucket=false&multiPartUpload=true&partSize=5242880",
                file.toFile(), "CamelAwsS3Key", key);
    }

    private Path randomFile(int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new Random(bytes).nextBytes(data);
        return Files.write(dir.resolve("random-" + bytes), data);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private String submit(String input, String name) throws Exception {
        RpcClient.Answer answer = new RpcClient(port).call(RpcApi.SUBMIT,
                "InputConfig", "{\"SportsCategory\":\"basketball\",\"InputMedia\":\"" + input + "\"}",
                "OutputConfig", "{\"MediaURL\":\"s3://outputs/faults/" + name + ".mp4\",\"Width\":320,\"Height\":180,"
                        + "\"MaxDuration\":4}");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body().path("JobId").asText();
    }

    private JsonNode awaitEnd(String jobId) {
        RpcClient rpc = new RpcClient(port);
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> rpc.call(RpcApi.GET, "JobId", jobId).body().path("EditingBatchJob"),
                        job -> Set.of("Finished", "Failed").contains(job.path("Status").asText()));
    }
}
