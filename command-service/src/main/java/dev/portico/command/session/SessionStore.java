package dev.portico.command.session;

import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Looks up open sessions; the rows are written by {@link SessionProjection}. Expired ones are never found. */
@Component
public class SessionStore {
    private static final String COLUMNS = "session_id, user_id, app_id, device_id, expires_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    public SessionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<SessionRecord> findByRefreshToken(String refreshToken) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE refresh_token_hash = ? AND expires_at > ?")
                .params(RefreshTokens.hash(refreshToken), java.sql.Timestamp.from(clock.instant()))
                .query(SessionStore::map)
                .optional();
    }

    public Optional<SessionRecord> find(SessionId sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE session_id = ? AND expires_at > ?")
                .params(sessionId.value(), java.sql.Timestamp.from(clock.instant()))
                .query(SessionStore::map)
                .optional();
    }

    /** The identity an open session logged in through (e.g. an API key's). */
    public Optional<IdentityId> identityOf(SessionId sessionId) {
        return jdbc.sql("SELECT identity_id FROM sessions WHERE session_id = ?")
                .param(sessionId.value())
                .query((rs, n) -> new IdentityId(rs.getString(1)))
                .optional();
    }

    private static SessionRecord map(ResultSet rs, int row) throws SQLException {
        return new SessionRecord(
                new SessionId(rs.getString("session_id")),
                new UserId(rs.getString("user_id")),
                new AppId(rs.getString("app_id")),
                new DeviceId(rs.getString("device_id")),
                rs.getTimestamp("expires_at").toInstant());
    }
}
