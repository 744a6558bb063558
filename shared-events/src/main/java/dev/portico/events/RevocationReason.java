package dev.portico.events;

/** Why a session stopped being usable before it expired. */
public enum RevocationReason {
    LOGGED_OUT,
    REVOKED
}
