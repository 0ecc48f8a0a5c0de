package io.courtside.api;

import io.courtside.job.JobViews;
import io.courtside.kernel.ApiErrorCode;
import io.courtside.kernel.ApiException;
import io.courtside.job.SubmitLimits;
import io.courtside.broker.DeadLetters;
import io.courtside.job.JobRecord;
import io.courtside.kernel.JobSpec;
import io.courtside.job.JobSpecParser;
import io.courtside.kernel.JobStatus;
import io.courtside.job.JobStore;
import io.courtside.kernel.MediaSource;
import io.courtside.kernel.ObjectLocation;
import io.courtside.tenancy.KeyScopes;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The ICE-compatible RPC API: one call of {@code Action} with its parameters, from HTTP or JMS alike.
 * Refusals are thrown as {@link ApiException}; the routes turn them into ICE error answers.
 */
@Component
public class RpcApi {

    public static final String SUBMIT = "SubmitSportsHighlightsJob";
    public static final String GET = "GetBatchMediaProducingJob";
    public static final String LIST = "ListBatchMediaProducingJobs";
    public static final String CANCEL = "CancelSportsHighlightsJob";
    public static final String LIST_DEAD = "ListDeadLetters";
    public static final String REPLAY_DEAD = "ReplayDeadLetter";

    private static final Logger log = LoggerFactory.getLogger(RpcApi.class);
    private static final Pattern JOB_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,64}");
    private static final String ACS_ACTION_HEADER = "x-acs-action";

    private final JobSpecParser specParser;
    private final JobStore jobs;
    private final DeadLetters deadLetters;
    private final KeyScopes scopes;
    private final int maxQueuedJobs;
    private final SubmitGroupCommit groupCommit;

    public RpcApi(JobSpecParser specParser, JobStore jobs, DeadLetters deadLetters, KeyScopes scopes,
                  SubmitLimits submitLimits, SubmitGroupCommit groupCommit) {
        this.specParser = specParser;
        this.jobs = jobs;
        this.deadLetters = deadLetters;
        this.scopes = scopes;
        this.maxQueuedJobs = submitLimits.maxQueuedJobs();
        this.groupCommit = groupCommit;
    }

    /**
     * The call's caller: who is calling, as the entry established it (the AccessKeyId whose signature the HTTP
     * gate verified; the JMS boundary's identity for queue submissions). ClientTokens are unique per caller; a job
     * belongs to the caller that submitted it, and other callers (but operator keys) cannot see or cancel it.
     */
    public RpcReply call(RpcCall call) {
        Map<String, String> p = flatten(call.parameters());
        String caller = call.caller();
        // The newer SDKs (ACS3 signatures) name the action in a header instead of a parameter.
        String action = p.containsKey("Action") ? p.get("Action") : p.get(ACS_ACTION_HEADER);
        if (action == null || action.isBlank()) {
            throw ApiException.missing("Action");
        }
        return switch (action) {
            case SUBMIT -> submit(p, caller);
            case GET -> get(p, caller);
            case LIST -> list(p, caller);
            case CANCEL -> cancel(p, caller);
            case LIST_DEAD -> listDeadLetters(p, caller);
            case REPLAY_DEAD -> replayDeadLetter(p, caller);
            default -> throw new ApiException(ApiErrorCode.INVALID_ACTION, "The action '" + action
                    + "' is not supported; use " + String.join(", ", SUBMIT, GET, LIST, CANCEL, LIST_DEAD) + " or "
                    + REPLAY_DEAD + ".");
        };
    }

    private RpcReply submit(Map<String, String> p, String caller) {
        String clientToken = p.get("ClientToken");
        if (clientToken != null && !CLIENT_TOKEN.matcher(clientToken).matches()) {
            throw ApiException.invalid("ClientToken", "must be 1 to 64 printable ASCII characters");
        }
        JobSpec spec = specParser.parse(p.get("InputConfig"), p.get("OutputConfig"), p.get("UserData"));
        checkScope(caller, spec);
        String userData = blankToNull(p.get("UserData"));
        // In the database and on the job queue when this returns (committed with concurrent submits). Counted and
        // inserted under one lock, so concurrent submits cannot pass the bound together. A retry of a job already
        // accepted answers its JobId even when the queue is full.
        JobStore.Accepted accepted = groupCommit.accept(new JobStore.NewJob(caller, clientToken,
                p.get("InputConfig"), p.get("OutputConfig"), userData)).orElseThrow(() -> new ApiException(
                ApiErrorCode.QUEUED_JOBS_QUOTA, maxQueuedJobs + " jobs are already waiting"
                + " (courtside.api.max-queued-jobs); retry later with the same ClientToken."));
        logAbout(accepted.jobId(), accepted.created() ? "Job accepted" : "Job already accepted for this ClientToken");
        Map<String, Object> body = answer();
        body.put("JobId", accepted.jobId());
        return RpcReply.ok(body);
    }

    /** Every store object the job names must lie in the caller's scope (when its AccessKey has one). */
    private void checkScope(String caller, JobSpec spec) {
        if (scopes.scopesOf(caller).isEmpty()) {
            return;
        }
        checkScope(caller, "InputConfig.InputMedia", spec.input().inputMedia());
        for (int i = 0; i < spec.input().faces().size(); i++) {
            List<MediaSource> urls = spec.input().faces().get(i).faceUrls();
            for (int j = 0; j < urls.size(); j++) {
                checkScope(caller, "InputConfig.FaceRegister[" + i + "].FaceUrls[" + j + "]", urls.get(j));
            }
        }
        List<MediaSource> logos = spec.input().slowMotionLogos();
        for (int i = 0; i < logos.size(); i++) {
            checkScope(caller, "InputConfig.SlowMotionLogoRegister.SlowMotionLogoUrls[" + i + "]", logos.get(i));
        }
        for (ObjectLocation target : spec.output().targets()) {
            checkScope(caller, "OutputConfig.MediaURL", target);
        }
    }

    private void checkScope(String caller, String parameter, MediaSource source) {
        // Web inputs are not in the store: courtside.input.allowed-hosts governs them, for every key alike.
        if (source instanceof MediaSource.StoredObject stored) {
            checkScope(caller, parameter, stored.location());
        }
    }

    private void checkScope(String caller, String parameter, ObjectLocation location) {
        if (!scopes.allows(caller, location)) {
            throw outOfScope(scopes, caller, parameter, location);
        }
    }

    /** The refusal of an object outside the caller's scope; also used by /files. */
    public static ApiException outOfScope(KeyScopes scopes, String caller, String parameter, ObjectLocation location) {
        return new ApiException(ApiErrorCode.FORBIDDEN_RAM, "The parameter \"" + parameter + "\" names "
                + location.uri() + ", outside what AccessKey " + caller + " may use (courtside.security.key-scopes): "
                + scopes.describe(caller) + ". Use an object under one of those.");
    }

    /**
     * A queued job is canceled at once (it will never start) and its callback is sent from here; a running job is
     * marked Canceled and its worker stops at its next progress report, cleans up and sends the callback.
     */
    private RpcReply cancel(Map<String, String> p, String caller) {
        String jobId = jobId(p);
        JobStore.CancelOutcome outcome = jobs.cancel(jobId, scopes.jobOwnerFilter(caller))
                .orElseThrow(() -> notFound(jobId));
        if (!outcome.canceled()) {
            throw ApiException.invalid("JobId", "the job has already ended (" + outcome.before() + ")");
        }
        logAbout(jobId, "Job canceled by the caller (was " + outcome.before() + ")");
        Map<String, Object> body = answer();
        body.put("JobId", jobId);
        body.put("Status", "Canceled");
        return new RpcReply(200, body, outcome.before() == JobStatus.Init ? jobId : null);
    }

    private RpcReply get(Map<String, String> p, String caller) {
        String jobId = jobId(p);
        JobRecord job = jobs.find(jobId, scopes.jobOwnerFilter(caller)).orElseThrow(() -> notFound(jobId));
        Map<String, Object> body = answer();
        body.put("EditingBatchJob", JobViews.editingBatchJobInFull(job));
        return RpcReply.ok(body);
    }

    /** The same answer for a job that does not exist and another caller's: JobIds cannot be probed. */
    private static ApiException notFound(String jobId) {
        return new ApiException(ApiErrorCode.RESOURCE_NOT_FOUND, "The job '" + jobId + "' does not exist.");
    }

    private RpcReply list(Map<String, String> p, String caller) {
        int maxResults = 10;
        if (p.get("MaxResults") != null) {
            try {
                maxResults = Integer.parseInt(p.get("MaxResults").trim());
            } catch (NumberFormatException e) {
                maxResults = -1;
            }
            if (maxResults < 1 || maxResults > 100) {
                throw ApiException.invalid("MaxResults", "must be a whole number from 1 to 100");
            }
        }
        JobStatus status = null;
        if (p.get("Status") != null) {
            try {
                status = JobStatus.valueOf(p.get("Status").trim());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("Status", "must be one of " + List.of(JobStatus.values()));
            }
        }
        OffsetDateTime afterTime = null;
        String afterJob = null;
        if (p.get("NextToken") != null) {
            try {
                String[] cursor = new String(Base64.getUrlDecoder().decode(p.get("NextToken")), StandardCharsets.UTF_8)
                        .split("/", 2);
                afterTime = OffsetDateTime.parse(cursor[0]);
                afterJob = cursor[1];
            } catch (RuntimeException e) {
                throw ApiException.invalid("NextToken", "is not a token this service gave out");
            }
        }
        Map<String, Object> body = answer();
        String jobType = p.get("JobType");
        List<JobRecord> page = jobType != null && !jobType.equals(JobViews.JOB_TYPE) ? List.of()
                : jobs.list(scopes.jobOwnerFilter(caller), status, time(p, "StartTime"), time(p, "EndTime"),
                        afterTime, afterJob, maxResults + 1);
        List<JobRecord> shown = page.subList(0, Math.min(page.size(), maxResults));
        body.put("EditingBatchJobList", shown.stream().map(JobViews::editingBatchJob).toList());
        body.put("MaxResults", maxResults);
        if (page.size() > maxResults) {
            JobRecord last = shown.get(shown.size() - 1);
            body.put("NextToken", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (last.createTime() + "/" + last.jobId()).getBytes(StandardCharsets.UTF_8)));
        }
        return RpcReply.ok(body);
    }

    /** [beyond ICE] For operators: what the broker gave up on (Queue=Jobs) or callbacks that never got through. */
    private RpcReply listDeadLetters(Map<String, String> p, String caller) {
        requireOperator(caller, LIST_DEAD);
        Map<String, Object> body = answer();
        List<Map<String, Object>> letters = deadLetters.list(deadLetterKind(p), 100).stream().map(letter -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("MessageId", letter.messageId());
            view.put("JobId", letter.jobId());
            view.put("OriginalQueue", letter.originalQueue());
            view.put("SentTime", JobViews.time(letter.sentTime().atOffset(java.time.ZoneOffset.UTC)));
            return view;
        }).toList();
        body.put("DeadLetters", letters);
        return RpcReply.ok(body);
    }

    private RpcReply replayDeadLetter(Map<String, String> p, String caller) {
        requireOperator(caller, REPLAY_DEAD);
        String messageId = p.get("MessageId");
        if (messageId == null || messageId.isBlank()) {
            throw ApiException.missing("MessageId");
        }
        var letter = deadLetters.replay(deadLetterKind(p), messageId.trim()).orElseThrow(() -> new ApiException(
                ApiErrorCode.RESOURCE_NOT_FOUND, "No dead letter '" + messageId + "' in that queue."));
        Map<String, Object> body = answer();
        body.put("MessageId", letter.messageId());
        body.put("JobId", letter.jobId());
        body.put("ReplayedTo", letter.originalQueue());
        return RpcReply.ok(body);
    }

    /** Dead letters hold every caller's jobs and callbacks: only operator keys may see or replay them. */
    private void requireOperator(String caller, String action) {
        if (!scopes.isOperator(caller)) {
            throw new ApiException(ApiErrorCode.NO_PERMISSION, action + " needs an operator key; AccessKey " + caller
                    + " is not one. Call it with a key listed in courtside.security.operator-keys"
                    + " (COURTSIDE_OPERATOR_KEYS).");
        }
    }

    private static DeadLetters.Kind deadLetterKind(Map<String, String> p) {
        String queue = p.get("Queue");
        if (queue == null || queue.isBlank()) {
            throw ApiException.missing("Queue");
        }
        try {
            return DeadLetters.Kind.valueOf(queue.trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("Queue", "must be Jobs or Callbacks");
        }
    }

    private static String jobId(Map<String, String> p) {
        String jobId = p.get("JobId");
        if (jobId == null || jobId.isBlank()) {
            throw ApiException.missing("JobId");
        }
        if (!JOB_ID.matcher(jobId.trim()).matches()) {
            throw ApiException.invalid("JobId", "must be 32 lower-case hexadecimal characters");
        }
        return jobId.trim();
    }

    private static OffsetDateTime time(Map<String, String> p, String name) {
        String value = p.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO 8601 UTC time such as 2026-11-24T08:00:00Z");
        }
    }

    static Map<String, Object> answer() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("RequestId", newRequestId());
        return body;
    }

    /** API threads serve many jobs: the JobId goes into the line's MDC for that line only. */
    private static void logAbout(String jobId, String message) {
        try (MDC.MDCCloseable ignored = MDC.putCloseable("jobId", jobId)) {
            log.info(message);
        }
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString().toUpperCase();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Parameters arrive as HTTP query/form values (repeated names give lists) or JSON message fields. */
    private static Map<String, String> flatten(Map<String, ?> parameters) {
        // Case-insensitive like HTTP header names, so x-acs-action is found however a client spells it.
        Map<String, String> flat = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parameters.forEach((name, value) -> {
            Object first = value instanceof List<?> list ? (list.isEmpty() ? null : list.get(0)) : value;
            if (first instanceof String s) {
                flat.put(name, s);
            } else if (first instanceof Number || first instanceof Boolean) {
                flat.put(name, first.toString());
            }
        });
        return flat;
    }
}
