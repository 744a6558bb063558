package dev.portico.command.privacy;

import com.zaxxer.hikari.HikariDataSource;
import dev.portico.events.UserId;
import java.security.SecureRandom;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The database of the keys that make personal data readable ({@code db/keystore}, with its own migration
 * history): per-user keys, the claim-digest key, and how far deletions have been applied to it.
 */
@Component
public class KeyStore implements DisposableBean {
    private final JdbcClient jdbc;
    private final boolean shared;
    private final HikariDataSource own;

    public KeyStore(DataSource eventStoreDatabase, KeyStoreProperties properties) {
        shared = !properties.separate();
        own = shared ? null : dataSource(properties);
        DataSource database = shared ? eventStoreDatabase : own;
        Flyway.configure().dataSource(database).locations("classpath:db/keystore").table("key_store_schema_history")
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        jdbc = JdbcClient.create(database);
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    /** True when keys commit and roll back with the events, in the event store's database. */
    boolean sharesEventStoreTransactions() {
        return shared;
    }

    void destroyKeys(List<UserId> users) {
        if (users.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM personal_data_keys WHERE user_id = ANY (?)")
                .param(users.stream().map(UserId::value).toArray(String[]::new))
                .update();
    }

    /** The claim-digest key; the first instance to ask creates it, every other one reads the same. */
    public byte[] claimDigestKey() {
        byte[] candidate = new byte[32];
        new SecureRandom().nextBytes(candidate);
        jdbc.sql("INSERT INTO claim_digest_keys (key_id, key_bytes) VALUES ('c1', ?) ON CONFLICT DO NOTHING")
                .param(candidate).update();
        return jdbc.sql("SELECT key_bytes FROM claim_digest_keys WHERE key_id = 'c1'").query(byte[].class).single();
    }

    long erasureCheckpoint() {
        return jdbc.sql("SELECT last_global_index FROM erasure_checkpoint WHERE id = 1").query(Long.class).single();
    }

    void advanceErasureCheckpoint(long globalIndex) {
        jdbc.sql("UPDATE erasure_checkpoint SET last_global_index = ? WHERE id = 1 AND last_global_index < ?")
                .params(globalIndex, globalIndex).update();
    }

    private static HikariDataSource dataSource(KeyStoreProperties properties) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setPoolName("key-store");
        dataSource.setJdbcUrl(properties.url());
        dataSource.setUsername(properties.username());
        dataSource.setPassword(properties.password());
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }

    @Override
    public void destroy() {
        if (own != null) {
            own.close();
        }
    }
}
