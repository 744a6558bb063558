package dev.portico.command.command;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator creates a server API key: a user of type server comes into being with the key as its only way in. */
public record RegisterServerUser(@TargetAggregateIdentifier UserId userId, AppId appId, SealedApiKey apiKey) {
}
