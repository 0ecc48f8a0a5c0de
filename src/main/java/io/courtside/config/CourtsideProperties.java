package io.courtside.config;

import io.courtside.kernel.FitMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** The {@code courtside.*} settings; config/application.yaml documents each one. */
@ConfigurationProperties("courtside")
public record CourtsideProperties(
        Path dataDir,
        Path sportsDir,
        Roles roles,
        Queues queues,
        Worker worker,
        Broker broker,
        Storage storage,
        Input input,
        Api api,
        Callbacks callbacks,
        Render render,
        Uploads uploads,
        Demo demo) {

    public record Roles(boolean api, boolean worker) {
    }

    public record Queues(String submit, String jobs, String callbacks) {
    }

    public record Worker(String id, int concurrency, Duration requeueAfter, int maxAttempts) {
        public Worker {
            if (id == null || id.isBlank()) {
                // host and process: unique per worker process, and says where to look
                id = java.lang.management.ManagementFactory.getRuntimeMXBean().getName();
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("courtside.worker.max-attempts must be at least 1");
            }
        }
    }

    public record Broker(String tcpAcceptor, Duration redeliveryDelay, double redeliveryMultiplier,
                         int maxDeliveryAttempts) {
    }

    public record Storage(String endpoint, String region, boolean pathStyle, String accessKey, String secretKey,
                          List<String> virtualHostSuffixes, List<String> pathStyleHosts,
                          List<String> allowedBuckets, long multipartPartSize, Embedded embedded) {
        public record Embedded(boolean enabled, int port, List<String> buckets) {
        }
    }

    public record Input(List<String> allowedHosts, DataSize maxBytes, boolean allowPrivateAddresses) {
    }

    public record Api(int maxParameterBytes, int maxUserDataBytes, int maxOutputDuration, int maxQueuedJobs) {
    }

    /**
     * Callback delivery; see {@code courtside.callbacks.*}. {@code deadline}: the whole try (connect, request,
     * answer); {@code maxAnswerBytes}: the most of a receiver's answer read; {@code concurrency}: sends at once;
     * {@code userId}/{@code userIds}: the callback's UserId for every caller / per caller (AccessKeyId).
     */
    public record Callbacks(List<String> queuePrefixes, String iceCallbackKey, String hmacSecret, Duration timeout,
                            List<String> allowedPrivateHosts, long retryDelay, long retryMaxDelay, long retryFor,
                            Duration deadline, DataSize maxAnswerBytes, Integer concurrency, String userId,
                            java.util.Map<String, String> userIds) {

        /** The callback's UserId for a caller: its own mapping, else the installation's; null when neither is set. */
        public String userIdOf(String callerId) {
            String mapped = userIds == null || callerId == null ? null : userIds.get(callerId);
            String id = mapped != null && !mapped.isBlank() ? mapped : userId;
            return id == null || id.isBlank() ? null : id.trim();
        }
    }

    /**
     * Encoding and dressing of outputs; see {@code courtside.render.*} in config/application.yaml. The look and
     * mix fields may be absent (older configurations): their defaults are RenderSpec.Look/Mix.DEFAULT.
     */
    public record Render(FitMode fit, String x264Preset, int crf, Double captionSize, Double titleSeconds,
                         Double duckDb, Double loudnessLufs, Double truePeakDb, Boolean normaliseLoudness) {

        public io.courtside.kernel.RenderSpec.Look look(double transitionSeconds) {
            var d = io.courtside.kernel.RenderSpec.Look.DEFAULT;
            return new io.courtside.kernel.RenderSpec.Look(captionSize == null ? d.captionSize() : captionSize,
                    titleSeconds == null ? d.titleSeconds() : titleSeconds, transitionSeconds);
        }

        public io.courtside.kernel.RenderSpec.Mix mix() {
            var d = io.courtside.kernel.RenderSpec.Mix.DEFAULT;
            return new io.courtside.kernel.RenderSpec.Mix(duckDb == null ? d.duckDb() : duckDb,
                    loudnessLufs == null ? d.loudnessLufs() : loudnessLufs,
                    truePeakDb == null ? d.truePeakDb() : truePeakDb,
                    normaliseLoudness == null ? d.normalise() : normaliseLoudness);
        }
    }

    public record Uploads(String bucket) {
    }

    public record Demo(boolean enabled, String bucket) {
    }

    /** Per-job scratch files live here; nothing a job writes ever leaves it. */
    public Path workDir() {
        return dataDir.resolve("work");
    }
}
