package io.courtside.kernel;

/** A request we refuse, answered as {@code {"RequestId","Code","Message"}} with the code's HTTP status. */
public class ApiException extends RuntimeException {

    private final ApiErrorCode code;

    public ApiException(ApiErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public static ApiException missing(String parameter) {
        return new ApiException(ApiErrorCode.MISSING_PARAMETER,
                "The input parameter \"" + parameter + "\" that is mandatory for processing this request is not supplied.");
    }

    public static ApiException invalid(String parameter, String why) {
        return new ApiException(ApiErrorCode.INVALID_PARAMETER,
                "The parameter \"" + parameter + "\" is invalid: " + why);
    }

    public ApiErrorCode code() {
        return code;
    }
}
