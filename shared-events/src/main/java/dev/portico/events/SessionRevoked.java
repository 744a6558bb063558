package dev.portico.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A session's refresh token stopped working before it expired: a logout or a revocation. */
@Revision("1")
public record SessionRevoked(UserId userId, SessionId sessionId, RevocationReason reason, Instant revokedAt) {
}
