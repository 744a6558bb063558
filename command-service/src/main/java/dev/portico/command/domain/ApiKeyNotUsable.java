package dev.portico.command.domain;

/**
 * A login presented an API key that does not log in (any more): unknown, disabled, deleted, or its user is
 * gone. Clients learn no more than that, whichever it was.
 */
public class ApiKeyNotUsable extends RuntimeException {
    public ApiKeyNotUsable() {
        super("invalid API key", null, false, false);
    }
}
