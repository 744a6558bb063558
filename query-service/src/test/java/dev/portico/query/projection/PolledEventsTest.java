package dev.portico.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.events.store.EventTables;
import dev.portico.query.support.OtherProcessCommits;
import dev.portico.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With notifications switched off (behind a pooler that does not pass LISTEN through) nothing tells the processor
 * of another process's commits: the poll does.
 */
@QueryServiceTest
@TestPropertySource(properties = {"portico.test.database=polled", "portico.query.event-notifications=false"})
class PolledEventsTest extends OtherProcessCommits {
    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsCommittedByAnotherProcessAreProjectedByPollingWhenNotificationsAreOff() {
        // Given nobody listens for the store's notifications
        assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                .param("LISTEN " + EventTables.APPENDED_CHANNEL).query(Integer.class).single()).isZero();

        // When another process commits a user after the processor has caught up with a first, then it is projected
        committedAndProjected();
        committedAndProjected();
    }
}
