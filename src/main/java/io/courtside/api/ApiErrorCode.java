package io.courtside.api;

/** ICE's error codes and the HTTP status each is answered with. */
public enum ApiErrorCode {
    MISSING_PARAMETER("MissingParameter", 400),
    INVALID_PARAMETER("InvalidParameter", 400),
    FORBIDDEN("Forbidden", 403),
    RESOURCE_NOT_FOUND("ResourceNotFound", 404),
    INVALID_ACTION("InvalidAction.NotFound", 404),
    REQUESTS_TOO_FREQUENT("RequestsTooFrequent", 429),
    INTERNAL_ERROR("InternalError", 500),
    SERVICE_UNAVAILABLE("ServiceUnAvailable", 503);

    private final String code;
    private final int httpStatus;

    ApiErrorCode(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    public String code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
