package io.courtside.job;

import io.courtside.kernel.JobStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A job as stored, with its sub-jobs (one per output). */
public record JobRecord(String jobId, String callerId, String clientToken, JobStatus status, String stage,
                        int progress, String inputConfig, String outputConfig, String userData, String errorCode,
                        String errorMessage, int attempts, String workerId, OffsetDateTime createTime, OffsetDateTime modifiedTime,
                        OffsetDateTime completeTime, List<SubJob> subJobs,
                        java.util.Map<String, Double> stageSeconds, String timeline,
                        List<CallbackAttempt> callbackAttempts) {

    /** The indexes of the outputs already uploaded (a job run again skips them), in order. */
    public Set<Integer> deliveredOutputs() {
        Set<Integer> indexes = new TreeSet<>();
        for (SubJob sub : subJobs) {
            if ("Success".equals(sub.status()) && sub.mediaUrl() != null) {
                indexes.add(sub.index());
            }
        }
        return indexes;
    }

    /** One try at delivering the job's callback: by http or to a queue; delivered, refused or unreachable. */
    public record CallbackAttempt(OffsetDateTime time, String channel, String outcome, String detail) {
    }

    /** One output; {@code captionsUrl} is its WebVTT captions beside it, or null. */
    public record SubJob(int index, String subJobId, String mediaUrl, Double duration, String status,
                         String errorCode, String errorMessage, String captionsUrl) {
    }
}
