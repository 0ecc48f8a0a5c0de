package io.courtside.storage;

import io.courtside.config.CourtsideProperties;
import io.courtside.kernel.JobFailure;
import io.courtside.kernel.JobRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Streams downloaded input media into the job's work folder, refusing files over the size limit. */
@Component
public class SourceFiles {

    private final long maxBytes;

    public SourceFiles(CourtsideProperties properties) {
        this.maxBytes = properties.input().maxBytes().toBytes();
    }

    public Path save(InputStream content, JobRun job) throws IOException {
        return save(content, job.sourceFile());
    }

    /** Streams {@code content} to {@code target} (in a job's work folder), refusing more than the size limit. */
    public Path save(InputStream content, Path target) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (InputStream in = content; OutputStream out = Files.newOutputStream(target)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new JobFailure(JobFailure.CONTENT_BAD,
                            "The input media is larger than " + maxBytes + " bytes (courtside.input.max-bytes).");
                }
                out.write(buffer, 0, n);
            }
        } catch (JobFailure | IOException e) {
            Files.deleteIfExists(target);
            throw e;
        }
        return target;
    }
}
