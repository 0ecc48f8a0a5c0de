package io.courtside.job;

import io.courtside.kernel.JobStatus;

import io.courtside.config.CourtsideProperties;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * At start-up, before any job is taken, deletes the work folders that attempts of a previous run of this worker
 * left behind when it died (kill -9, power loss): every folder except those of jobs being processed right now by
 * another worker sharing the data directory. A job claimed again also starts from an empty folder (JobStart).
 */
@Component
public class StaleWorkspaces {

    private static final Logger log = LoggerFactory.getLogger(StaleWorkspaces.class);

    private final Workspaces workspaces;
    private final JobStore jobs;
    private final Path root;
    private final String workerId;

    public StaleWorkspaces(Workspaces workspaces, JobStore jobs, CourtsideProperties properties) {
        this.workspaces = workspaces;
        this.jobs = jobs;
        this.root = properties.workDir().toAbsolutePath().normalize();
        this.workerId = properties.worker().id();
    }

    @PostConstruct
    public void clean() throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> folders;
        try (Stream<Path> list = Files.list(root)) {
            folders = list.filter(Files::isDirectory).toList();
        }
        int removed = 0;
        for (Path folder : folders) {
            String jobId = folder.getFileName().toString();
            if (!jobId.matches("[0-9a-f]{32}")) {
                continue; // not ours
            }
            boolean runningElsewhere = jobs.find(jobId).map(job -> job.status() == JobStatus.Processing
                    && job.workerId() != null && !job.workerId().equals(workerId)).orElse(false);
            if (!runningElsewhere) {
                workspaces.remove(jobId);
                removed++;
            }
        }
        if (removed > 0) {
            log.info("Removed {} work folder(s) left by attempts that did not end (the worker stopped during them)",
                    removed);
        }
    }
}
