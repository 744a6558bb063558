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

    private static ApiKeyView view(UserKey key, String id, String sealedName, boolean disabled) {
        return new ApiKeyView(new ApiKeyId(id), key.openText(new SealedData(sealedName)), disabled);
    }
}
