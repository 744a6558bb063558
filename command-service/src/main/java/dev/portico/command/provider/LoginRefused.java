package dev.portico.command.provider;

import java.time.Duration;

/**
 * Credentials that prove nothing; the message is shown to the client. {@code retryAfter} is set when the
 * provider refuses to look at the credentials for a while (too many failed attempts).
 */
public class LoginRefused extends RuntimeException {
    private final String errorCode;
    private final Duration retryAfter;

    public LoginRefused(String errorCode, String message) {
        this(errorCode, message, null);
    }

    public LoginRefused(String errorCode, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public String errorCode() {
        return errorCode;
    }

    /** How long the client should wait before it tries again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
