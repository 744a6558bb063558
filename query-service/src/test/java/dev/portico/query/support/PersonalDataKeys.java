package dev.portico.query.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user's personal-data key as command-service keeps it (its {@code personal_data_keys} table, created here
 * in command-service's layout because these tests run without command-service), sealing values as it does.
 * {@link #destroy()} is crypto-shredding: what was sealed stays in the events, unreadable.
 */
public final class PersonalDataKeys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final UserId user;
    private final SecretKey key = PersonalDataCipher.newKey();

    public PersonalDataKeys(JdbcClient jdbc, UserId user) {
        this.jdbc = jdbc;
        this.user = user;
        jdbc.sql("""
                CREATE TABLE IF NOT EXISTS personal_data_keys (
                    user_id CHAR(24) NOT NULL PRIMARY KEY, key_id VARCHAR(16) NOT NULL, key_bytes BYTEA NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL DEFAULT now())""").update();
        jdbc.sql("INSERT INTO personal_data_keys (user_id, key_id, key_bytes) VALUES (?, 'k1', ?)")
                .params(user.value(), key.getEncoded()).update();
    }

    public SealedData seal(Object value) {
        try {
            return PersonalDataCipher.seal(key, "k1", user, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** As command-service seals a {@link dev.portico.events.SealedText} value: the text's UTF-8 bytes. */
    public SealedData sealText(String text) {
        return PersonalDataCipher.seal(key, "k1", user, text.getBytes(StandardCharsets.UTF_8));
    }

    public void destroy() {
        jdbc.sql("DELETE FROM personal_data_keys WHERE user_id = ?").param(user.value()).update();
    }
}
