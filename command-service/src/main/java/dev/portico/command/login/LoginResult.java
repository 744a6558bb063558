package dev.portico.command.login;

import dev.portico.events.DeviceId;
import dev.portico.events.UserId;

/** The answer to a successful login; the refresh token exists in clear only here, on its way to the client. */
public record LoginResult(UserId userId, String accessToken, String refreshToken, DeviceId deviceId) {
}
