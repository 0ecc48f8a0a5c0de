package io.courtside.kernel;

/**
 * A failure that ends a job, carrying the ICE-style error code the caller sees in
 * {@code Extend.ErrorCode} and a message that says what to change.
 */
public class JobFailure extends RuntimeException {

    public static final String MATERIAL_NOT_FOUND = "InvalidMaterial.NotFound";
    /** A request entry the job cannot use (the caller must change it): ICE's InvalidParameter. */
    public static final String INVALID_PARAMETER = ApiErrorCode.INVALID_PARAMETER.code();
    public static final String CONTENT_BAD = ApiErrorCode.INVALID_PARAMETER.code() + ".ResourceContentBad";
    public static final String STORAGE_ERROR = "Storage.Error";
    public static final String RENDER_ERROR = "Render.Failed";
    public static final String INTERNAL_ERROR = "InternalError";

    private final String code;

    public JobFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    public JobFailure(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
