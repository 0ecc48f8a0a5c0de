package io.courtside.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

/**
 * An answer's JSON body as sent back ({RequestId, JobId...} or ICE's {RequestId, Code, Message}): the JMS reply's
 * text and the HTTP response's body. One step instead of Camel's setBody, marshal and convertBodyTo, which cost a
 * visible share of a submit's CPU.
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
