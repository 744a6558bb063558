package dev.portico.command.api;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * A request the client API refuses, with the status, code and message the client will see, and how long it
 * should wait before trying again when that matters ({@code Retry-After}).
 */
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

    /** With {@code Retry-After}; null when waiting would not help. */
    public ClientApiException(HttpStatus status, ErrorCode code, String message, Duration retryAfter) {
        this(status, code, message, retryAfter == null ? java.util.Map.of()
                : java.util.Map.of(org.springframework.http.HttpHeaders.RETRY_AFTER,
                        String.valueOf(Math.max(1, retryAfter.toSeconds()))));
    }

    public HttpStatus status() {
        return status;
    }

    public ErrorCode code() {
        return code;
    }

    /** An access token of a session that is no longer open (logged out, expired, user disabled or deleted). */
    static ClientApiException sessionEnded() {
        return invalidSession("invalid session: session has ended");
    }

    public static ClientApiException invalidSession(String message) {
        return new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.InvalidSession, message);
    }

    /** The exact text realm-web looks for to treat a logout of an unknown session as done. */
    public static ClientApiException unknownRefreshToken() {
        return invalidSession("invalid session: failed to find refresh token");
    }

    /** A disabled user's login or refresh (spec: 401 {@code UserDisabled}); not InvalidSession, so no refresh loop. */
    public static ClientApiException userDisabled() {
        return new ClientApiException(HttpStatus.UNAUTHORIZED, ErrorCode.UserDisabled, "user disabled");
    }

    /** An unknown provider, or one the app does not enable or has disabled: all look the same to a client. */
    public static ClientApiException providerNotFound(String provider) {
        return new ClientApiException(HttpStatus.NOT_FOUND, ErrorCode.AuthProviderNotFound,
                "authentication provider not found: '" + provider + "'");
    }

    public static ClientApiException badRequest(String message) {
        return new ClientApiException(HttpStatus.BAD_REQUEST, ErrorCode.BadRequest, message);
    }
}
