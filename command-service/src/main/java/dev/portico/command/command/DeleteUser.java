package dev.portico.command.command;

import dev.portico.events.DeletionReason;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove a user with its identities, sessions and keys. */
public record DeleteUser(@TargetAggregateIdentifier UserId userId, DeletionReason reason) {
}
