package dev.portico.query.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opens the sealed personal parts of events for the read side, with the user's key from the key store that
 * the command-service owns (its tables and migrations are the command-service's; this only reads them). Once
 * a user is deleted its key is gone and {@link #open} answers empty: the data is erased, here as everywhere.
 * The key store is the event store's database unless {@code portico.key-store.url} names one of its own, as
 * for the command-service.
 */
@Component
public class PersonalData implements DisposableBean {
    private final JdbcClient keys;
    private final HikariDataSource own;
    private final ObjectMapper json;

    public PersonalData(DataSource eventStoreDatabase, KeyStoreLocation location, ObjectMapper json) {
        this.own = location.separate() ? dataSource(location) : null;
        this.keys = JdbcClient.create(own != null ? own : eventStoreDatabase);
        this.json = json;
    }

    /** The user's key, or empty once the user is deleted (or was never seen). */
    public Optional<SecretKey> keyOf(UserId user) {
        return keys.sql("SELECT key_bytes FROM personal_data_keys WHERE user_id = ?")
                .param(user.value())
                .query((rs, n) -> PersonalDataCipher.key(rs.getBytes(1)))
                .optional();
    }

    /** The sealed JSON in clear, or empty when it is erased (the user's key is destroyed) or absent. */
    public Optional<JsonNode> open(UserId user, SealedData sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return keyOf(user).map(key -> open(key, user, sealed));
    }

    /** Opens with a key already read by {@link #keyOf}, for callers that open many values of one user. */
    public JsonNode open(SecretKey key, UserId user, SealedData sealed) {
        try {
            return json.readTree(PersonalDataCipher.open(key, user, sealed));
        } catch (IOException e) {
            throw new UncheckedIOException("sealed personal data is not JSON", e);
        }
    }

    /** A value sealed as text rather than JSON (an identity's subject), with a key read by {@link #keyOf}. */
    public String openText(SecretKey key, UserId user, SealedData sealed) {
        return new String(PersonalDataCipher.open(key, user, sealed), StandardCharsets.UTF_8);
    }

    private static HikariDataSource dataSource(KeyStoreLocation location) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("key-store");
        dataSource.setJdbcUrl(location.url());
        dataSource.setUsername(location.username());
        dataSource.setPassword(location.password());
        dataSource.setMaximumPoolSize(4);
        dataSource.setReadOnly(true);
        return dataSource;
    }

    @Override
    public void destroy() {
        if (own != null) {
            own.close();
        }
    }

    /** Where the command-service keeps its key store: the same setting, read the same way. */
    @ConfigurationProperties("portico.key-store")
    public record KeyStoreLocation(String url, String username, String password) {
        boolean separate() {
            return url != null && !url.isBlank();
        }
    }
}
