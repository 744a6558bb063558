package dev.portico.command.command;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A login with one of the user's API keys: open a session through the key's identity ({@code identity},
 * whose subject is the key's id), linking that identity first if this is the key's first login.
 */
public record OpenApiKeySession(@TargetAggregateIdentifier UserId userId, ApiKeyId apiKeyId, SealedIdentity identity,
        SessionGrant session) {
}
