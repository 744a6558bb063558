package dev.portico.query.readmodel;

import dev.portico.events.identity.ProviderType;
import dev.portico.events.IdentityId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_identities} table. */
@Repository
public class IdentityRepository {
    private static final String COLUMNS = "user_id, identity_id, provider_type, provider_id, sealed_subject, sealed_profile, linked_at";

    private final JdbcClient jdbc;

    public IdentityRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Links the identity if its user is in the read model. A user that is gone stays gone: an identity
     * without a user would be an orphan, and failing instead would stop the projection for good.
     */
    public void insertIfUserExists(IdentityRow identity) {
        jdbc.sql("""
                        INSERT INTO user_identities
                            (user_id, identity_id, provider_type, provider_id, sealed_subject, sealed_profile, linked_at)
                        SELECT user_id, :identity, :type, :provider, :subject, :profile, :linked FROM users
                        WHERE user_id = :user
                        ON CONFLICT DO NOTHING""")
                .param("user", identity.userId().value())
                .param("identity", identity.identityId().value())
                .param("type", identity.providerType().wireName())
                .param("provider", identity.providerId())
                .param("subject", identity.subject().sealed())
                .param("profile", identity.profile() == null ? null : identity.profile().sealed())
                .param("linked", Timestamp.from(identity.linkedAt()))
                .update();
    }

    /** The later profile wins, whatever order the updates are seen in. */
    public void updateProfile(UserId user, IdentityId identity, SealedData profile, Instant at) {
        jdbc.sql("""
                        UPDATE user_identities SET sealed_profile = :profile, profile_updated_at = :at
                        WHERE user_id = :user AND identity_id = :identity
                          AND (profile_updated_at IS NULL OR profile_updated_at <= :at)""")
                .param("user", user.value())
                .param("identity", identity.value())
                .param("profile", profile == null ? null : profile.sealed())
                .param("at", Timestamp.from(at))
                .update();
    }

    public void deleteOf(UserId user) {
        jdbc.sql("DELETE FROM user_identities WHERE user_id = :user").param("user", user.value()).update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM user_identities").update();
    }

    /** The identities of the given users, in the order they were linked. */
    public List<IdentityRow> findOf(Collection<UserId> users) {
        if (users.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_identities WHERE user_id IN (:users)"
                        + " ORDER BY user_id, linked_at, identity_id")
                .param("users", users.stream().map(UserId::value).toList())
                .query(IdentityRepository::row)
                .list();
    }

    public Optional<IdentityRow> find(UserId user, IdentityId identity) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM user_identities WHERE user_id = :user AND identity_id = :identity")
                .param("user", user.value())
                .param("identity", identity.value())
                .query(IdentityRepository::row)
                .optional();
    }

    private static IdentityRow row(ResultSet rs, int rowNum) throws SQLException {
        String type = rs.getString("provider_type");
        return new IdentityRow(
                new UserId(rs.getString("user_id")),
                new IdentityId(rs.getString("identity_id")),
                ProviderType.fromWireName(type)
                        .orElseThrow(() -> new IllegalStateException("unknown provider type in the read model: " + type)),
                rs.getString("provider_id"),
                new SealedData(rs.getString("sealed_subject")),
                rs.getString("sealed_profile") == null ? null : new SealedData(rs.getString("sealed_profile")),
                rs.getTimestamp("linked_at").toInstant());
    }
}
