package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/**
 * A request whose database went away is answered 503 (outcome unknown, safe to repeat), not 500, also when the
 * connection broke at the commit and the rollback then failed on the closed connection.
 */
class DatabaseUnavailableTest {

    @Test
    void aCommitLostWithTheServerIsUnavailabilityEvenWhenTheRollbackFailsToo() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed.", "08003"));
        rollbackFailed.initApplicationException(new DataAccessResourceFailureException(
                "JDBC commit; FATAL: terminating connection due to administrator command"));

        assertThat(ClientApiErrors.databaseUnavailable(rollbackFailed)).isTrue();
        assertThat(new ClientApiErrors().unexpected(rollbackFailed).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void aConnectionLostWhileTheEventStoreReadIsUnavailabilityToo() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed.", "08003"));
        rollbackFailed.initApplicationException(new IllegalStateException("Failed to read events for aggregate",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(ClientApiErrors.databaseUnavailable(rollbackFailed)).isTrue();
    }

    @Test
    void aRollbackRefusedByThePoolsClosedConnectionIsUnavailability() {
        // What Spring throws when the commit broke with the server and the pool had closed the connection: the
        // commit's failure is only logged.
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));

        assertThat(new ClientApiErrors().unexpected(rollbackFailed).getStatusCode().value()).isEqualTo(503);
    }

    @Test
    void aTransactionFailureForAnotherReasonIsNot() {
        TransactionSystemException failed = new TransactionSystemException("could not commit",
                new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(ClientApiErrors.databaseUnavailable(failed)).isFalse();
    }
}
