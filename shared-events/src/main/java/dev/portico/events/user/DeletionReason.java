package dev.portico.events.user;

/** Who or what removed a user. */
public enum DeletionReason {
    /** The user asked for it (the client API's delete call). */
    USER_REQUEST,
    /** An anonymous user logged out: nobody can ever log in as it again. */
    ANONYMOUS_LOGOUT,
    /** An operator or an internal service removed the user. */
    ADMINISTRATIVE,
    /** An anonymous user nobody had logged in as or refreshed for the configured period (90 days by default). */
    ANONYMOUS_INACTIVE
}
