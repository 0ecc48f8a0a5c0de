package io.courtside.api;

import java.util.Map;

/**
 * An answer to one RPC call: HTTP status and JSON body. The API route acts on {@code callbackToQueue} before the
 * answer goes out: a job that ended without a worker (canceled while queued) whose callback must be sent. (A newly
 * accepted job is already queued when its answer is made: {@link SubmitGroupCommit}.)
 */
public record RpcReply(int httpStatus, Map<String, Object> body, String callbackToQueue) {

    public static RpcReply ok(Map<String, Object> body) {
        return new RpcReply(200, body, null);
    }
}
