package io.courtside.storage;

import io.courtside.kernel.ObjectLocation;

import io.courtside.config.CourtsideProperties;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

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
    private final long maxBytes;

    public ObjectDownloads(S3Client s3, StorageRetries retries, CourtsideProperties properties) {
        this.s3 = s3;
        this.retries = retries;
        this.maxBytes = properties.input().maxBytes().toBytes();
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
                        if (length != null && length > maxBytes) {
                            throw tooBig();
                        }
                    }
                    written = copy(in, out, written, buffer);
                    out.flush();
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

    /** Appends the stream to {@code out} and returns the bytes written in all; a break-off says how many it got to. */
    private long copy(InputStream in, OutputStream out, long written, byte[] buffer) throws IOException {
        long total = written;
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (total + n > maxBytes) {
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
        return new JobFailure(JobFailure.CONTENT_BAD,
                "The input media is larger than " + maxBytes + " bytes (courtside.input.max-bytes).");
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
