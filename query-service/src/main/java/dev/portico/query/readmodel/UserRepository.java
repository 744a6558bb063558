package dev.portico.query.readmodel;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code users} table. Every write is safe to repeat: the projection may see an event again after a
 * crash between handling it and committing, and a replay sees all of them again.
 */
@Repository
public class UserRepository {
    private static final String COLUMNS = "user_id, app_id, user_type, state, created_at, last_login_at";

    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertIfAbsent(UserRow user) {
        jdbc.sql("""
                        INSERT INTO users (user_id, app_id, user_type, state, created_at, last_login_at)
                        VALUES (:id, :app, :type, :state, :created, :lastLogin)
                        ON CONFLICT (user_id) DO NOTHING""")
                .param("id", user.id().value())
                .param("app", user.appId().value())
                .param("type", typeName(user.type()))
                .param("state", user.state().wireName())
                .param("created", timestamp(user.createdAt()))
                .param("lastLogin", timestamp(user.lastLoginAt()))
                .update();
    }

    /** Keeps the latest login, whatever order sessions are seen in. */
    public void recordLogin(UserId id, Instant at) {
        jdbc.sql("""
                        UPDATE users SET last_login_at = GREATEST(COALESCE(last_login_at, :at), :at)
                        WHERE user_id = :id""")
                .param("id", id.value())
                .param("at", timestamp(at))
                .update();
    }

    public void delete(UserId id) {
        jdbc.sql("DELETE FROM users WHERE user_id = :id").param("id", id.value()).update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM users").update();
    }

    public Optional<UserRow> find(UserId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE user_id = :id")
                .param("id", id.value())
                .query(UserRepository::row)
                .optional();
    }

    /** The app of a user that exists. */
    public Optional<AppId> appOf(UserId id) {
        return jdbc.sql("SELECT app_id FROM users WHERE user_id = :id")
                .param("id", id.value())
                .query((rs, n) -> new AppId(rs.getString(1)))
                .optional();
    }

    /** A page of users in creation order, of one app or (with a null app) of all apps. */
    public List<UserRow> page(AppId app, long offset, int limit) {
        // Two statements rather than "app IS NULL OR ...", so each keeps a plan that uses its own index.
        var statement = app == null
                ? jdbc.sql("SELECT " + COLUMNS + " FROM users"
                        + " ORDER BY created_at, user_id OFFSET :offset LIMIT :limit")
                : jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE app_id = :app"
                        + " ORDER BY created_at, user_id OFFSET :offset LIMIT :limit").param("app", app.value());
        return statement.param("offset", offset).param("limit", limit).query(UserRepository::row).list();
    }

    public long count(AppId app) {
        var statement = app == null
                ? jdbc.sql("SELECT count(*) FROM users")
                : jdbc.sql("SELECT count(*) FROM users WHERE app_id = :app").param("app", app.value());
        return statement.query(Long.class).single();
    }

    private static UserRow row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp lastLogin = rs.getTimestamp("last_login_at");
        return new UserRow(
                new UserId(rs.getString("user_id")),
                new AppId(rs.getString("app_id")),
                UserType.valueOf(rs.getString("user_type").toUpperCase(Locale.ROOT)),
                UserState.fromWireName(rs.getString("state")),
                rs.getTimestamp("created_at").toInstant(),
                lastLogin == null ? null : lastLogin.toInstant());
    }

    private static String typeName(UserType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
