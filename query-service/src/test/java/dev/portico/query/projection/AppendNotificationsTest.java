package dev.portico.query.projection;

import static org.awaitility.Awaitility.await;

import dev.portico.events.store.EventTables;
import dev.portico.query.support.OtherProcessCommits;
import dev.portico.query.support.QueryServiceTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Events another process commits are projected because the database says so, not because the store is polled:
 * here the store is polled, and looked at again without a notification, once an hour, far beyond the failure
 * guard, so only the notification can bring them.
 */
@QueryServiceTest
@TestPropertySource(properties = {"portico.test.database=notified", "portico.query.event-poll-interval=1h",
        "portico.query.event-recheck-interval=1h"})
class AppendNotificationsTest extends OtherProcessCommits {
    private static final String LISTENING = "LISTEN " + EventTables.APPENDED_CHANNEL;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsCommittedByAnotherProcessAreProjectedWithoutWaitingForAPoll() {
        // Given the processor has caught up with a first user, so it waits for the next poll or notification
        committedAndProjected();

        // When another process commits a second user, then it is projected long before the store would be
        // polled again
        committedAndProjected();
    }

    @Test
    void aLostListeningConnectionIsReplacedAndEventsAppendedAfterwardsStillArrive() {
        // Given the listening connection is cut by the server
        await().atMost(PROJECTED).until(() -> listeningBackends().size() == 1);
        Integer cut = listeningBackends().get(0);
        jdbc.sql("SELECT pg_terminate_backend(?)").param(cut).query(Boolean.class).single();

        // When it has listened again on a new connection
        await().atMost(PROJECTED).until(() -> {
            List<Integer> listening = listeningBackends();
            return listening.size() == 1 && !listening.contains(cut);
        });

        // Then a user another process commits afterwards is projected, by notification (the next poll is an
        // hour away)
        committedAndProjected();
    }

    private List<Integer> listeningBackends() {
        return jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                .param(LISTENING).query(Integer.class).list();
    }
}
