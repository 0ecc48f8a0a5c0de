package io.courtside.api;

import io.courtside.kernel.ApiErrorCode;
import io.courtside.kernel.ApiException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Reads a JMS submission: a JSON object holding the same parameters as the HTTP call. JSON-valued parameters
 * may be given as JSON strings (as over HTTP) or directly as nested objects. JMS may only submit: Action may be
 * left out or must be {@value RpcApi#SUBMIT}. The caller is the broker user that sent the message (JMSXUserID, set
 * by the broker, never by the message), as {@code jms:<user>}.
 */
@Component
public class JmsSubmissions {

    private final ObjectMapper json = new ObjectMapper();
    private final RpcApi api;
    // From a consumer taking a submission to the API's answer (courtside.api.served; the broker's queueing before).
    private final Timer served;

    public JmsSubmissions(RpcApi api, MeterRegistry meters) {
        this.api = api;
        this.served = Timer.builder("courtside.api.served").description("An API call, from the thread that took it"
                + " starting on it to its answer written").tag("channel", "jms").register(meters);
    }

    /**
     * Submits what the message asks, as {@code validatedUser} (the message's JMSXUserID): the API's answer. One step
     * for reading and calling, as each bean step of a JMS route copies the message (and its properties) once more.
     */
    public RpcReply submit(String message, String validatedUser) {
        long start = System.nanoTime();
        try {
            return api.call(call(message, validatedUser));
        } finally {
            served.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The call a submission message makes, as {@code validatedUser}. */
    RpcCall call(String message, String validatedUser) {
        return new RpcCall(parameters(message), caller(validatedUser));
    }

    private Map<String, Object> parameters(String message) {
        JsonNode node;
        try {
            node = message == null ? null : json.readTree(message);
        } catch (JsonProcessingException e) {
            throw new ApiException(ApiErrorCode.INVALID_PARAMETER,
                    "The message body is not valid JSON (" + e.getOriginalMessage() + ").");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(ApiErrorCode.INVALID_PARAMETER,
                    "The message body must be a JSON object of the call's parameters.");
        }
        JsonNode action = node.get("Action");
        if (action != null && !action.isNull() && !RpcApi.SUBMIT.equals(action.asText())) {
            throw new ApiException(ApiErrorCode.INVALID_ACTION, "The Action '" + action.asText() + "' is not"
                    + " available over JMS: the submit queue only takes " + RpcApi.SUBMIT + ". Leave Action out, or"
                    + " call the HTTP API (signed with an AccessKey) for the other actions.");
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                parameters.put(field.getKey(), value.isContainerNode() ? value.toString() : value.asText());
            }
        });
        parameters.put("Action", RpcApi.SUBMIT);
        return parameters;
    }

    /**
     * The caller a JMS submission acts as: {@code jms:<broker user>}, from the user the broker validated and
     * stamped on the message. Without one (an external broker that does not set populate-validated-user),
     * {@code jms}.
     */
    private static String caller(String validatedUser) {
        return validatedUser == null || validatedUser.isBlank() ? "jms" : "jms:" + validatedUser;
    }
}
