package dev.portico.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session's refresh token stopped working before it expired: a logout or a revocation. */
@Revision("1")
public record SessionEnded(UserId userId, SessionId sessionId, SessionEndReason reason, Instant endedAt) {
}
