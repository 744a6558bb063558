package dev.portico.command.support;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads the event table as stored: a user's whole history spans its own stream and its sessions' streams. */
public final class StoredEvents {
    private final JdbcClient jdbc;

    public StoredEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The simple type names of every event about the user, in the order they were appended. */
    public List<String> typesOf(String userId) {
        return jdbc.sql("""
                SELECT payload_type FROM domain_event_entry
                WHERE convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ? ORDER BY global_index""")
                .param(userId).query(String.class).list().stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** Every stored payload and metadata of the user's events, as text. */
    public List<String> storedTextOf(String userId) {
        return jdbc.sql("""
                SELECT convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8') FROM domain_event_entry
                WHERE convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ? ORDER BY global_index""")
                .param(userId).query(String.class).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }
}
