package dev.portico.query.readmodel;

import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_custom_data} table: the latest document of each user, sealed. */
@Repository
public class CustomDataRepository {
    private final JdbcClient jdbc;

    public CustomDataRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredDocument(SealedData document, Instant changedAt) {
    }

    /** The newer change wins, so seeing an event again (or out of order) never brings back an older document. */
    public void replace(UserId user, SealedData document, Instant changedAt) {
        jdbc.sql("""
                        INSERT INTO user_custom_data (user_id, sealed_document, changed_at)
                        SELECT user_id, :document, :changed FROM users WHERE user_id = :user
                        ON CONFLICT (user_id) DO UPDATE SET sealed_document = EXCLUDED.sealed_document,
                            changed_at = EXCLUDED.changed_at
                        WHERE user_custom_data.changed_at <= EXCLUDED.changed_at""")
                .param("user", user.value())
                .param("document", document.sealed())
                .param("changed", Timestamp.from(changedAt))
                .update();
    }

    public void delete(UserId user) {
        jdbc.sql("DELETE FROM user_custom_data WHERE user_id = :user").param("user", user.value()).update();
    }

    public void deleteAll() {
        jdbc.sql("DELETE FROM user_custom_data").update();
    }

    public Optional<StoredDocument> find(UserId user) {
        return jdbc.sql("SELECT sealed_document, changed_at FROM user_custom_data WHERE user_id = :user")
                .param("user", user.value())
                .query((rs, n) -> new StoredDocument(new SealedData(rs.getString(1)), rs.getTimestamp(2).toInstant()))
                .optional();
    }
}
