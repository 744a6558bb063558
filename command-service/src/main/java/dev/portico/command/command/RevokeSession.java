package dev.portico.command.command;

import dev.portico.events.SessionId;
import dev.portico.events.session.RevocationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a session before it expires, e.g. because its user logged out. */
public record RevokeSession(@TargetAggregateIdentifier SessionId sessionId, RevocationReason reason) {
}
