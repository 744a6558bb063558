package dev.portico.command.session;

import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Looks up open sessions; the rows are written by {@link SessionProjection}. Expired ones, and those ended by
 * disabling their user, are never found.
 */
@Component
public class SessionStore {
    private static final String COLUMNS =
            "session_id, user_id, app_id, device_id, expires_at, COALESCE(last_used_at, issued_at) AS active_at";
    /** How stale the recorded last use may get: the clean-up of anonymous users counts in days. */
    static final Duration USE_PRECISION = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    public SessionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<SessionRecord> findByRefreshToken(String refreshToken) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE refresh_token_hash = ? AND expires_at > ?"
                        + " AND NOT ended_by_disabling")
                .params(RefreshTokens.hash(refreshToken), Timestamp.from(clock.instant()))
                .query(SessionStore::map)
                .optional();
    }

    public Optional<SessionRecord> find(SessionId sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions WHERE session_id = ? AND expires_at > ?"
                        + " AND NOT ended_by_disabling")
                .params(sessionId.value(), Timestamp.from(clock.instant()))
                .query(SessionStore::map)
                .optional();
    }

    /** Whether the refresh token's session ended because its user was disabled, and the user still is. */
    public boolean endedByDisabledUser(String refreshToken) {
        return jdbc.sql("SELECT count(*) FROM sessions s JOIN accounts a ON a.user_id = s.user_id"
                        + " WHERE s.refresh_token_hash = ? AND s.ended_by_disabling AND a.disabled")
                .param(RefreshTokens.hash(refreshToken))
                .query(Long.class)
                .single() > 0;
    }

    /** The user's sessions that are still open, e.g. to end them all. */
    public List<SessionId> openSessionsOf(UserId user) {
        return jdbc.sql("SELECT session_id FROM sessions WHERE user_id = ? AND expires_at > ? AND NOT ended_by_disabling"
                        + " ORDER BY session_id")
                .params(user.value(), Timestamp.from(clock.instant()))
                .query((rs, n) -> new SessionId(rs.getString(1)))
                .list();
    }

    /**
     * Notes that the session was used (a refresh), when what is recorded is over an hour old: activity is
     * what the clean-up of anonymous users goes by, and an hour is precise enough for it while most refreshes
     * write nothing.
     */
    public void recordUse(SessionRecord session) {
        Instant now = clock.instant();
        if (session.activeAt().isBefore(now.minus(USE_PRECISION))) {
            jdbc.sql("UPDATE sessions SET last_used_at = ? WHERE session_id = ?")
                    .params(Timestamp.from(now), session.sessionId().value())
                    .update();
        }
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
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("active_at").toInstant());
    }
}
