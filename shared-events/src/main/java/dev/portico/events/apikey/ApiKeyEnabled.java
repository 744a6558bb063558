package dev.portico.events.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A disabled API key of the user logs in again. */
@Revision("1")
public record ApiKeyEnabled(UserId userId, ApiKeyId apiKeyId, Instant enabledAt) implements UserEvent {
}
