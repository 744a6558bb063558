package dev.portico.command.domain;

import dev.portico.events.SessionId;

/** The session is unknown to the user, already revoked or expired. */
public class SessionNotFound extends RuntimeException {
    public SessionNotFound(SessionId sessionId) {
        super("session " + sessionId + " is not open");
    }
}
