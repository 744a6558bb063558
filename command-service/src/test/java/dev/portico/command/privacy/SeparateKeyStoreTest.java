package dev.portico.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.testsupport.ClientApi;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The key store in a database of its own: the event store's database then holds no key at all, deletions
 * still destroy keys, and restoring an older backup of the key store is repaired at the next start.
 */
@CommandServiceTest
class SeparateKeyStoreTest {
    private static final PostgresServer KEYS = TestBackends.freshDatabase("keys");

    @DynamicPropertySource
    static void keyStore(DynamicPropertyRegistry properties) {
        properties.add("portico.key-store.url", KEYS::jdbcUrl);
        properties.add("portico.key-store.username", KEYS::username);
        properties.add("portico.key-store.password", KEYS::password);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient eventStoreDatabase;
    @Autowired
    ErasureReplay erasure;
    private final JdbcClient keyStore = JdbcClient.create(
            new org.springframework.jdbc.datasource.DriverManagerDataSource(KEYS.jdbcUrl(), KEYS.username(), KEYS.password()));

    @Test
    void theEventStoresDatabaseHoldsNoKey() {
        var login = new ClientApi(port).anonymousLogin("test-app");

        assertThat(keysOf(login.text("user_id"))).isEqualTo(1);
        assertThat(eventStoreDatabase.sql("""
                SELECT count(*) FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_name IN ('personal_data_keys', 'claim_digest_keys')""")
                .query(Long.class).single()).isZero();
        assertThat(new ClientApi(port).get("/api/client/v2.0/auth/profile", login.text("access_token")).status())
                .isEqualTo(200);
    }

    @Test
    void aDeletionDestroysTheKeyAndARestoredKeyIsDestroyedAgain() {
        ClientApi api = new ClientApi(port);
        var login = api.anonymousLogin("test-app");
        String user = login.text("user_id");
        byte[] key = keyStore.sql("SELECT key_bytes FROM personal_data_keys WHERE user_id = ?").param(user)
                .query(byte[].class).single();

        assertThat(api.delete("/api/client/v2.0/auth/delete", login.text("access_token")).status()).isEqualTo(204);
        assertThat(keysOf(user)).isZero();

        // A backup of the key store from before the deletion is restored: the key and an older checkpoint.
        keyStore.sql("INSERT INTO personal_data_keys (user_id, key_id, key_bytes) VALUES (?, 'restored', ?)")
                .params(user, key).update();
        keyStore.sql("UPDATE erasure_checkpoint SET last_global_index = -1").update();

        assertThat(erasure.reapply()).isPositive();
        assertThat(keysOf(user)).isZero();
        assertThat(erasure.reapply()).isZero();
    }

    private long keysOf(String user) {
        return keyStore.sql("SELECT count(*) FROM personal_data_keys WHERE user_id = ?").param(user)
                .query(Long.class).single();
    }
}
