package dev.portico.command.domain;

/** The user will not take another API key; {@link #reason()} says why, the message says it to the client. */
public class ApiKeyRefused extends RuntimeException {
    /** Why a new key was refused. */
    public enum Reason {
        /** An anonymous user's keys would outlive the only session that can ever act for it. */
        ANONYMOUS_USER,
        /** The user already holds {@code User.MAX_API_KEYS} keys. */
        LIMIT_REACHED,
        /** The user already has a key of that name. */
        NAME_TAKEN
    }

    private final Reason reason;

    public ApiKeyRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
