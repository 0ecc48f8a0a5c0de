package io.courtside.job;

import io.courtside.kernel.StageProgress;

import io.courtside.media.NativeStallWatchdog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves a job into a stage and hands back the {@link StageProgress} that stage reports through. Progress is
 * spread over 0..100 by stage; a stage done in parts (rendering output i of n) gets its share per part.
 * Entering a stage and reporting progress are also where a canceled job learns that it must stop.
 */
@Component
public class JobProgress {

    private static final Logger log = LoggerFactory.getLogger(JobProgress.class);
    // The share of the job's 0..100 each stage covers, from its start value to the next stage's.
    private static final Map<String, int[]> RANGES = Map.of(
            "FetchingInput", new int[] {0, 10},
            "Analysing", new int[] {10, 45},
            "Selecting", new int[] {45, 50},
            "Rendering", new int[] {50, 98},
            "Uploading", new int[] {50, 98});
    private static final long REPORT_INTERVAL_NANOS = Duration.ofMillis(500).toNanos();

    private final JobStore jobs;
    private final MeterRegistry meters;
    private final NativeStallWatchdog watchdog;

    public JobProgress(JobStore jobs, MeterRegistry meters, NativeStallWatchdog watchdog) {
        this.jobs = jobs;
        this.meters = meters;
        this.watchdog = watchdog;
    }

    /** Enters {@code stage} for part {@code part} of {@code parts} and returns its progress reporter. */
    public StageProgress stage(String jobId, String stage, int part, int parts) {
        watchdog.release(); // a decode pass ends with its stage; the next one is watched from its probe
        int[] range = RANGES.getOrDefault(stage, new int[] {0, 100});
        double from = range[0] + (range[1] - range[0]) * (double) part / parts;
        double to = range[0] + (range[1] - range[0]) * (double) (part + 1) / parts;
        jobs.enterStage(jobId, stage, (int) from).ifPresent(this::ended);
        return new StageProgress() {
            private long lastReport = System.nanoTime();
            private int lastProgress = (int) from;

            @Override
            public void report(double fraction) {
                long now = System.nanoTime();
                if (now - lastReport < REPORT_INTERVAL_NANOS) {
                    return;
                }
                lastReport = now;
                int progress = (int) (from + (to - from) * Math.max(0, Math.min(1, fraction)));
                // Written even when unchanged: the same statement tells whether the job was canceled.
                jobs.progress(jobId, Math.max(progress, lastProgress));
                lastProgress = Math.max(progress, lastProgress);
            }
        };
    }

    /** Marks the job Finished, closing its last stage. */
    public void finish(String jobId) {
        jobs.finish(jobId).ifPresent(this::ended);
    }

    private void ended(JobStore.StageTime time) {
        log.info("Stage {} done in {} s", time.stage(), String.format("%.2f", time.seconds()));
        Timer.builder("courtside.stage.duration").description("Time jobs spend in each stage")
                .tag("stage", time.stage()).register(meters).record(Duration.ofNanos((long) (time.seconds() * 1e9)));
    }
}
