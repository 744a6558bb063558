package dev.portico.command.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each user's personal-data key, kept in the key store, outside the event store. {@link #destroyKey} is what
 * erases a user's personal data from the whole history.
 */
@Component
public class PersonalDataVault {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyStore keyStore;
    private final ObjectMapper json;

    public PersonalDataVault(KeyStore keyStore, ObjectMapper json) {
        this.keyStore = keyStore;
        this.json = json;
    }

    /**
     * Creates the key of a new user. In the event store's database the key commits with the registration; in
     * a key store of its own it commits first, so no event can name a key that was never kept.
     */
    public UserKey createKey(UserId user) {
        var key = PersonalDataCipher.newKey();
        String keyId = HexFormat.of().formatHex(randomBytes(4));
        keyStore.jdbc().sql("INSERT INTO personal_data_keys (user_id, key_id, key_bytes) VALUES (?, ?, ?)")
                .params(user.value(), keyId, key.getEncoded())
                .update();
        return new UserKey(user, keyId, key, json);
    }

    public Optional<UserKey> findKey(UserId user) {
        return keyStore.jdbc().sql("SELECT key_id, key_bytes FROM personal_data_keys WHERE user_id = ?")
                .param(user.value())
                .query((rs, n) -> key(user, rs.getString(1), rs.getBytes(2)))
                .optional();
    }

    /**
     * The table a view's query may join (on {@code user_id}, columns {@code key_id} and {@code key_bytes}) to read
     * a user's key in the same round trip as its rows; empty when the key store is a database of its own. The
     * profile is read on every app start, and a second query per request cost it a seventh of its rate.
     */
    public Optional<String> joinableKeyTable() {
        return keyStore.sharesEventStoreTransactions() ? Optional.of("personal_data_keys") : Optional.empty();
    }

    /** The key read by a query that joined {@link #joinableKeyTable()}. */
    public UserKey key(UserId user, String keyId, byte[] keyBytes) {
        return new UserKey(user, keyId, PersonalDataCipher.key(keyBytes), json);
    }

    /** The sealed JSON, or empty once the user's key is destroyed: the data is erased. */
    public Optional<JsonNode> open(UserId user, SealedData sealed) {
        return findKey(user).map(key -> key.open(sealed));
    }

    /**
     * Destroys the key with the deletion: in the same transaction when the key store shares the event store's
     * database, otherwise once the deletion has committed (a failure then is repaired by {@link ErasureReplay}).
     */
    public void destroyKey(UserId user) {
        if (keyStore.sharesEventStoreTransactions() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            keyStore.destroyKeys(java.util.List.of(user));
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                keyStore.destroyKeys(java.util.List.of(user));
            }
        });
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
