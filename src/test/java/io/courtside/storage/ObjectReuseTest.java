package io.courtside.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.kernel.ObjectLocation;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A part of a job run on the job's own worker uses the job's complete copy of the input (linked, nothing
 * downloaded), and never a copy still being downloaded or a link an earlier attempt left, which a download would
 * write through into the job's copy. Against a real S3-compatible server (S3Proxy on files, in this JVM).
 */
class ObjectReuseTest {

    private static final ObjectLocation INPUT = new ObjectLocation("inputs", "games/final.mp4");

    @TempDir
    Path dir;

    private S3Proxy server;
    private S3Client s3;

    @BeforeEach
    void startStore() throws Exception {
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", Files.createDirectories(dir.resolve("store")).toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").overrides(overrides)
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, INPUT.bucket());
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "reuse", "reuse-secret").build();
        server.start();
        while (!"STARTED".equals(server.getState())) {
            Thread.sleep(10);
        }
        s3 = S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("reuse", "reuse-secret")))
                // S3Proxy rejects the SDK's default flexible checksums (as the service's own client says).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    @AfterEach
    void stopStore() throws Exception {
        s3.close();
        server.stop();
    }

    /** The store holds the input with {@code length} random bytes; the downloads read it. */
    private ObjectDownloads downloads(long length) {
        byte[] bytes = new byte[(int) length];
        new Random(length).nextBytes(bytes);
        s3.putObject(PutObjectRequest.builder().bucket(INPUT.bucket()).key(INPUT.key()).build(), RequestBody.fromBytes(bytes));
        return new ObjectDownloads(s3, new StorageRetries(1, Duration.ZERO, Duration.ZERO),
                new InputProperties(List.of(), DataSize.ofGigabytes(1), false));
    }

    private Path jobCopy(int length, long seed) throws Exception {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        Path job = Files.createDirectories(dir.resolve("job")).resolve("source");
        Files.write(job, bytes);
        return job;
    }

    @Test
    void aCompleteCopyOfTheJobIsLinkedNotDownloaded() throws Exception {
        for (int length : new int[] {1, 4096, 300_001}) {
            Path job = jobCopy(length, length);
            Path part = Files.createDirectories(dir.resolve("range-" + length)).resolve("source");
            Path reused = downloads(length).reuse(INPUT, job, part);
            assertThat(reused).isEqualTo(part);
            assertThat(Files.isSameFile(part, job)).isTrue();
            assertThat(Files.mismatch(part, job)).isEqualTo(-1);
            // The job's folder goes first (the job ended): the part's link still holds the whole input.
            byte[] before = Files.readAllBytes(part);
            Files.delete(job);
            assertThat(Files.readAllBytes(part)).isEqualTo(before);
        }
    }

    @Test
    void aCopyStillDownloadingOrMissingIsNotUsed() throws Exception {
        Path part = Files.createDirectories(dir.resolve("range-0")).resolve("source");
        // No copy on this worker (another worker's job): nothing to link.
        assertThat(downloads(1000).reuse(INPUT, dir.resolve("job/source"), part)).isNull();
        assertThat(part).doesNotExist();
        // The job's download is under way: fewer bytes than the object has (and one more: another object).
        for (long objectLength : new long[] {1001, 999}) {
            Path job = jobCopy(1000, objectLength);
            assertThat(downloads(objectLength).reuse(INPUT, job, part)).isNull();
            assertThat(part).doesNotExist();
            assertThat(job).hasSize(1000);
        }
    }

    @Test
    void aLinkLeftByAnEarlierAttemptIsRemovedBeforeTheDownload() throws Exception {
        Path job = jobCopy(5000, 7);
        byte[] jobBytes = Files.readAllBytes(job);
        Path part = Files.createDirectories(dir.resolve("output-1")).resolve("source");
        Files.createLink(part, job); // an earlier attempt of the part died after linking
        // Now the object is another length: the copy is not used, and the part's file no longer is the job's, so a
        // download that truncates and writes it leaves the job's copy as it was.
        assertThat(downloads(6000).reuse(INPUT, job, part)).isNull();
        assertThat(part).doesNotExist();
        Files.write(part, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(job)).isEqualTo(jobBytes);
    }
}
