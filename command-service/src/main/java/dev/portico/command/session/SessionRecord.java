package dev.portico.command.session;

import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.time.Instant;

/** An open session as the client API sees it; {@code activeAt} is its issue or last recorded refresh. */
public record SessionRecord(SessionId sessionId, UserId userId, AppId appId, DeviceId deviceId, Instant expiresAt,
        Instant activeAt) {
}
