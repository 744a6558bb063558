package dev.portico.events.user;

import dev.portico.events.AppId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The user is gone: its identities, sessions and keys are removed and its personal-data key destroyed, so
 * the sealed parts of its earlier events can no longer be read. Every session of the user ended with it.
 * Data owned by other services is theirs to remove when they hear of this.
 */
@Revision("1")
public record UserDeleted(UserId userId, AppId appId, DeletionReason reason, Instant deletedAt) implements UserEvent {
}
