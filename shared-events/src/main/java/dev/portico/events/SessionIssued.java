package dev.portico.events;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A login succeeded and opened a session. Only the SHA-256 hash of the refresh token is recorded.
 * {@code client} holds the device details and IP address the login came from, sealed as JSON.
 */
@Revision("1")
public record SessionIssued(
        UserId userId,
        AppId appId,
        SessionId sessionId,
        Identity identity,
        DeviceId deviceId,
        String refreshTokenHash,
        SealedData client,
        Instant issuedAt,
        Instant expiresAt) {
}
