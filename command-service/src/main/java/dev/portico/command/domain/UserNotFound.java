package dev.portico.command.domain;

import dev.portico.events.UserId;

/** The user is not one of the app named by the request: to the caller, it does not exist. */
public class UserNotFound extends RuntimeException {
    public UserNotFound(UserId user) {
        super("user not found: " + user.value(), null, false, false);
    }
}
