package dev.portico.command.command;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop an API key of the user from logging in, keeping it. */
public record DisableApiKey(@TargetAggregateIdentifier UserId userId, ApiKeyId apiKeyId) {
}
