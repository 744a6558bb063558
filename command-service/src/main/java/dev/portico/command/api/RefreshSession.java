package dev.portico.command.api;

import dev.portico.command.session.SessionRecord;

/** A controller parameter: the request carried the refresh token of an open session. */
public record RefreshSession(SessionRecord session) {
}
