package dev.portico.events.session;

/** Why a session stopped being usable before it expired. */
public enum RevocationReason {
    LOGGED_OUT,
    REVOKED
}
