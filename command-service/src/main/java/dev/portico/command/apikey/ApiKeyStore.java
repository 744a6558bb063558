package dev.portico.command.apikey;

import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.events.ApiKeyId;
import dev.portico.events.AppId;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads {@code api_keys} (written by {@link ApiKeyProjection}); names are opened with their user's key. */
@Component
public class ApiKeyStore {
    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    public ApiKeyStore(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** The key whose secret this is, by its hash: the look-up of an API-key login. */
    public Optional<ApiKeyLogin> findBySecret(String secret) {
        return jdbc.sql("SELECT api_key_id, user_id, app_id, disabled FROM api_keys WHERE secret_hash = ?")
                .param(ApiKeySecrets.hash(secret))
                .query((rs, n) -> new ApiKeyLogin(new ApiKeyId(rs.getString(1)), new UserId(rs.getString(2)),
                        new AppId(rs.getString(3)), rs.getBoolean(4)))
                .optional();
    }

    /** The user's keys in the order they were created; none once the user's key is destroyed. */
    public List<ApiKeyView> list(UserId user) {
        Optional<UserKey> key = vault.findKey(user);
        if (key.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT api_key_id, sealed_name, disabled FROM api_keys WHERE user_id = ?"
                        + " ORDER BY created_at, api_key_id")
                .param(user.value())
                .query((rs, n) -> view(key.get(), rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .list();
    }

    /** One key of the user; another user's key is not found, as App Services answered. */
    public Optional<ApiKeyView> find(UserId user, ApiKeyId apiKeyId) {
        Optional<UserKey> key = vault.findKey(user);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT api_key_id, sealed_name, disabled FROM api_keys WHERE user_id = ? AND api_key_id = ?")
                .params(user.value(), apiKeyId.value())
                .query((rs, n) -> view(key.get(), rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    /**
     * The app's keys of server users, in the order they were created, after the key {@code after} (null: from the
     * first), at most {@code limit}: a page that stays put while keys are added.
     */
    public List<ServerKeyView> listServerKeys(AppId app, ApiKeyId after, int limit) {
        return jdbc.sql("SELECT k.api_key_id, k.user_id, k.sealed_name, k.disabled, k.created_at FROM api_keys k"
                        + " JOIN accounts a ON a.user_id = k.user_id"
                        + " WHERE k.app_id = ? AND a.user_type = 'SERVER'"
                        + (after == null ? "" : " AND (k.created_at, k.api_key_id) >"
                                + " (SELECT created_at, api_key_id FROM api_keys WHERE api_key_id = ?)")
                        + " ORDER BY k.created_at, k.api_key_id LIMIT ?")
                .params(after == null ? List.of(app.value(), limit) : List.of(app.value(), after.value(), limit))
                .query((rs, n) -> new ServerKeyRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant()))
                .list().stream()
                .flatMap(row -> vault.findKey(new UserId(row.userId())).stream().map(key -> new ServerKeyView(
                        new ApiKeyId(row.keyId()), key.openText(new SealedData(row.sealedName())), row.disabled(),
                        new UserId(row.userId()), row.createdAt())))
                .toList();
    }

    /** The server user that holds the key in the app; empty for another app's key or a user's own key. */
    public Optional<UserId> serverKeyOwner(AppId app, ApiKeyId apiKeyId) {
        return jdbc.sql("SELECT k.user_id FROM api_keys k JOIN accounts a ON a.user_id = k.user_id"
                        + " WHERE k.api_key_id = ? AND k.app_id = ? AND a.user_type = 'SERVER'")
                .params(apiKeyId.value(), app.value())
                .query((rs, n) -> new UserId(rs.getString(1)))
                .optional();
    }

    /** Whether the key exists at all, for paging after it. */
    public boolean exists(ApiKeyId apiKeyId) {
        return jdbc.sql("SELECT count(*) FROM api_keys WHERE api_key_id = ?").param(apiKeyId.value())
                .query(Long.class).single() > 0;
    }

    private record ServerKeyRow(String keyId, String userId, String sealedName, boolean disabled,
            java.time.Instant createdAt) {
    }

    private static ApiKeyView view(UserKey key, String id, String sealedName, boolean disabled) {
        return new ApiKeyView(new ApiKeyId(id), key.openText(new SealedData(sealedName)), disabled);
    }
}
