package dev.portico.query.readmodel;

import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.RevocationReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_sessions} table; every write is safe to repeat. */
@Repository
public class SessionRepository {
    private final JdbcClient jdbc;

    public SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Like identities, a session of a user that is not (any more) in the read model is dropped. */
    public void insertIfUserExists(SessionRow session) {
        jdbc.sql("""
                        INSERT INTO user_sessions (session_id, user_id, identity_id, provider_type, device_id,
                            sealed_client, issued_at, expires_at, last_used_at)
                        SELECT :session, user_id, :identity, :type, :device, :client, :issued, :expires, :used FROM users
                        WHERE user_id = :user
                        ON CONFLICT DO NOTHING""")
                .param("session", session.sessionId().value())
                .param("user", session.userId().value())
                .param("identity", session.identityId().value())
                .param("type", session.providerType().wireName())
                .param("device", session.deviceId().value())
                .param("client", session.client() == null ? null : session.client().sealed())
                .param("issued", Timestamp.from(session.issuedAt()))
                .param("expires", Timestamp.from(session.expiresAt()))
                .param("used", Timestamp.from(session.lastUsedAt()))
                .update();
    }

    /** Last use only moves forward, so seeing a use again (or an older one) changes nothing. */
    public void recordUse(SessionId session, Instant at) {
        jdbc.sql("UPDATE user_sessions SET last_used_at = :at WHERE session_id = :session AND last_used_at < :at")
                .param("session", session.value())
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The first revocation counts; seeing it again (or a later one) changes nothing. */
    public void revoke(SessionId session, RevocationReason reason, Instant at) {
        jdbc.sql("""
                        UPDATE user_sessions SET revoked_at = :at, revocation_reason = :reason
                        WHERE session_id = :session AND revoked_at IS NULL""")
                .param("session", session.value())
                .param("reason", reason.name())
                .param("at", Timestamp.from(at))
                .update();
    }

    public void deleteOf(UserId user) {
        jdbc.sql("DELETE FROM user_sessions WHERE user_id = ?").param(user.value()).update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM user_sessions").update();
    }

    /** The user's latest sessions, newest first. */
    public List<SessionRow> latestOf(UserId user, int limit) {
        return jdbc.sql("SELECT * FROM user_sessions WHERE user_id = :user"
                        + " ORDER BY issued_at DESC, session_id DESC LIMIT :limit")
                .param("user", user.value())
                .param("limit", limit)
                .query(SessionRepository::row)
                .list();
    }

    /** Sessions of one provider issued in one bucket of time. */
    public record IssuedCount(Instant bucketStart, String providerType, long sessions) {
    }

    /** The app's sessions issued from {@code from} on, counted per provider and bucket (buckets from the epoch). */
    public List<IssuedCount> issuedPerBucket(AppId app, Instant from, Duration bucket) {
        return jdbc.sql("""
                        SELECT to_timestamp(floor(extract(epoch FROM s.issued_at) / :seconds) * :seconds) AS bucket,
                            s.provider_type, count(*) AS sessions
                        FROM user_sessions s JOIN users u ON u.user_id = s.user_id
                        WHERE u.app_id = :app AND s.issued_at >= :from
                        GROUP BY 1, 2 ORDER BY 1, 2""")
                .param("seconds", bucket.toSeconds())
                .param("app", app.value())
                .param("from", Timestamp.from(from))
                .query((rs, n) -> new IssuedCount(rs.getTimestamp("bucket").toInstant(), rs.getString("provider_type"),
                        rs.getLong("sessions")))
                .list();
    }

    /** Whether the session is known here and ended; an unknown session (not projected yet) is not revoked. */
    public boolean isRevoked(SessionId session) {
        return jdbc.sql("SELECT count(*) FROM user_sessions WHERE session_id = :session AND revoked_at IS NOT NULL")
                .param("session", session.value())
                .query(Long.class)
                .single() > 0;
    }

    private static SessionRow row(ResultSet rs, int rowNum) throws SQLException {
        String type = rs.getString("provider_type");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        String reason = rs.getString("revocation_reason");
        String client = rs.getString("sealed_client");
        return new SessionRow(
                new SessionId(rs.getString("session_id")),
                new UserId(rs.getString("user_id")),
                new IdentityId(rs.getString("identity_id")),
                ProviderType.fromWireName(type)
                        .orElseThrow(() -> new IllegalStateException("unknown provider type in the read model: " + type)),
                new DeviceId(rs.getString("device_id")),
                client == null ? null : new SealedData(client),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("last_used_at").toInstant(),
                revoked == null ? null : revoked.toInstant(),
                reason == null ? null : RevocationReason.valueOf(reason));
    }
}
