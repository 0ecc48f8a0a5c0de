package io.courtside.storage;

import io.courtside.kernel.ObjectLocation;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;

/**
 * Copies an input object from the store into the job's work folder. When the store goes away mid-download the
 * copy resumes where it broke off (a ranged GET, pinned to the object's ETag so a replaced object is not
 * spliced onto the old one's first bytes), with backoff, for {@code courtside.storage.retries}; then the job
 * fails with {@code Storage.Error}. Objects over {@code courtside.input.max-bytes} are refused.
 */
@Component
@EnableConfigurationProperties(StorageRetries.class)
public class ObjectDownloads {

    private static final Logger log = LoggerFactory.getLogger(ObjectDownloads.class);

    private final S3Client s3;
    private final StorageRetries retries;
    private final InputProperties limit;

    public ObjectDownloads(S3Client s3, StorageRetries retries, InputProperties inputProperties) {
        this.s3 = s3;
        this.retries = retries;
        this.limit = inputProperties;
    }

    public Path download(ObjectLocation source, JobRun job) throws IOException, InterruptedException {
        return download(source, job.sourceFile());
    }

    /** The same into {@code target}, for the job's other files (registered logos and face photos). */
    public Path download(ObjectLocation source, Path target) throws IOException, InterruptedException {
        long written = 0;
        String etag = null;
        int failures = 0;
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            while (true) {
                GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(source.bucket()).key(source.key());
                if (etag != null) {
                    request.ifMatch(etag).range("bytes=" + written + "-");
                }
                try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request.build())) {
                    if (etag == null) {
                        etag = in.response().eTag();
                        Long length = in.response().contentLength();
                        if (length != null && limit.exceeds(length)) {
                            throw tooBig();
                        }
                    }
                    written = copy(in, out, written, buffer);
                    out.flush();
                    log.info("Downloaded {}/{}: {} bytes", source.bucket(), source.key(), written);
                    return target;
                } catch (IOException | SdkClientException broken) {
                    // The store stopped answering (the SDK's own retries gave up) or the stream broke off.
                    if (broken instanceof PartialRead partial) {
                        if (partial.bytes > written) {
                            failures = 0; // it moved on: only tries in a row without progress count
                        }
                        written = partial.bytes;
                    }
                    failures++;
                    if (failures >= retries.maxAttempts()) {
                        throw new JobFailure(JobFailure.STORAGE_ERROR, "The object store stopped answering while "
                                + source.bucket() + "/" + source.key() + " was downloaded (" + failures
                                + " tries, " + written + " bytes received; courtside.storage.retries): "
                                + broken.getMessage(), broken);
                    }
                    var wait = retries.delayAfter(failures);
                    log.warn("Download of {}/{} broke off after {} bytes ({}); resuming in {} ms", source.bucket(),
                            source.key(), written, broken.toString(), wait.toMillis());
                    Thread.sleep(wait.toMillis());
                }
            }
        } catch (RuntimeException | IOException | InterruptedException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    /**
     * This worker's complete copy of the object at {@code local} (the job's own download, in its workspace), linked
     * as {@code target} (a hard link: it stays whole when the job's folder goes first), so that a part of the job
     * run on the job's worker downloads nothing; null when there is no such copy (another worker's job, or a
     * download still under way: its size is not yet the object's), and {@code target} is then free to download to.
     */
    public Path reuse(ObjectLocation source, Path local, Path target) throws IOException {
        Files.deleteIfExists(target); // never write through a link left by an earlier attempt
        try {
            Files.createLink(target, local);
        } catch (FileSystemException | UnsupportedOperationException none) {
            return null;
        }
        try {
            // The linked file itself: its size is final once it is the object's (downloads only append).
            Long length = s3.headObject(HeadObjectRequest.builder().bucket(source.bucket()).key(source.key())
                    .build()).contentLength();
            if (length != null && Files.size(target) == length) {
                log.info("Reused this worker's copy of {}/{} ({} bytes): nothing downloaded", source.bucket(),
                        source.key(), length);
                return target;
            }
        } catch (SdkException unknown) {
            log.debug("Could not compare this worker's copy of {}/{}: {}", source.bucket(), source.key(),
                    unknown.toString());
        }
        Files.deleteIfExists(target);
        return null;
    }

    /** Appends the stream to {@code out} and returns the bytes written in all; a break-off says how many it got to. */
    private long copy(InputStream in, OutputStream out, long written, byte[] buffer) throws IOException {
        long total = written;
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (limit.exceeds(total + n)) {
                    throw tooBig();
                }
                out.write(buffer, 0, n);
                total += n;
            }
            return total;
        } catch (IOException e) {
            throw new PartialRead(total, e);
        }
    }

    private JobFailure tooBig() {
        return limit.tooLarge();
    }

    /** A stream that broke off after {@code bytes} bytes in all were written. */
    private static final class PartialRead extends IOException {
        final long bytes;

        PartialRead(long bytes, IOException cause) {
            super(cause.toString(), cause);
            this.bytes = bytes;
        }
    }
}
