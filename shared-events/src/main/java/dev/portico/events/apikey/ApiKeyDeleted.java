package dev.portico.events.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An API key of the user is gone for good: it no longer logs in, nor is it listed. A user's keys also go
 * with the user ({@code UserDeleted}) without an event each.
 */
@Revision("1")
public record ApiKeyDeleted(UserId userId, ApiKeyId apiKeyId, Instant deletedAt) implements UserEvent {
}
