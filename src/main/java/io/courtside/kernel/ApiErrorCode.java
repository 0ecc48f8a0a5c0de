package io.courtside.kernel;

/** ICE's error codes and the HTTP status each is answered with. */
public enum ApiErrorCode {
    MISSING_PARAMETER("MissingParameter", 400),
    INVALID_PARAMETER("InvalidParameter", 400),
    FORBIDDEN("Forbidden", 403),
    // A caller-given object outside its AccessKey's storage scope (courtside.security.key-scopes), as RAM refuses.
    FORBIDDEN_RAM("Forbidden.RAM", 403),
    // An operator call (dead letters) from an AccessKey that is not on courtside.security.operator-keys.
    NO_PERMISSION("Forbidden.NoPermission", 403),
    // Alibaba Cloud's answers to a request whose AccessKey signature does not hold.
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId.NotFound", 404),
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 400),
    INCOMPLETE_SIGNATURE("IncompleteSignature", 400),
    SIGNATURE_NONCE_USED("SignatureNonceUsed", 400),
    TIMESTAMP_EXPIRED("InvalidTimeStamp.Expired", 400),
    TIMESTAMP_FORMAT("InvalidTimeStamp.Format", 400),
    REQUEST_TOO_LARGE("RequestEntityTooLarge", 413),
    QUEUED_JOBS_QUOTA("QuotaExceeded.QueuedJobs", 429),
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
