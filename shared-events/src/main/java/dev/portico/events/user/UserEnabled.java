package dev.portico.events.user;

import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A disabled user may log in again; the sessions that ended when it was disabled stay ended. */
@Revision("1")
public record UserEnabled(UserId userId, Instant enabledAt) implements UserEvent {
}
