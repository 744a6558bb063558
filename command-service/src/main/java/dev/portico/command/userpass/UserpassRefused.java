package dev.portico.command.userpass;

import java.time.Duration;

/**
 * A request of the email/password provider that is refused; the message is shown to the client. The client
 * API decides the status and error code of each reason.
 */
public class UserpassRefused extends RuntimeException {
    public enum Reason {
        ACCOUNT_NAME_IN_USE,
        TOKEN_INVALID,
        ALREADY_CONFIRMED,
        USER_NOT_FOUND,
        BAD_REQUEST,
        INVALID_PARAMETER,
        FUNCTION_NOT_FOUND,
        FUNCTION_FAILED,
        TOO_MANY_ATTEMPTS,
        BUSY
    }

    private final Reason reason;
    private final Duration retryAfter;

    public UserpassRefused(Reason reason, String message) {
        this(reason, message, null);
    }

    public UserpassRefused(Reason reason, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** How long to wait before trying again, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    static UserpassRefused badRequest(String message) {
        return new UserpassRefused(Reason.BAD_REQUEST, message);
    }

    static UserpassRefused tokenInvalid() {
        return new UserpassRefused(Reason.TOKEN_INVALID, "invalid token data");
    }

    static UserpassRefused tooManyAttempts(Duration wait) {
        return new UserpassRefused(Reason.TOO_MANY_ATTEMPTS, tooManyAttemptsMessage(wait), wait);
    }

    static String tooManyAttemptsMessage(Duration wait) {
        return "too many failed attempts; try again in " + Math.max(1, wait.toSeconds()) + " seconds";
    }
}
