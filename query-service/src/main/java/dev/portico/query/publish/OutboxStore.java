package dev.portico.query.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code outbox} table. */
@Repository
public class OutboxStore {
    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;

    public OutboxStore(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    /**
     * Adds the messages in one batched statement.
     *
     * @return how many rows were added; a domain event that already has its message adds none
     */
    public int addAll(List<OutboxMessage> messages) {
        int[] added = jdbcTemplate.batchUpdate("""
                        INSERT INTO outbox (event_id, message_key, message_type, payload, event_time)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING""", messages, messages.size(), (statement, message) -> {
                    statement.setString(1, message.eventId());
                    statement.setString(2, message.key());
                    statement.setString(3, message.type());
                    statement.setString(4, message.payload());
                    statement.setTimestamp(5, message.eventTime() == null ? null : Timestamp.from(message.eventTime()));
                })[0];
        return Arrays.stream(added).sum();
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
