package dev.portico.command.customdata;

import dev.portico.command.store.TimestampParameter;
import dev.portico.events.user.CustomDataChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code custom_data} in step with the events, in the same transaction, still sealed. A deleted user's
 * row goes with its account (foreign key cascade).
 */
@Component
@ProcessingGroup("client-views")
class CustomDataProjection {
    private final JdbcClient jdbc;

    CustomDataProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CustomDataChanged event) {
        if (event.document() == null) {
            jdbc.sql("DELETE FROM custom_data WHERE user_id = ?").param(event.userId().value()).update();
            return;
        }
        jdbc.sql("""
                INSERT INTO custom_data (user_id, sealed_document, changed_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET sealed_document = EXCLUDED.sealed_document,
                                                    changed_at = EXCLUDED.changed_at""")
                .params(event.userId().value(), event.document().sealed(), TimestampParameter.of(event.changedAt()))
                .update();
    }
}
