package dev.portico.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {
    private final UserId owner = UserId.generate();
    private final SecretKey key = PersonalDataCipher.newKey();
    private final byte[] plaintext = "{\"ip\":\"203.0.113.7\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWhatItSealedWithTheSameKeyForTheSameUser() {
        SealedData sealed = PersonalDataCipher.seal(key, "k1", owner, plaintext);

        assertThat(PersonalDataCipher.open(key, owner, sealed)).isEqualTo(plaintext);
    }

    @Test
    void neverShowsThePlaintextInTheSealedForm() {
        SealedData sealed = PersonalDataCipher.seal(key, "k1", owner, plaintext);

        assertThat(sealed.sealed()).doesNotContain("203.0.113.7");
        assertThat(PersonalDataCipher.seal(key, "k1", owner, plaintext)).isNotEqualTo(sealed);
    }

    @Test
    void refusesAnotherKey() {
        SealedData sealed = PersonalDataCipher.seal(key, "k1", owner, plaintext);

        assertThatThrownBy(() -> PersonalDataCipher.open(PersonalDataCipher.newKey(), owner, sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDataMovedToAnotherUsersEvents() {
        SealedData sealed = PersonalDataCipher.seal(key, "k1", owner, plaintext);

        assertThatThrownBy(() -> PersonalDataCipher.open(key, UserId.generate(), sealed))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void restoresAKeyFromItsEncodedForm() {
        SealedData sealed = PersonalDataCipher.seal(key, "k1", owner, plaintext);

        SecretKey restored = PersonalDataCipher.key(key.getEncoded());

        assertThat(PersonalDataCipher.open(restored, owner, sealed)).isEqualTo(plaintext);
    }
}
