package dev.portico.command.command;

import dev.portico.events.RevocationReason;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** End a session before it expires, e.g. because its user logged out. */
public record RevokeSession(@TargetAggregateIdentifier UserId userId, SessionId sessionId, RevocationReason reason) {
}
