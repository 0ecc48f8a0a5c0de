package io.courtside.security;

import io.courtside.kernel.ApiErrorCode;
import io.courtside.kernel.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The parameters of an API call as {@link ApiGate} verified them: the signed query and form values (one each), and
 * for ACS3 the signed {@code x-acs-action}. Route {@code api-http} hands these, and nothing else, to the API, so an
 * HTTP header a client adds can neither supply nor override a parameter.
 */
@Component
public class VerifiedParameters {

    /** Request attribute the gate sets; clients cannot set request attributes. */
    public static final String ATTRIBUTE = VerifiedParameters.class.getName();

    @SuppressWarnings("unchecked")
    public Map<String, String> of(HttpServletRequest request) {
        Object verified = request == null ? null : request.getAttribute(ATTRIBUTE);
        if (!(verified instanceof Map<?, ?> map)) {
            // Only a request that did not pass the gate gets here: refuse rather than read anything else.
            throw new ApiException(ApiErrorCode.FORBIDDEN, "The request was not verified by the API gate.");
        }
        return (Map<String, String>) map;
    }
}
