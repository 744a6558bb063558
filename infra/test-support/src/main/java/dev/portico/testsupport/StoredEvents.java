package dev.portico.testsupport;

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

    /** The streams (aggregate identifiers) that hold events about the user: its own and its sessions'. */
    public List<String> streamsOf(String userId) {
        return jdbc.sql("""
                SELECT DISTINCT aggregate_identifier FROM domain_event_entry
                WHERE convert_from(payload, 'UTF8')::jsonb ->> 'userId' = ?""")
                .param(userId).query(String.class).list();
    }

    /** Every event whose payload is of one of the given types (class names), in the order they were appended. */
    public List<Stored> ofTypes(String... payloadTypes) {
        return jdbc.sql("""
                SELECT aggregate_identifier, payload_type, event_identifier FROM domain_event_entry
                WHERE payload_type IN (:types) ORDER BY global_index""")
                .param("types", List.of(payloadTypes)).query(Stored.class).list();
    }

    /** Like {@link #ofTypes}, for the events of one app only (those whose payload names it as {@code appId}). */
    public List<Stored> ofTypesInApp(String appId, String... payloadTypes) {
        return jdbc.sql("""
                SELECT aggregate_identifier, payload_type, event_identifier FROM domain_event_entry
                WHERE payload_type IN (:types) AND convert_from(payload, 'UTF8')::jsonb ->> 'appId' = :app
                ORDER BY global_index""")
                .param("types", List.of(payloadTypes)).param("app", appId).query(Stored.class).list();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    /** One stored event: its stream, its payload's class name and its own identifier. */
    public record Stored(String aggregateIdentifier, String payloadType, String eventIdentifier) {
    }
}
