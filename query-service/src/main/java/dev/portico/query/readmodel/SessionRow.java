package dev.portico.query.readmodel;

import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.RevocationReason;
import java.time.Instant;

/**
 * A row of {@code user_sessions}. {@code client} is what the SDK said of the device, sealed (null when the
 * login carried none); {@code lastUsedAt} is the login or the last recorded refresh; {@code revokedAt} and
 * {@code reason} are null while the session is open.
 */
public record SessionRow(SessionId sessionId, UserId userId, IdentityId identityId, ProviderType providerType,
        DeviceId deviceId, SealedData client, Instant issuedAt, Instant expiresAt, Instant lastUsedAt, Instant revokedAt,
        RevocationReason reason) {
}
