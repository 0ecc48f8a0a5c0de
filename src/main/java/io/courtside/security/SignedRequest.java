package io.courtside.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a signature covers: method, path, the decoded query and form parameters (each name with its values),
 * request headers by name (any case) and the raw body.
 */
public record SignedRequest(String method, String path, Map<String, List<String>> query,
                            Map<String, List<String>> form, Function<String, String> header, byte[] body) {
}
