package dev.portico.command.domain;

/** The user refuses to take this identity; the message is the one App Services clients know. */
public class IdentityNotLinkable extends RuntimeException {
    public IdentityNotLinkable(String message) {
        super(message, null, false, false);
    }
}
