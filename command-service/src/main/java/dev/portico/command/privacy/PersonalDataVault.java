package dev.portico.command.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps each user's personal-data key in {@code personal_data_keys}, outside the event store.
 * {@link #destroyKey} is what erases a user's personal data from the whole history.
 */
@Component
public class PersonalDataVault {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PersonalDataVault(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Creates the key of a new user; call it in the transaction that registers the user. */
    public UserKey createKey(UserId user) {
        var key = PersonalDataCipher.newKey();
        jdbc.sql("INSERT INTO personal_data_keys (user_id, key_bytes) VALUES (?, ?)")
                .params(user.value(), key.getEncoded())
                .update();
        return new UserKey(user, key, json);
    }

    public Optional<UserKey> findKey(UserId user) {
        return jdbc.sql("SELECT key_bytes FROM personal_data_keys WHERE user_id = ?")
                .param(user.value())
                .query((rs, n) -> new UserKey(user, PersonalDataCipher.key(rs.getBytes(1)), json))
                .optional();
    }

    /** The sealed JSON, or empty once the user's key is destroyed: the data is erased. */
    public Optional<JsonNode> open(UserId user, SealedData sealed) {
        return findKey(user).map(key -> key.open(sealed));
    }

    public void destroyKey(UserId user) {
        jdbc.sql("DELETE FROM personal_data_keys WHERE user_id = ?").param(user.value()).update();
    }
}
