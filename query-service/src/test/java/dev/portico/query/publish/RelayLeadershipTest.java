package dev.portico.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.stack.PostgresServer;
import dev.portico.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Two instances sharing a database: one relay at a time, and the other takes over when it goes. */
class RelayLeadershipTest {
    private final PostgresServer database = TestDatabase.create();

    @Test
    void onlyOneInstanceLeadsAndAnotherTakesOverWhenItLetsGo() throws Exception {
        try (RelayLeadership first = leadership(); RelayLeadership second = leadership()) {
            assertThat(first.holdOrAcquire()).isTrue();
            assertThat(second.holdOrAcquire()).isFalse();
            assertThat(first.holdOrAcquire()).as("still holding").isTrue();
            assertThat(second.isLeader()).isFalse();

            first.release();

            assertThat(second.holdOrAcquire()).isTrue();
            assertThat(first.holdOrAcquire()).isFalse();
        }
    }

    private RelayLeadership leadership() {
        return new RelayLeadership(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
    }
}
