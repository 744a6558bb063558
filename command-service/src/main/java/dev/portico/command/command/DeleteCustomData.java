package dev.portico.command.command;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove the user's custom data document; without one, nothing changes. */
public record DeleteCustomData(@TargetAggregateIdentifier UserId userId, AppId appId) {
}
