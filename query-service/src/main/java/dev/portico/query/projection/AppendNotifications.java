package dev.portico.query.projection;

import dev.portico.events.store.EventTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Tells {@link EventArrivals} when events may have been appended to the event store: as soon as the database
 * notifies ({@link EventTables#APPENDED_CHANNEL}, sent by command-service once an appending transaction has
 * committed), so that its events are projected at once; after a recheck interval without a notification, in
 * case one was lost (command-service stopped between a commit and its NOTIFY); and every poll interval while it
 * cannot listen ({@code portico.query.event-notifications} off, e.g. behind a pooler that does not pass LISTEN
 * through, or while its listening connection is being replaced).
 *
 * <p>It holds one connection of its own, outside the pool: a listening connection collects notifications
 * until they are read, which a pooled connection lent to others would never do. Its thread runs while the
 * application context does.
 */
public class AppendNotifications implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AppendNotifications.class);
    /** How long one wait for notifications lasts: also how long stopping can take. */
    private static final int WAIT_MILLIS = 500;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Opens a connection to the event store's database. */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    private final Connections connections;
    private final EventArrivals arrivals;
    private final boolean enabled;
    private final long pollMillis;
    private final long recheckNanos;
    private final Object lock = new Object();
    private volatile boolean running;
    private Thread thread;

    public AppendNotifications(Connections connections, EventArrivals arrivals, boolean enabled,
            Duration pollInterval, Duration recheckInterval) {
        this.connections = connections;
        this.arrivals = arrivals;
        this.enabled = enabled;
        this.pollMillis = pollInterval.toMillis();
        this.recheckNanos = recheckInterval.toNanos();
    }

    @Override
    public void start() {
        synchronized (lock) {
            running = true;
            thread = new Thread(enabled ? this::listen : this::poll, "event-append-notifications");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void listen() {
        boolean failedBefore = false;
        while (running) {
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
                arrivals.arrived();
                long lookedAt = System.nanoTime();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(WAIT_MILLIS);
                    long now = System.nanoTime();
                    if (received != null && received.length > 0 || now - lookedAt >= recheckNanos) {
                        arrivals.arrived();
                        lookedAt = now;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!failedBefore) {
                    // Once per outage: the database being away is reported by health and the processors.
                    log.warn("Not listening for appended events ({}); the event store is polled meanwhile",
                            e.getMessage());
                    failedBefore = true;
                }
                // Polled until the next attempt a second later, or sooner when polling is slower than that.
                long retryAt = System.nanoTime() + RETRY_NANOS;
                for (long left = RETRY_NANOS; left > 0; left = retryAt - System.nanoTime()) {
                    if (!pause(Math.min(pollMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1))) {
                        return;
                    }
                    arrivals.arrived();
                }
            }
        }
    }

    private void poll() {
        while (pause(pollMillis)) {
            arrivals.arrived();
        }
    }

    /** False when stopped meanwhile. */
    private boolean pause(long millis) {
        synchronized (lock) {
            if (!running) {
                return false;
            }
            try {
                lock.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return running;
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (lock) {
            running = false;
            stopping = thread;
            thread = null;
            lock.notifyAll();
        }
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
