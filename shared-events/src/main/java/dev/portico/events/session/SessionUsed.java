package dev.portico.events.session;

import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.UserEvent;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The session was used (a refresh) at {@code usedAt}. Recorded at most once per interval per session (an hour
 * by default), not per refresh: last use is coarse on purpose (docs/decisions/0012). Not a lifecycle event.
 */
@Revision("1")
public record SessionUsed(SessionId sessionId, UserId userId, Instant usedAt) implements UserEvent {
}
