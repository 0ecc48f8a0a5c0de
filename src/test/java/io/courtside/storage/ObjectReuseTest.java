package io.courtside.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.courtside.kernel.ObjectLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * A part of a job run on the job's own worker uses the job's complete copy of the input (linked, nothing
 * downloaded: a store that only answers HEAD is enough), and never a copy still being downloaded or a link an
 * earlier attempt left, which a download would write through into the job's copy.
 */
class ObjectReuseTest {

    private static final ObjectLocation INPUT = new ObjectLocation("inputs", "games/final.mp4");

    @TempDir
    Path dir;

    /** A store that knows one object of {@code length} bytes and answers HEAD only (any GET fails the test). */
    private static ObjectDownloads downloads(long length, AtomicInteger heads) {
        S3Client store = new S3Client() {
            @Override
            public HeadObjectResponse headObject(HeadObjectRequest request) {
                heads.incrementAndGet();
                assertThat(request.bucket() + "/" + request.key()).isEqualTo(INPUT.bucket() + "/" + INPUT.key());
                return HeadObjectResponse.builder().contentLength(length).eTag("\"e\"").build();
            }

            @Override
            public String serviceName() {
                return "s3";
            }

            @Override
            public void close() {
            }
        };
        return new ObjectDownloads(store, new StorageRetries(1, Duration.ZERO, Duration.ZERO),
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
            AtomicInteger heads = new AtomicInteger();
            Path reused = downloads(length, heads).reuse(INPUT, job, part);
            assertThat(reused).isEqualTo(part);
            assertThat(Files.isSameFile(part, job)).isTrue();
            assertThat(Files.mismatch(part, job)).isEqualTo(-1);
            assertThat(heads).hasValue(1);
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
        assertThat(downloads(1000, new AtomicInteger()).reuse(INPUT, dir.resolve("job/source"), part)).isNull();
        assertThat(part).doesNotExist();
        // The job's download is under way: fewer bytes than the object has (and one more: another object).
        for (long objectLength : new long[] {1001, 999}) {
            Path job = jobCopy(1000, objectLength);
            assertThat(downloads(objectLength, new AtomicInteger()).reuse(INPUT, job, part)).isNull();
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
        assertThat(downloads(6000, new AtomicInteger()).reuse(INPUT, job, part)).isNull();
        assertThat(part).doesNotExist();
        Files.write(part, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(job)).isEqualTo(jobBytes);
    }
}
