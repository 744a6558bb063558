package dev.portico.query.publish;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Makes sure only one relay sends at a time, across all instances sharing the database: the leader holds a
 * PostgreSQL session-level advisory lock. The lock lives on a connection of its own, outside the pool, so
 * that it is released exactly when that connection ends, whether by {@link #release()}, a crash or a network
 * failure, and never lingers in a pooled connection.
 */
public class RelayLeadership implements AutoCloseable {
    /** "portico" in ASCII, then 1: the outbox relay. Any fixed value works as long as nothing else uses it. */
    static final long LOCK_KEY = 0x706f727469636f01L;

    private final DataSource unpooled;
    private Connection connection;

    /** @param unpooled opens a new physical connection on every call, as a pool would defeat the point */
    public RelayLeadership(DataSource unpooled) {
        this.unpooled = unpooled;
    }

    /**
     * @return whether this relay leads: it already held the lock on a connection that is still alive, or it
     * just took it
     */
    public synchronized boolean holdOrAcquire() throws SQLException {
        if (connection != null) {
            if (connection.isValid(2)) {
                return true;
            }
            // The session is gone and the lock with it; another instance may hold it by now.
            closeConnection();
        }
        Connection candidate = unpooled.getConnection();
        try (PreparedStatement statement = candidate.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                if (result.next() && result.getBoolean(1)) {
                    connection = candidate;
                    return true;
                }
            }
        } catch (SQLException | RuntimeException e) {
            candidate.close();
            throw e;
        }
        candidate.close();
        return false;
    }

    public synchronized boolean isLeader() {
        return connection != null;
    }

    /** Gives the lock up by ending its session. */
    public synchronized void release() {
        closeConnection();
    }

    @Override
    public void close() {
        release();
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing failed, so the session is broken, and a broken session holds no lock.
        }
        connection = null;
    }
}
