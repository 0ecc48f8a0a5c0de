package io.courtside.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads a JMS submission: a JSON object holding the same parameters as the HTTP call. JSON-valued parameters
 * may be given as JSON strings (as over HTTP) or directly as nested objects. Action defaults to submitting.
 */
@Component
public class JmsSubmissions {

    private final ObjectMapper json = new ObjectMapper();

    public Map<String, Object> parameters(String message) {
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
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("Action", RpcApi.SUBMIT);
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                parameters.put(field.getKey(), value.isContainerNode() ? value.toString() : value.asText());
            }
        });
        return parameters;
    }
}
