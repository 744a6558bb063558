package dev.portico.command.privacy;

import dev.portico.events.UserId;
import dev.portico.events.store.EventTables;
import dev.portico.events.user.UserDeleted;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Re-applies to the key store every deletion the event store records since the key store's checkpoint, at
 * each start. After a key store is restored from a backup, this destroys again the keys of users deleted
 * since that backup; it also repairs a key whose destruction failed after its deletion committed.
 */
@Component
class ErasureReplay implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(ErasureReplay.class);
    private static final int BATCH = 1000;

    private final JdbcClient eventStore;
    private final KeyStore keyStore;

    ErasureReplay(JdbcClient eventStore, KeyStore keyStore) {
        this.eventStore = eventStore;
        this.keyStore = keyStore;
    }

    @Override
    public void run(ApplicationArguments args) {
        int erased = reapply();
        if (erased > 0) {
            log.info("Re-applied {} user deletions to the key store", erased);
        }
    }

    /**
     * @return how many deletions were found past the checkpoint. The checkpoint then moves to the newest event,
     * so a start scans only what came since the last one; a deletion still committing meanwhile destroys its
     * key itself.
     */
    int reapply() {
        long upTo = eventStore.sql("SELECT coalesce(max(global_index), -1) FROM " + EventTables.EVENTS)
                .query(Long.class).single();
        long from = keyStore.erasureCheckpoint();
        int found = 0;
        while (from < upTo) {
            List<UserId> users = new ArrayList<>();
            long[] last = {upTo};
            long after = from;
            eventStore.sql("SELECT global_index, aggregate_identifier FROM " + EventTables.EVENTS
                            + " WHERE payload_type = ? AND global_index > ? AND global_index <= ?"
                            + " ORDER BY global_index LIMIT " + BATCH)
                    .params(UserDeleted.class.getName(), after, upTo)
                    .query(rs -> {
                        users.add(new UserId(rs.getString(2)));
                        if (users.size() == BATCH) {
                            last[0] = rs.getLong(1);
                        }
                    });
            keyStore.destroyKeys(users);
            keyStore.advanceErasureCheckpoint(last[0]);
            found += users.size();
            from = last[0];
        }
        return found;
    }
}
