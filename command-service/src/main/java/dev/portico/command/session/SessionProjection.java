package dev.portico.command.session;

import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code sessions} table in step with the events, in the same transaction. A deleted user's
 * sessions go with its account row (foreign key cascade).
 */
@Component
@ProcessingGroup("client-views")
class SessionProjection {
    private final JdbcClient jdbc;

    SessionProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SessionIssued event) {
        jdbc.sql("""
                INSERT INTO sessions (session_id, user_id, app_id, refresh_token_hash, device_id, identity_id, provider_type,
                                      issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(event.sessionId().value(), event.userId().value(), event.appId().value(),
                        event.refreshTokenHash(), event.deviceId().value(), event.identityId().value(),
                        event.providerType().wireName(),
                        Timestamp.from(event.issuedAt()), Timestamp.from(event.expiresAt()))
                .update();
    }

    @EventHandler
    void on(SessionRevoked event) {
        jdbc.sql("DELETE FROM sessions WHERE session_id = ?").param(event.sessionId().value()).update();
    }
}
