package dev.portico.query.projection;

import dev.portico.events.store.EventTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the event store's "events appended" notification ({@link EventTables#APPENDED_CHANNEL}, sent by a
 * trigger when the appending transaction commits) and passes it on, so that events committed by command-service
 * are projected as soon as they are committed rather than at the event store's next poll. Polling stays as the
 * fallback: while this has no connection, or where notifications are switched off
 * ({@code portico.query.event-notifications}, e.g. behind a pooler that does not pass LISTEN through), events
 * still arrive within the poll interval.
 *
 * <p>It holds one connection of its own, outside the pool: a listening connection collects notifications
 * until they are read, which a pooled connection lent to others would never do.
 */
public class AppendNotifications extends BackgroundWatch {
    private static final Logger log = LoggerFactory.getLogger(AppendNotifications.class);
    /** How long one wait for notifications lasts: also how long stopping can take. */
    private static final int WAIT_MILLIS = 500;

    /** Opens a connection to the event store's database. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final Runnable onAppended;
    private final boolean enabled;

    public AppendNotifications(Connections connections, Runnable onAppended, boolean enabled) {
        super("event-append-notifications");
        this.connections = connections;
        this.onAppended = onAppended;
        this.enabled = enabled;
    }

    @Override
    public void start() {
        super.start();
        if (enabled) {
            startThread();
        }
    }

    @Override
    protected void watch() {
        boolean failedBefore = false;
        while (isRunning()) {
            try (Connection connection = connections.open()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + EventTables.APPENDED_CHANNEL);
                }
                if (failedBefore) {
                    log.info("Listening for appended events again");
                    failedBefore = false;
                }
                // Whatever was appended while nobody listened is fetched now, not at the next poll.
                onAppended.run();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (isRunning()) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    if (received != null && received.length > 0) {
                        onAppended.run();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!failedBefore) {
                    // Once per outage: the database being away is reported by health and the processors.
                    log.warn("Not listening for appended events ({}); the event store is polled meanwhile",
                            e.getMessage());
                    failedBefore = true;
                }
                if (!pause()) {
                    return;
                }
            }
        }
    }
}
