package dev.portico.events.session;

import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserEvent;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A login succeeded and opened a session, the first event of the session's own stream. Only the SHA-256
 * hash of the refresh token is recorded; {@code client} holds the device details and address the login came
 * from, sealed.
 */
@Revision("1")
public record SessionIssued(
        SessionId sessionId,
        UserId userId,
        AppId appId,
        IdentityId identityId,
        ProviderType providerType,
        DeviceId deviceId,
        String refreshTokenHash,
        SealedData client,
        Instant issuedAt,
        Instant expiresAt) implements UserEvent {
}
