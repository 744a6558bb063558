package dev.portico.events.session;

/** Why a session stopped being usable before it expired. */
public enum RevocationReason {
    /** The user logged out of this session. */
    LOGGED_OUT,
    /** An operator revoked the user's sessions. */
    REVOKED,
    /** The user was disabled ({@code UserDisabled}), which ends all its sessions. */
    USER_DISABLED
}
