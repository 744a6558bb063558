package dev.portico.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.query.support.QueryServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What this service commits is derived from the event store, together with the processor's token: a commit
 * lost to a database crash is projected again from the token before it, so no commit waits for the disk.
 */
@QueryServiceTest
class DerivedCommitsTest {
    @Autowired
    JdbcClient jdbc;

    @Test
    void theServicesConnectionsCommitWithoutWaitingForTheDisk() {
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("off");
    }
}
