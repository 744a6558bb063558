package dev.portico.command.command;

import dev.portico.events.UserId;
import dev.portico.events.user.DeletionReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remove a user with its identities, sessions and keys. With {@link DeletionReason#ANONYMOUS_LOGOUT} it is
 * the consequence of a logout, and the user decides whether it applies (see {@code User}).
 */
public record DeleteUser(@TargetAggregateIdentifier UserId userId, DeletionReason reason) {
}
