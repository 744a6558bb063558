package dev.portico.command.userpass;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Argon2id hashes in the PHC format, at the configured cost, and old costs still verifying. */
class PasswordHasherTest {
    private static final PasswordHasher CHEAP = hasher(1, 64, 1);

    @Test
    void theDefaultCostIsKeycloaks() {
        String hash = new PasswordHasher(PasswordProperties.defaults()).hash("correct horse");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = CHEAP.hash("correct horse");

        assertThat(CHEAP.verify("correct horse", hash)).isTrue();
        assertThat(CHEAP.verify("correct horsE", hash)).isFalse();
        assertThat(CHEAP.verify("", hash)).isFalse();
    }

    @Test
    void everyHashHasItsOwnSalt() {
        assertThat(CHEAP.hash("same password")).isNotEqualTo(CHEAP.hash("same password"));
    }

    /** Known answers from the Argon2 reference implementation's own tests (phc-winner-argon2, src/test.c). */
    @Test
    void hashesAreStandardArgon2id() {
        assertThat(CHEAP.verify("password",
                "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")).isTrue();
        assertThat(CHEAP.verify("password",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4")).isTrue();
        assertThat(CHEAP.verify("passwore",
                "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4")).isFalse();
    }

    @Test
    void aHashOfAnotherCostStillVerifiesAndIsRecognisedAsOld() {
        PasswordHasher old = hasher(2, 128, 1);
        String hash = old.hash("correct horse");

        assertThat(CHEAP.verify("correct horse", hash)).isTrue();
        assertThat(CHEAP.isCurrent(hash)).isFalse();
        assertThat(old.isCurrent(hash)).isTrue();
    }

    @Test
    void theDecoyNeverMatches() {
        assertThat(CHEAP.verifyDecoy("anything")).isFalse();
    }

    private static PasswordHasher hasher(int iterations, int memoryKib, int parallelism) {
        return new PasswordHasher(new PasswordProperties(
                new PasswordProperties.Argon2(iterations, memoryKib, parallelism, 2), null, null));
    }
}
