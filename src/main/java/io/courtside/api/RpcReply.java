package io.courtside.api;

import java.util.Map;

/**
 * An answer to one RPC call: HTTP status and JSON body. {@code jobToQueue} is set when the call accepted a new
 * job, which the submit route queues durably before the answer goes out.
 */
public record RpcReply(int httpStatus, Map<String, Object> body, String jobToQueue) {

    public static RpcReply ok(Map<String, Object> body) {
        return new RpcReply(200, body, null);
    }
}
