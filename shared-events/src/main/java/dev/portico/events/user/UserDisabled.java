package dev.portico.events.user;

import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An operator disabled the user: every session of the user ended with it (each as {@code SessionRevoked}
 * with reason {@code USER_DISABLED}, recorded after this event), and it can neither log in nor refresh until
 * {@code UserEnabled}. Its identities, keys and data stay. Who disabled it is in the event's metadata.
 */
@Revision("1")
public record UserDisabled(UserId userId, Instant disabledAt) implements UserEvent {
}
