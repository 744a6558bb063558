package dev.portico.command.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserId;
import java.time.Instant;

/** A key of a server user, as operators list it: never its secret. */
public record ServerKeyView(ApiKeyId id, String name, boolean disabled, UserId owner, Instant createdAt) {
}
