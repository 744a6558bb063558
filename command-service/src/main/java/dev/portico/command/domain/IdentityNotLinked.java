package dev.portico.command.domain;

import dev.portico.events.IdentityId;

/** A session was asked for through an identity that does not belong to the user. */
public class IdentityNotLinked extends RuntimeException {
    public IdentityNotLinked(IdentityId identity) {
        super("identity " + identity + " is not linked to this user");
    }
}
