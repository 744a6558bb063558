package dev.portico.command.apikey;

import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.command.privacy.UserKey;
import dev.portico.command.store.TimestampParameter;
import dev.portico.events.apikey.ApiKeyCreated;
import dev.portico.events.apikey.ApiKeyDeleted;
import dev.portico.events.apikey.ApiKeyDisabled;
import dev.portico.events.apikey.ApiKeyEnabled;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code api_keys} in step with the events, in the same transaction, so a key logs in (on any instance)
 * as soon as its creation commits and stops the moment it is disabled. A deleted user's keys go with its
 * account row (foreign key cascade).
 */
@Component
@ProcessingGroup("client-views")
class ApiKeyProjection {
    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    ApiKeyProjection(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    /** A user whose key is gone was deleted later in the history (only a replay meets one): it has no keys. */
    @EventHandler
    void on(ApiKeyCreated event) {
        Optional<UserKey> key = vault.findKey(event.userId());
        if (key.isEmpty()) {
            return;
        }
        jdbc.sql("""
                INSERT INTO api_keys (api_key_id, user_id, app_id, secret_hash, sealed_name, disabled, created_at)
                VALUES (?, ?, ?, ?, ?, FALSE, ?)""")
                .params(event.apiKeyId().value(), event.userId().value(), event.appId().value(),
                        key.get().openText(event.secretHash()), event.name().sealed(),
                        TimestampParameter.of(event.createdAt()))
                .update();
    }

    @EventHandler
    void on(ApiKeyEnabled event) {
        setDisabled(event.apiKeyId().value(), false);
    }

    @EventHandler
    void on(ApiKeyDisabled event) {
        setDisabled(event.apiKeyId().value(), true);
    }

    @EventHandler
    void on(ApiKeyDeleted event) {
        jdbc.sql("DELETE FROM api_keys WHERE api_key_id = ?").param(event.apiKeyId().value()).update();
    }

    private void setDisabled(String apiKeyId, boolean disabled) {
        jdbc.sql("UPDATE api_keys SET disabled = ? WHERE api_key_id = ?").params(disabled, apiKeyId).update();
    }
}
