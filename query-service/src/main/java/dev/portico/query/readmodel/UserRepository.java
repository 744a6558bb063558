package dev.portico.query.readmodel;

import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.user.UserType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /** The state moves only with a newer change, so events seen again or out of order leave the latest one. */
    public void changeState(UserId id, UserState state, Instant at) {
        jdbc.sql("""
                        UPDATE users SET state = :state, state_changed_at = :at
                        WHERE user_id = :id AND (state_changed_at IS NULL OR state_changed_at <= :at)""")
                .param("id", id.value())
                .param("state", state.wireName())
                .param("at", timestamp(at))
                .update();
    }

    /**
     * A page of the users the filter takes, in the given order, starting after {@code after} (null: from the
     * first). Keyset paging on (created_at, user_id): users inserted meanwhile never shift a page already
     * started, and the query uses the indexes on those columns.
     */
    public List<UserRow> page(UserFilter filter, UserFilter.Order order, UserFilter.Position after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM users u WHERE TRUE");
        Map<String, Object> params = new HashMap<>();
        if (filter.app() != null) {
            sql.append(" AND u.app_id = :app");
            params.put("app", filter.app().value());
        }
        if (filter.state() != null) {
            sql.append(" AND u.state = :state");
            params.put("state", filter.state().wireName());
        }
        if (filter.createdFrom() != null) {
            sql.append(" AND u.created_at >= :createdFrom");
            params.put("createdFrom", timestamp(filter.createdFrom()));
        }
        if (filter.createdBefore() != null) {
            sql.append(" AND u.created_at < :createdBefore");
            params.put("createdBefore", timestamp(filter.createdBefore()));
        }
        if (filter.providerType() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM user_identities i WHERE i.user_id = u.user_id"
                    + " AND i.provider_type = :provider)");
            params.put("provider", filter.providerType().wireName());
        }
        for (SearchTerm term : new SearchTerm[] {filter.email(), filter.name()}) {
            if (term != null) {
                String field = term.field().column();
                sql.append(" AND EXISTS (SELECT 1 FROM user_search_terms t WHERE t.user_id = u.user_id"
                        + " AND t.field = :" + field + "Field AND t.digest = :" + field + "Digest)");
                params.put(field + "Field", field);
                params.put(field + "Digest", term.digest());
            }
        }
        boolean ascending = order == UserFilter.Order.CREATED_ASC;
        if (after != null) {
            sql.append(ascending ? " AND (u.created_at, u.user_id) > (:afterCreated, :afterId)"
                    : " AND (u.created_at, u.user_id) < (:afterCreated, :afterId)");
            params.put("afterCreated", timestamp(after.createdAt()));
            params.put("afterId", after.userId().value());
        }
        sql.append(ascending ? " ORDER BY u.created_at, u.user_id" : " ORDER BY u.created_at DESC, u.user_id DESC");
        sql.append(" LIMIT :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(UserRepository::row).list();
    }

    public long count(AppId app) {
        var statement = app == null
                ? jdbc.sql("SELECT count(*) FROM users")
                : jdbc.sql("SELECT count(*) FROM users WHERE app_id = :app").param("app", app.value());
        return statement.query(Long.class).single();
    }

    /** The app's users per state (wire name). */
    public Map<String, Long> countByState(AppId app) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.sql("SELECT state, count(*) AS users FROM users WHERE app_id = :app GROUP BY state")
                .param("app", app.value())
                .query((rs, n) -> counts.put(rs.getString("state"), rs.getLong("users")))
                .list();
        return counts;
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
