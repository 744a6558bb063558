package dev.portico.command.provider;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.events.Identity;
import dev.portico.events.UserType;

/**
 * A provider's verdict: the credentials prove {@code identity}. {@code profile} is the provider's metadata
 * about the person (null when it has none); {@code newUserType} applies if this login creates the user.
 * {@code unseen} says the identity cannot belong to anybody yet (an anonymous one is minted per login), so
 * nobody needs to look for its user.
 */
public record VerifiedIdentity(Identity identity, ObjectNode profile, UserType newUserType, boolean unseen) {
}
