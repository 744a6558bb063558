package dev.portico.query.projection;

import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.events.store.EventTables;
import dev.portico.query.query.FindUser;
import dev.portico.query.query.UserView;
import dev.portico.query.support.OtherProcess;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import java.time.Duration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With notifications switched off (behind a pooler that does not pass LISTEN through) nothing tells the processor
 * of another process's commits: the poll does.
 */
@QueryServiceTest
@TestPropertySource(properties = {"portico.test.database=polled", "portico.query.event-notifications=false"})
class PolledEventsTest {
    private static final Duration PROJECTED = Duration.ofSeconds(30);

    @Autowired
    QueryGateway queries;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    DataSourceProperties database;
    @Autowired
    JdbcClient jdbc;

    @Test
    void eventsCommittedByAnotherProcessAreProjectedByPollingWhenNotificationsAreOff() {
        // Given nobody listens for the store's notifications
        assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                .param("LISTEN " + EventTables.APPENDED_CHANNEL).query(Integer.class).single()).isZero();

        // When another process commits users, one after the processor has caught up with the first
        UserHistory first = new UserHistory(newApp());
        OtherProcess.eventStore(database, eventSerializer).appendEvents(first.register(now()));
        await().atMost(PROJECTED).until(() -> find(first));
        UserHistory second = new UserHistory(newApp());
        OtherProcess.eventStore(database, eventSerializer).appendEvents(second.register(now()));

        // Then the second is projected too
        await().atMost(PROJECTED).until(() -> find(second));
    }

    private boolean find(UserHistory user) {
        return queries.query(new FindUser(user.userId()), ResponseTypes.optionalInstanceOf(UserView.class)).join()
                .isPresent();
    }
}
