package dev.portico.command.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;

/** A new key on its way to its creator: the one place its secret exists in clear. */
public record CreatedApiKey(UserId owner, ApiKeyId id, String name, String secret) {
}
