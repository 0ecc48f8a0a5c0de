package io.courtside.api;

import java.util.Map;

/**
 * One API call as its entry established it: the parameters to act on (HTTP: the ones the gate verified against the
 * signature; JMS: the message's JSON fields) and who is calling (the verified AccessKeyId; {@code jms:<broker user>}).
 * The routes hand it to {@link RpcApi#call} as the body, so Camel binds it by type and parses no parameter expression
 * on every call.
 */
public record RpcCall(Map<String, ?> parameters, String caller) {
}
