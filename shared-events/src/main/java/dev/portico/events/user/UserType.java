package dev.portico.events.user;

/** End users are {@code normal}; users that log in with a server API key are {@code server}. */
public enum UserType {
    NORMAL,
    SERVER
}
