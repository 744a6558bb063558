package dev.portico.query.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbox} table. */
@Repository
public class OutboxStore {
    private final JdbcClient jdbc;

    public OutboxStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return whether a row was added; false when this domain event already has its message */
    public boolean add(OutboxMessage message) {
        return jdbc.sql("""
                        INSERT INTO outbox (event_id, message_key, message_type, payload, event_time)
                        VALUES (:eventId, :key, :type, :payload, :eventTime)
                        ON CONFLICT (event_id) DO NOTHING""")
                .param("eventId", message.eventId())
                .param("key", message.key())
                .param("type", message.type())
                .param("payload", message.payload())
                .param("eventTime", message.eventTime() == null ? null : Timestamp.from(message.eventTime()))
                .update() == 1;
    }

    /** The oldest messages not yet sent, in the order they were written. */
    public List<OutboxMessage> unpublished(int limit) {
        return jdbc.sql("""
                        SELECT id, event_id, message_key, message_type, payload, event_time FROM outbox
                        WHERE published_at IS NULL ORDER BY id LIMIT :limit""")
                .param("limit", limit)
                .query((rs, rowNum) -> new OutboxMessage(rs.getLong("id"), rs.getString("event_id"),
                        rs.getString("message_key"), rs.getString("message_type"), rs.getString("payload"),
                        rs.getTimestamp("event_time") == null ? null : rs.getTimestamp("event_time").toInstant()))
                .list();
    }

    public void markPublished(List<OutboxMessage> messages) {
        jdbc.sql("UPDATE outbox SET published_at = now() WHERE id IN (:ids) AND published_at IS NULL")
                .param("ids", messages.stream().map(OutboxMessage::id).toList())
                .update();
    }

    /** Messages not yet sent: the relay's backlog. */
    public long backlog() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL").query(Long.class).single();
    }

    /** @return how many sent messages older than {@code before} were removed */
    public int prunePublishedBefore(Instant before) {
        return jdbc.sql("DELETE FROM outbox WHERE published_at < :before")
                .param("before", Timestamp.from(before))
                .update();
    }
}
