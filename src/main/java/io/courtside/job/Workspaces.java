package io.courtside.job;

import io.courtside.config.CourtsideProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/** Each job's private scratch folder under {@code data-dir/work/<jobId>}. */
@Component
public class Workspaces {

    private final Path root;

    public Workspaces(CourtsideProperties properties) {
        this.root = properties.workDir().toAbsolutePath().normalize();
    }

    public Path path(String jobId) {
        if (!jobId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a job id: " + jobId);
        }
        return root.resolve(jobId);
    }

    /** Deletes the job's folder and everything in it; nothing when there is none. */
    public void remove(String jobId) {
        delete(path(jobId));
    }

    /** Deletes {@code dir} and everything in it; nothing when there is none. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clean " + dir, e);
        }
    }
}
