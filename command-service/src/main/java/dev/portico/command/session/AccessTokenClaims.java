package dev.portico.command.session;

import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;

/** What an access token says: whose session in which app, from which device. */
public record AccessTokenClaims(UserId userId, SessionId sessionId, AppId appId, String domainId, DeviceId deviceId) {
}
