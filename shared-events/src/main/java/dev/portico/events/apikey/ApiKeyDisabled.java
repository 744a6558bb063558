package dev.portico.events.apikey;

import dev.portico.events.ApiKeyId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An API key of the user no longer logs in, until it is enabled again; it stays listed. */
@Revision("1")
public record ApiKeyDisabled(UserId userId, ApiKeyId apiKeyId, Instant disabledAt) implements UserEvent {
}
