package dev.portico.command.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.store.EventTables;
import dev.portico.testsupport.ClientApi;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Readers in other processes are told of appended events once, and only once, their transaction has committed. */
@CommandServiceTest
class AppendNotifierTest {
    /** A failure guard: far above the time a NOTIFY takes, so that only a missing one fails the test. */
    private static final int TOLD_WITHIN_MILLIS = 30_000;

    @LocalServerPort
    int port;
    @Autowired
    DataSourceProperties database;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aLoginThatCommittedIsAnnouncedOnTheAppendedChannel() throws SQLException {
        try (Connection listener = DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                database.determinePassword())) {
            // Given a reader listens on the channel
            try (Statement statement = listener.createStatement()) {
                statement.execute("LISTEN " + EventTables.APPENDED_CHANNEL);
            }

            // When a login appends and commits its events
            assertThat(new ClientApi(port).anonymousLogin("test-app").status()).isEqualTo(200);

            // Then the reader is told
            PGNotification[] told = listener.unwrap(PGConnection.class).getNotifications(TOLD_WITHIN_MILLIS);
            assertThat(told).isNotEmpty().extracting(PGNotification::getName)
                    .containsOnly(EventTables.APPENDED_CHANNEL);
        }
    }

    @Test
    void anAppendIsToldOnlyOnceItsTransactionCommits() {
        // Given a notifier that is not sending, so that what it is yet to tell stays visible
        AppendNotifier notifier = new AppendNotifier(null);
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        // When a transaction that appended rolls back, then there is nothing to tell
        transaction.executeWithoutResult(status -> {
            notifier.appended();
            status.setRollbackOnly();
        });
        assertThat(notifier.pending()).isFalse();

        // When one commits, then it is to be told; not before the commit
        transaction.executeWithoutResult(status -> {
            notifier.appended();
            assertThat(notifier.pending()).isFalse();
        });
        assertThat(notifier.pending()).isTrue();
    }
}
