package dev.portico.command.api;

import org.springframework.http.HttpStatus;

/** A request the client API refuses, with the status, code and message the client will see. */
public class ClientApiException extends RuntimeException {
    private final HttpStatus status;
    private final ErrorCode code;
    private final java.util.Map<String, String> headers;

    public ClientApiException(HttpStatus status, ErrorCode code, String message) {
        this(status, code, message, java.util.Map.of());
    }

    /** With response headers, e.g. {@code Retry-After}. */
    public ClientApiException(HttpStatus status, ErrorCode code, String message, java.util.Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = java.util.Map.copyOf(headers);
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    public static ClientApiException invalidSession(String message) {
        return new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.InvalidSession, message);
    }

    /** The exact text realm-web looks for to treat a logout of an unknown session as done. */
    public static ClientApiException unknownRefreshToken() {
        return invalidSession("invalid session: failed to find refresh token");
    }

    public static ClientApiException badRequest(String message) {
        return new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.BadRequest, message);
    }
}
