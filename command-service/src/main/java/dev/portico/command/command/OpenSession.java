package dev.portico.command.command;

import dev.portico.events.IdentityId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a session for a login of an existing user through one of its identities. */
public record OpenSession(@TargetAggregateIdentifier UserId userId, IdentityId identityId, SessionGrant session) {
}
