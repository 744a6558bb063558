package dev.portico.command.command;

import dev.portico.events.DeviceId;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import java.time.Instant;

/** The session a login asks for; only the refresh token's hash travels, the device details are sealed. */
public record SessionGrant(SessionId sessionId, DeviceId deviceId, String refreshTokenHash, SealedData client,
        Instant expiresAt) {
}
