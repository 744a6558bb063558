package dev.portico.command.domain;

import dev.portico.events.Identity;

/** A session was asked for through an identity that does not belong to the user. */
public class IdentityNotLinked extends RuntimeException {
    public IdentityNotLinked(Identity identity) {
        super("identity " + identity.providerType().wireName() + " is not linked to this user");
    }
}
