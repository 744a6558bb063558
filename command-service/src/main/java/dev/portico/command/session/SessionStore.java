package dev.portico.command.session;

import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.store.TimestampParameter;
import dev.portico.events.AppId;
import dev.portico.events.DeviceId;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.SessionId;
import dev.portico.events.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
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
    /**
     * The rule of an open session, for a query over {@code sessions s} with the current time as its parameter:
     * not expired, and not ended by disabling its user (ended sessions are otherwise deleted).
     */
    public static final String OPEN_SESSION = "s.expires_at > ? AND NOT s.ended_by_disabling";
    private static final String COLUMNS =
            "session_id, user_id, app_id, device_id, expires_at, COALESCE(last_used_at, issued_at) AS active_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final PersonalDataVault vault;

    public SessionStore(JdbcClient jdbc, Clock clock, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.vault = vault;
    }

    public Optional<SessionRecord> findByRefreshToken(String refreshToken) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions s WHERE refresh_token_hash = ? AND " + OPEN_SESSION)
                .params(RefreshTokens.hash(refreshToken), TimestampParameter.of(clock.instant()))
                .query(SessionStore::map)
                .optional();
    }

    /**
     * The open session of a refresh token with its user's sealed custom data document, and the user's key when
     * the key store can be joined: a refresh puts the document into the new token, in this one round trip.
     */
    public Optional<RefreshedSession> findForRefresh(String refreshToken) {
        Optional<String> keys = vault.joinableKeyTable();
        return jdbc.sql("SELECT s.session_id, s.user_id, s.app_id, s.device_id, s.expires_at,"
                        + " COALESCE(s.last_used_at, s.issued_at) AS active_at, c.sealed_document"
                        + keys.map(table -> ", k.key_id, k.key_bytes").orElse("")
                        + " FROM sessions s LEFT JOIN custom_data c ON c.user_id = s.user_id"
                        + keys.map(table -> " LEFT JOIN " + table + " k ON k.user_id = s.user_id").orElse("")
                        + " WHERE s.refresh_token_hash = ? AND " + OPEN_SESSION)
                .params(RefreshTokens.hash(refreshToken), TimestampParameter.of(clock.instant()))
                .query((rs, n) -> {
                    SessionRecord session = map(rs, n);
                    String sealed = rs.getString("sealed_document");
                    UserKey key = sealed != null && keys.isPresent() && rs.getString("key_id") != null
                            ? vault.key(session.userId(), rs.getString("key_id"), rs.getBytes("key_bytes")) : null;
                    return new RefreshedSession(session, sealed == null ? null : new SealedData(sealed), key);
                })
                .optional();
    }

    /** @param customData null when the user has none; @param key null when it was not read with the session */
    public record RefreshedSession(SessionRecord session, SealedData customData, UserKey key) {
    }

    public Optional<SessionRecord> find(SessionId sessionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sessions s WHERE session_id = ? AND " + OPEN_SESSION)
                .params(sessionId.value(), TimestampParameter.of(clock.instant()))
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
        return jdbc.sql("SELECT session_id FROM sessions s WHERE user_id = ? AND " + OPEN_SESSION + " ORDER BY session_id")
                .params(user.value(), TimestampParameter.of(clock.instant()))
                .query((rs, n) -> new SessionId(rs.getString(1)))
                .list();
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
