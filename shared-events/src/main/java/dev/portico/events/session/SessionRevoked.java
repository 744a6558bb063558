package dev.portico.events.session;

import dev.portico.events.SessionId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session's refresh token stopped working before it expired: a logout or a revocation. */
@Revision("1")
public record SessionRevoked(SessionId sessionId, UserId userId, RevocationReason reason, Instant revokedAt)
        implements UserEvent {
}
