package io.courtside.job;

import io.courtside.kernel.JobSpec;
import io.courtside.notify.CallbackProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courtside.notify.Callback;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Builds ICE's {@code SportsHighlightsComplete} callback for an ended job; null when it asked for none or its
 * callback has already been delivered (callbacks are sent once even when queued twice).
 */
@Component
public class CallbackMessages {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallbackMessages.class);

    private final ObjectMapper json = new ObjectMapper();
    private final JobStore jobs;
    private final CallbackProperties settings;

    public CallbackMessages(JobStore jobs, CallbackProperties callbackProperties) {
        this.jobs = jobs;
        this.settings = callbackProperties;
    }

    public Callback build(String jobId) throws JsonProcessingException {
        org.slf4j.MDC.put("jobId", jobId); // the callback's log lines carry the JobId too
        JobRecord job = jobs.find(jobId).orElse(null);
        String address = job == null ? null : notifyAddress(job.userData());
        if (address == null) {
            return null;
        }
        if (jobs.callbackDelivered(jobId)) {
            // A second callback message for the job (its job message was delivered again after the first was
            // queued): the caller already has it.
            log.info("Callback for job {} was already delivered; not sent again", jobId);
            return null;
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("EventType", "SportsHighlightsComplete");
        message.put("EventTime", JobViews.time(job.completeTime() != null ? job.completeTime()
                : OffsetDateTime.now(ZoneOffset.UTC)));
        // ICE's UserId is the Alibaba Cloud account's id, not a credential: the configured one for this caller
        // (courtside.callbacks.user-ids / user-id), null when none is set. The AccessKeyId never goes out here.
        message.put("UserId", settings.userIdOf(job.callerId()));
        message.put("MessageBody", JobViews.callbackBody(job));
        return new Callback(jobId, address, json.writeValueAsString(message));
    }

    private String notifyAddress(String userData) throws JsonProcessingException {
        if (userData == null) {
            return null;
        }
        String address = JobSpec.UserData.notifyAddressIn(json.readTree(userData));
        return address == null || address.isEmpty() ? null : address;
    }
}
