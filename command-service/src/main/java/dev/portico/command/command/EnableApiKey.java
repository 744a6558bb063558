package dev.portico.command.command;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Let a disabled API key of the user log in again. */
public record EnableApiKey(@TargetAggregateIdentifier UserId userId, ApiKeyId apiKeyId) {
}
