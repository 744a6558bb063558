package dev.portico.command.command;

import dev.portico.events.Identity;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a session for a login of an existing user through {@code identity}. */
public record IssueSession(@TargetAggregateIdentifier UserId userId, Identity identity, SessionGrant session) {
}
