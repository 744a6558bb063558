package dev.portico.query.projection;

import static org.awaitility.Awaitility.await;

import dev.portico.events.store.EventTables;
import dev.portico.query.support.OtherProcessCommits;
import dev.portico.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A commit whose notification never comes (command-service stopped between the commit and its NOTIFY) is
 * projected anyway: while listening, the processor looks at the store after a recheck interval without one. The
 * poll, which only runs while nobody listens, is an hour away.
 */
@QueryServiceTest
@TestPropertySource(properties = {"portico.test.database=unannounced", "portico.query.event-poll-interval=1h",
        "portico.query.event-recheck-interval=1s"})
class LostNotificationsTest extends OtherProcessCommits {
    @Autowired
    JdbcClient jdbc;

    LostNotificationsTest() {
        super(false);
    }

    @Test
    void eventsWhoseNotificationWasLostAreProjectedAtTheNextRecheck() {
        // Given the processor listens for notifications and has caught up with a first user
        await().atMost(PROJECTED).until(() -> jdbc.sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                .param("LISTEN " + EventTables.APPENDED_CHANNEL).query(Integer.class).single() == 1);
        committedAndProjected();

        // When another process commits a second user and nobody is told, then it is projected all the same
        committedAndProjected();
    }
}
