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
import java.util.List;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Events another process commits are projected because the database says so, not because the store is polled:
 * here the store is polled once an hour, far beyond the failure guard, so only the notification can bring them.
 */
@QueryServiceTest
@TestPropertySource(properties = {"portico.test.database=notified", "portico.query.event-poll-interval=1h"})
class AppendNotificationsTest {
    /** A failure guard, far below the poll interval. */
    private static final Duration PROJECTED = Duration.ofSeconds(30);
    private static final String LISTENING = "LISTEN " + EventTables.APPENDED_CHANNEL;

    @Autowired
    QueryGateway queries;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    DataSourceProperties database;
    @Autowired
    JdbcClient jdbc;

    private JdbcEventStorageEngine otherProcess;

    @BeforeEach
    void otherProcess() {
        otherProcess = OtherProcess.eventStore(database, eventSerializer);
    }

    @Test
    void eventsCommittedByAnotherProcessAreProjectedWithoutWaitingForAPoll() {
        // Given the processor has caught up with a first user, so it waits for the next poll or notification
        UserHistory first = new UserHistory(newApp());
        otherProcess.appendEvents(first.register(now()));
        await().atMost(PROJECTED).until(() -> find(first).isPresent());

        // When another process commits a second user
        UserHistory second = new UserHistory(newApp());
        otherProcess.appendEvents(second.register(now()));

        // Then it is projected long before the store would be polled again
        await().atMost(PROJECTED).until(() -> find(second).isPresent());
    }

    @Test
    void aLostListeningConnectionIsReplacedAndEventsAppendedAfterwardsStillArrive() {
        // Given the listening connection is cut by the server
        await().atMost(PROJECTED).until(() -> listeningBackends().size() == 1);
        Integer cut = listeningBackends().get(0);
        jdbc.sql("SELECT pg_terminate_backend(?)").param(cut).query(Boolean.class).single();

        // When it has listened again on a new connection, and another process then commits a user
        await().atMost(PROJECTED).until(() -> {
            List<Integer> listening = listeningBackends();
            return listening.size() == 1 && !listening.contains(cut);
        });
        UserHistory user = new UserHistory(newApp());
        otherProcess.appendEvents(user.register(now()));

        // Then the user is projected, by notification (the next poll is an hour away)
        await().atMost(PROJECTED).until(() -> find(user).isPresent());
    }

    private List<Integer> listeningBackends() {
        return jdbc.sql("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = ?")
                .param(LISTENING).query(Integer.class).list();
    }

    private Optional<UserView> find(UserHistory user) {
        return queries.query(new FindUser(user.userId()), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }
}
