package dev.portico.query.support;

import static org.awaitility.Awaitility.await;

import dev.portico.query.query.FindUser;
import dev.portico.query.query.UserView;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;

/**
 * What the tests of events committed by another process share: that process's event store ({@link OtherProcess})
 * and what this service has projected of a user.
 */
public abstract class OtherProcessCommits {
    /** A failure guard: far above any lag, so that only an event that is never projected fails the test. */
    protected static final Duration PROJECTED = Duration.ofSeconds(30);

    @Autowired
    private QueryGateway queries;
    @Autowired
    @Qualifier("eventSerializer")
    private Serializer eventSerializer;
    @Autowired
    private DataSourceProperties database;

    private final boolean notifies;
    protected JdbcEventStorageEngine otherProcess;

    /** The other process announces its commits, as command-service does. */
    protected OtherProcessCommits() {
        this(true);
    }

    /** @param notifies false: the other process's notifications are lost */
    protected OtherProcessCommits(boolean notifies) {
        this.notifies = notifies;
    }

    @BeforeEach
    void openOtherProcess() {
        otherProcess = OtherProcess.eventStore(database, eventSerializer, notifies);
    }

    /** Another process commits a new user's registration; returns once this service has projected it. */
    protected UserHistory committedAndProjected() {
        UserHistory user = new UserHistory(UserHistory.newApp());
        otherProcess.appendEvents(user.register(UserHistory.now()));
        await().atMost(PROJECTED).until(() -> find(user).isPresent());
        return user;
    }

    protected Optional<UserView> find(UserHistory user) {
        return queries.query(new FindUser(user.userId()), ResponseTypes.optionalInstanceOf(UserView.class)).join();
    }
}
