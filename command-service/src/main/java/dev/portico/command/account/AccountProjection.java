package dev.portico.command.account;

import dev.portico.command.privacy.PersonalDataVault;
import dev.portico.events.IdentityLinked;
import dev.portico.events.UserDeleted;
import dev.portico.events.UserRegistered;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps {@code accounts} and {@code account_identities} in step with the events, in the same transaction. */
@Component
@ProcessingGroup("client-views")
class AccountProjection {
    private final JdbcClient jdbc;
    private final PersonalDataVault vault;

    AccountProjection(JdbcClient jdbc, PersonalDataVault vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.sql("INSERT INTO accounts (user_id, app_id, user_type, registered_at) VALUES (?, ?, ?, ?)")
                .params(event.userId().value(), event.appId().value(), event.type().name(),
                        Timestamp.from(event.registeredAt()))
                .update();
    }

    @EventHandler
    void on(IdentityLinked event) {
        String profile = event.profile() == null ? null
                : vault.open(event.userId(), event.profile()).map(Object::toString).orElse(null);
        jdbc.sql("""
                INSERT INTO account_identities (app_id, provider_type, provider_id, subject, user_id, profile, linked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.appId().value(), event.identity().providerType().wireName(),
                        event.identity().providerId(), event.identity().subject(), event.userId().value(), profile,
                        Timestamp.from(event.linkedAt()))
                .update();
    }

    @EventHandler
    void on(UserDeleted event) {
        // identities and sessions go with the account (ON DELETE CASCADE)
        jdbc.sql("DELETE FROM accounts WHERE user_id = ?").param(event.userId().value()).update();
    }
}
