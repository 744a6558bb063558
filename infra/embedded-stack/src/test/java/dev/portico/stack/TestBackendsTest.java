package dev.portico.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestBackendsTest {
    @Test
    void pointsAUrlAtAnotherDatabaseKeepingItsParameters() {
        assertThat(TestBackends.withDatabase("jdbc:postgresql://localhost:5432/postgres?user=postgres&password=x", "t1"))
                .isEqualTo("jdbc:postgresql://localhost:5432/t1?user=postgres&password=x");
        assertThat(TestBackends.withDatabase("jdbc:postgresql://localhost:5432/postgres", "t2"))
                .isEqualTo("jdbc:postgresql://localhost:5432/t2");
        assertThat(TestBackends.withDatabase("jdbc:postgresql://localhost:5432?ssl=false", "t3"))
                .isEqualTo("jdbc:postgresql://localhost:5432/t3?ssl=false");
    }

    @Test
    void givesEachCallerAnEmptyDatabaseOfItsOwn() throws Exception {
        PostgresServer first = TestBackends.freshDatabase("probe");
        PostgresServer second = TestBackends.freshDatabase("probe");

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (var c = java.sql.DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
                var rs = c.createStatement().executeQuery("select current_database()")) {
            rs.next();
            assertThat(first.jdbcUrl()).contains(rs.getString(1));
        }
    }
}
