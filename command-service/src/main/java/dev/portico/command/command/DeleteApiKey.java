package dev.portico.command.command;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Remove an API key of the user for good. */
public record DeleteApiKey(@TargetAggregateIdentifier UserId userId, ApiKeyId apiKeyId) {
}
