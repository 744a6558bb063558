package dev.portico.events;

/** End users are {@code normal}; users that log in with a server API key are {@code server}. */
public enum UserType {
    NORMAL,
    SERVER
}
