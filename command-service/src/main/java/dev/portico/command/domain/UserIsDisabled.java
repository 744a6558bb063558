package dev.portico.command.domain;

/** A disabled user was asked to open a session or link an identity. */
public class UserIsDisabled extends RuntimeException {
    public UserIsDisabled() {
        super("user disabled", null, false, false);
    }
}
