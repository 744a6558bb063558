package dev.portico.command.command;

import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop a user from logging in or refreshing until it is enabled again; answers whether anything changed. */
public record DisableUser(@TargetAggregateIdentifier UserId userId) {
}
