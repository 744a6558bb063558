package dev.portico.command.command;

import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give the user a new API key, which logs in as the user. */
public record CreateApiKey(@TargetAggregateIdentifier UserId userId, SealedApiKey apiKey) {
}
