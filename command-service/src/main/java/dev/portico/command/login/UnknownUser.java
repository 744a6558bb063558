package dev.portico.command.login;

/** An operator named a user that the app does not have: never existed, deleted, or another app's. */
public class UnknownUser extends RuntimeException {
    public UnknownUser() {
        super("user not found", null, false, false);
    }
}
