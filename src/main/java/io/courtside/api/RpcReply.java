package io.courtside.api;

import java.util.Map;

/**
 * An answer to one RPC call: HTTP status and JSON body. The API route acts on the two job ids before the answer
 * goes out: {@code jobToQueue}, a newly accepted job to queue durably for a worker, and {@code callbackToQueue},
 * a job that ended without a worker (canceled while queued) whose callback must be sent.
 */
public record RpcReply(int httpStatus, Map<String, Object> body, String jobToQueue, String callbackToQueue) {

    public static RpcReply ok(Map<String, Object> body) {
        return new RpcReply(200, body, null, null);
    }
}
