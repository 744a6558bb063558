package dev.portico.command.userpass;

import dev.portico.command.privacy.KeyStore;
import dev.portico.events.PersonalDataCipher;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The address of a registration that waits for confirmation, sealed for operators to read
 * ({@code userpass_credentials.sealed_address}). The key is derived from the key store's claim-digest key, so a
 * copy of the event store's database opens nothing; the credential's id is the associated data (in the place a
 * user's id takes in events' {@code SealedData}), so a sealed address cannot be moved to another row. What
 * erases it is the row: confirmation clears the column, and lapsing, withdrawal and deletion remove the row.
 */
@Component
class PendingAddresses {
    private static final String KEY_ID = "pending1";

    private final KeyStore keyStore;
    private volatile SecretKey key;

    PendingAddresses(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    String seal(String credentialId, String address) {
        return PersonalDataCipher.seal(key(), KEY_ID, new UserId(credentialId),
                address.getBytes(StandardCharsets.UTF_8)).sealed();
    }

    /** Empty for a registration stored without its address. */
    Optional<String> open(String credentialId, String sealed) {
        if (sealed == null) {
            return Optional.empty();
        }
        return Optional.of(new String(PersonalDataCipher.open(key(), new UserId(credentialId), new SealedData(sealed)),
                StandardCharsets.UTF_8));
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(keyStore.claimDigestKey(), "HmacSHA256"));
                current = PersonalDataCipher.key(mac.doFinal("portico pending address".getBytes(StandardCharsets.US_ASCII)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
            key = current;
        }
        return current;
    }
}
