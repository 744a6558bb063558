package dev.portico.query.api;

import org.springframework.http.HttpStatus;

/** An expected failure of a request, with the status and stable error code the caller receives. */
public class ApiError extends RuntimeException {
    private final HttpStatus status;
    private final ErrorCode code;

    public ApiError(HttpStatus status, ErrorCode code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiError invalidParameter(String message) {
        return new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_PARAMETER, message);
    }

    public static ApiError userNotFound(Object userId) {
        return new ApiError(HttpStatus.NOT_FOUND, ErrorCode.USER_NOT_FOUND, "user " + userId + " not found");
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }
}
