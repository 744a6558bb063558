package dev.portico.command.command;

import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let a disabled user log in again; answers whether anything changed. */
public record EnableUser(@TargetAggregateIdentifier UserId userId) {
}
