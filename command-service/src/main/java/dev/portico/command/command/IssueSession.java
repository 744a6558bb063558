package dev.portico.command.command;

import dev.portico.events.DeviceId;
import dev.portico.events.Identity;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open a session for a login through {@code identity}; only the refresh token's hash travels. */
public record IssueSession(
        @TargetAggregateIdentifier UserId userId,
        SessionId sessionId,
        Identity identity,
        DeviceId deviceId,
        String refreshTokenHash,
        SealedData client,
        Instant expiresAt) {
}
