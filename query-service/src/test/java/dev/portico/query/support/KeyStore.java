package dev.portico.query.support;

import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.stack.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.crypto.SecretKey;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The command-service's key store as this service reads it: the {@code personal_data_keys} table (layout of
 * command-service's {@code db/keystore} V1, which only that service migrates), and users' keys sealing
 * personal data as the command-service does.
 */
public final class KeyStore {
    private KeyStore() {
    }

    public static void createTable(PostgresServer database) {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS personal_data_keys (
                        user_id    CHAR(24)    NOT NULL PRIMARY KEY,
                        key_id     VARCHAR(16) NOT NULL,
                        key_bytes  BYTEA       NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL DEFAULT now())""");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the key store table", e);
        }
    }

    /** A user's key, stored as the command-service stores it at registration. */
    public static UserKey newKey(JdbcClient jdbc, UserId user) {
        SecretKey key = PersonalDataCipher.newKey();
        jdbc.sql("INSERT INTO personal_data_keys (user_id, key_id, key_bytes) VALUES (?, 'k1', ?)")
                .params(user.value(), key.getEncoded())
                .update();
        return new UserKey(user, key);
    }

    /** Deleting the row is what the command-service does when the user is deleted. */
    public static void destroyKey(JdbcClient jdbc, UserId user) {
        jdbc.sql("DELETE FROM personal_data_keys WHERE user_id = ?").param(user.value()).update();
    }

    public record UserKey(UserId user, SecretKey key) {
        public SealedData sealJson(String json) {
            return sealText(json);
        }

        public SealedData sealText(String text) {
            return PersonalDataCipher.seal(key, "k1", user, text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
