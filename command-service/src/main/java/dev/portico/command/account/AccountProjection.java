package dev.portico.command.account;

import dev.portico.command.store.TimestampParameter;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code accounts} and {@code account_identities} in step with the events, in the same transaction.
 * Subjects and profiles stay sealed as the events have them.
 */
@Component
@ProcessingGroup("client-views")
class AccountProjection {
    private final JdbcClient jdbc;

    AccountProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserRegistered event) {
        jdbc.sql("INSERT INTO accounts (user_id, app_id, user_type, registered_at) VALUES (?, ?, ?, ?)")
                .params(event.userId().value(), event.appId().value(), event.type().name(),
                        TimestampParameter.of(event.registeredAt()))
                .update();
    }

    @EventHandler
    void on(IdentityLinked event) {
        jdbc.sql("""
                INSERT INTO account_identities
                    (user_id, identity_id, provider_type, provider_id, sealed_subject, sealed_profile, linked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(event.userId().value(), event.identityId().value(), event.providerType().wireName(),
                        event.providerId(), event.subject().sealed(),
                        event.profile() == null ? null : event.profile().sealed(),
                        TimestampParameter.of(event.linkedAt()))
                .update();
    }

    @EventHandler
    void on(IdentityProfileUpdated event) {
        jdbc.sql("UPDATE account_identities SET sealed_profile = ? WHERE user_id = ? AND identity_id = ?")
                .params(event.profile().sealed(), event.userId().value(), event.identityId().value())
                .update();
    }

    @EventHandler
    void on(UserDisabled event) {
        jdbc.sql("UPDATE accounts SET disabled = TRUE WHERE user_id = ?").param(event.userId().value()).update();
    }

    @EventHandler
    void on(UserEnabled event) {
        jdbc.sql("UPDATE accounts SET disabled = FALSE WHERE user_id = ?").param(event.userId().value()).update();
    }

    @EventHandler
    void on(UserDeleted event) {
        // identities and sessions go with the account (ON DELETE CASCADE)
        jdbc.sql("DELETE FROM accounts WHERE user_id = ?").param(event.userId().value()).update();
    }
}
