package io.courtside.api;

import io.courtside.kernel.ApiErrorCode;
import io.courtside.kernel.ApiException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Turns a refused or failed call into ICE's error answer; unexpected failures say InternalError, never a trace. */
@Component
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    public RpcReply reply(Exception failure) {
        Map<String, Object> body = RpcApi.answer();
        ApiErrorCode code;
        String message;
        if (failure instanceof ApiException api) {
            code = api.code();
            message = api.getMessage();
        } else if (failure instanceof org.springframework.jms.JmsException
                || failure instanceof jakarta.jms.JMSException
                || failure instanceof org.springframework.dao.DataAccessResourceFailureException) {
            code = ApiErrorCode.SERVICE_UNAVAILABLE;
            message = "The service cannot accept jobs right now; retry with the same ClientToken.";
            log.warn("Request {} refused: {}", body.get("RequestId"), failure.toString());
        } else {
            code = ApiErrorCode.INTERNAL_ERROR;
            message = "The request failed inside the service; quote RequestId " + body.get("RequestId") + ".";
            log.error("Request {} failed", body.get("RequestId"), failure);
        }
        body.put("Code", code.code());
        body.put("Message", message);
        return new RpcReply(code.httpStatus(), body, null);
    }
}
