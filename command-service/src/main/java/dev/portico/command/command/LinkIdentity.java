package dev.portico.command.command;

import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let another identity log in as this user. */
public record LinkIdentity(@TargetAggregateIdentifier UserId userId, SealedIdentity identity) {
}
