package dev.portico.query.query;

import dev.portico.events.SessionId;
import java.util.Objects;

/** Whether a session has ended (logged out or revoked): answered with a {@code Long}, 1 if so, else 0. */
public record CountEndedSessions(SessionId sessionId) {
    public CountEndedSessions {
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
