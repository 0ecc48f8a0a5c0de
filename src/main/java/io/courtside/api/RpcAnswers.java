package io.courtside.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * A JMS submit's answer as the reply's text: the JSON body ({RequestId, JobId...} or ICE's {RequestId, Code,
 * Message}), in one step instead of Camel's setBody, marshal and convertBodyTo, which cost a visible share of a
 * submit's CPU. (Over HTTP, {@code RpcEntryServlet} writes the reply itself.)
 */
@Component
public class RpcAnswers {

    private final ObjectMapper json = new ObjectMapper();

    public String json(RpcReply reply) {
        try {
            return json.writeValueAsString(reply.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer could not be written as JSON", e);
        }
    }
}
