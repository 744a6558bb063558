package dev.portico.query.history;

import dev.portico.events.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code event_chain} table, and the stored events it vouches for (read from {@code domain_event_entry}). */
@Repository
public class ChainStore {
    private static final String STORED_COLUMNS = """
            e.global_index, e.event_identifier, e.aggregate_identifier, e.sequence_number, e.payload_type,
            e.payload_revision, e.time_stamp, e.payload, e.meta_data, e.type""";
    private static final String LINKS = """
            SELECT c.user_id, c.position, c.global_index AS chained_index, c.event_identifier AS chained_id,
                   c.previous_hash, c.hash, %s
            FROM event_chain c LEFT JOIN domain_event_entry e ON e.global_index = c.global_index
            """.formatted(STORED_COLUMNS);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient streaming;
    private final TransactionTemplate readOnly;

    public ChainStore(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        JdbcTemplate fetchingInBatches = new JdbcTemplate(dataSource);
        fetchingInBatches.setFetchSize(500);
        this.streaming = JdbcClient.create(fetchingInBatches);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** A chained event as the chain recorded it, beside the event the store holds now (null if it is gone). */
    public record LinkAndEvent(ChainLink link, StoredEvent event) {
    }

    /** What chaining an event needs: whether it is chained already, the event as stored, and the user's last link. */
    public record Next(boolean chained, StoredEvent event, Long lastPosition, byte[] lastHash) {
    }

    /**
     * In one query, as the projection does it for every event: whether {@code eventIdentifier} is chained, the
     * event as the store holds it (empty if it does not), and the position and hash of {@code user}'s last link.
     */
    public Optional<Next> next(String eventIdentifier, UserId user) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM event_chain WHERE event_identifier = :id) AS chained, "
                        + STORED_COLUMNS + """
                        , l.position AS last_position, l.hash AS last_hash
                        FROM domain_event_entry e LEFT JOIN LATERAL (
                            SELECT position, hash FROM event_chain WHERE user_id = :user ORDER BY position DESC LIMIT 1
                        ) l ON true
                        WHERE e.event_identifier = :id""")
                .param("id", eventIdentifier).param("user", user.value())
                .query((rs, n) -> new Next(rs.getBoolean("chained"), storedEvent(rs),
                        rs.getObject("last_position") == null ? null : rs.getLong("last_position"),
                        rs.getBytes("last_hash")))
                .optional();
    }

    /** Adds the links, in order, in one batched statement. */
    public void addAll(List<ChainLink> links) {
        jdbcTemplate.batchUpdate("""
                        INSERT INTO event_chain (user_id, position, global_index, event_identifier, previous_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?)""", links, links.size(), (statement, link) -> {
                    statement.setString(1, link.userId());
                    statement.setLong(2, link.position());
                    statement.setLong(3, link.globalIndex());
                    statement.setString(4, link.eventIdentifier());
                    statement.setBytes(5, link.previousHash());
                    statement.setBytes(6, link.hash());
                });
    }

    /** The user's chain in order, each link with its event. */
    public void forEachOf(UserId user, Consumer<LinkAndEvent> action) {
        stream(LINKS + " WHERE c.user_id = ? ORDER BY c.position", user.value(), action);
    }

    /** Every chain, user after user, each in order. */
    public void forEach(Consumer<LinkAndEvent> action) {
        stream(LINKS + " ORDER BY c.user_id, c.position", null, action);
    }

    /** A user's event and its place in the user's history. */
    public record Positioned(long position, StoredEvent event) {
    }

    /** A user's events in the chain's order, from position {@code from} on; the index of the user's history. */
    public List<Positioned> eventsOf(UserId user, long from, int limit) {
        return jdbc.sql("SELECT c.position, " + STORED_COLUMNS + """
                         FROM event_chain c JOIN domain_event_entry e ON e.global_index = c.global_index
                        WHERE c.user_id = ? AND c.position >= ? ORDER BY c.position LIMIT ?""")
                .params(user.value(), from, limit)
                .query((rs, n) -> new Positioned(rs.getLong("position"), storedEvent(rs)))
                .list();
    }

    private void stream(String sql, String user, Consumer<LinkAndEvent> action) {
        // PostgreSQL only streams a result (rather than loading all of it) inside a transaction.
        readOnly.executeWithoutResult(status -> {
            var statement = streaming.sql(sql);
            if (user != null) {
                statement = statement.param(user);
            }
            statement.query(rs -> {
                action.accept(new LinkAndEvent(new ChainLink(rs.getString("user_id"), rs.getLong("position"),
                        rs.getLong("chained_index"), rs.getString("chained_id"), rs.getBytes("previous_hash"),
                        rs.getBytes("hash")), rs.getObject("global_index") == null ? null : storedEvent(rs)));
            });
        });
    }

    static StoredEvent storedEvent(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getString("aggregate_identifier"), rs.getLong("sequence_number"), rs.getString("payload_type"),
                rs.getString("payload_revision"), rs.getString("time_stamp"), rs.getBytes("payload"),
                rs.getBytes("meta_data"), rs.getString("type"));
    }
}
