package dev.portico.command.store;

import dev.portico.events.store.EventTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells the event store's readers in other processes (query-service) that events were committed: a NOTIFY on
 * {@link EventTables#APPENDED_CHANNEL} once a transaction that appended has committed, sent by a thread of its own
 * on a connection of its own. Not from the appending transaction: one that notifies holds PostgreSQL's
 * notification lock until its commit is flushed to disk, so such commits queue one behind the other instead of
 * sharing a flush (decision 0028). Commits that come while a NOTIFY is under way share the next one; a rolled-back
 * append tells nobody. A notification lost to a failure or a crash delays the events only until the readers look
 * again of their own accord.
 */
public class AppendNotifier implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AppendNotifier.class);
    private static final String NOTIFY = "NOTIFY " + EventTables.APPENDED_CHANNEL;

    private final DataSource connections;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile boolean running;
    private volatile Thread thread;

    /** @param connections opens the connection the notifications go out on (kept open, outside the pool) */
    public AppendNotifier(DataSource connections) {
        this.connections = connections;
    }

    /** The current transaction appended events: readers are told once it commits (at once outside one). */
    public void appended() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            committed();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committed();
            }
        });
    }

    /** Whether a commit is yet to be told. */
    boolean pending() {
        return pending.get();
    }

    private void committed() {
        if (pending.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        Connection connection = null;
        boolean failedBefore = false;
        while (awaitCommit()) {
            try {
                if (connection == null) {
                    connection = connections.getConnection();
                    connection.setAutoCommit(true);
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(NOTIFY);
                }
                failedBefore = false;
            } catch (SQLException | RuntimeException e) {
                if (!failedBefore) {
                    // Once per outage: readers find the events anyway, only later.
                    log.warn("Could not notify readers of appended events ({})", e.getMessage());
                    failedBefore = true;
                }
                close(connection);
                connection = null;
            }
        }
        close(connection);
    }

    /** Waits for a commit not yet told; false once stopped. */
    private boolean awaitCommit() {
        while (!pending.getAndSet(false)) {
            if (!running) {
                return false;
            }
            LockSupport.parkNanos(this, TimeUnit.SECONDS.toNanos(1));
        }
        return true;
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Already broken: nothing left to release.
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        Thread started = new Thread(this::run, "event-append-notifier");
        started.setDaemon(true);
        thread = started;
        started.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread stopping = thread;
        if (stopping != null) {
            LockSupport.unpark(stopping);
            try {
                stopping.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the web server takes requests, stopped after it has finished them. */
    @Override
    public int getPhase() {
        return 0;
    }
}
