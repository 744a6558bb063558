package dev.portico.command.session;

import dev.portico.command.store.TimestampParameter;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.session.SessionUsed;
import dev.portico.events.user.UserEnabled;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code sessions} table in step with the events, in the same transaction. A deleted user's
 * sessions go with its account row (foreign key cascade). A session ended by disabling its user stays, marked,
 * until the user is enabled, so that its refresh token can be told "user disabled".
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
                        TimestampParameter.of(event.issuedAt()), TimestampParameter.of(event.expiresAt()))
                .update();
    }

    @EventHandler
    void on(SessionRevoked event) {
        if (event.reason() == RevocationReason.USER_DISABLED) {
            jdbc.sql("UPDATE sessions SET ended_by_disabling = TRUE WHERE session_id = ?")
                    .param(event.sessionId().value()).update();
        } else {
            jdbc.sql("DELETE FROM sessions WHERE session_id = ?").param(event.sessionId().value()).update();
        }
    }

    /** What the clean-up of anonymous users goes by, besides logins. */
    @EventHandler
    void on(SessionUsed event) {
        jdbc.sql("UPDATE sessions SET last_used_at = ? WHERE session_id = ?")
                .params(TimestampParameter.of(event.usedAt()), event.sessionId().value()).update();
    }

    @EventHandler
    void on(UserEnabled event) {
        jdbc.sql("DELETE FROM sessions WHERE user_id = ? AND ended_by_disabling").param(event.userId().value()).update();
    }
}
