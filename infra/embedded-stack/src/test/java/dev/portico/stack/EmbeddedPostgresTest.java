package dev.portico.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresTest {
    @Test
    void keepsDataInItsDataDirectoryAcrossRestarts() throws Exception {
        Path data = Files.createTempDirectory("pg-data");
        try (EmbeddedPostgres first = EmbeddedPostgres.start(0, data);
                Connection c = connect(first.server())) {
            c.createStatement().execute("create table kept (v text); insert into kept values ('still here')");
        }
        try (EmbeddedPostgres second = EmbeddedPostgres.start(0, data);
                Connection c = connect(second.server());
                ResultSet rs = c.createStatement().executeQuery("select v from kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aServerWithADataDirectoryCommitsDurably() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.start(0, Files.createTempDirectory("pg-durable"));
                Connection c = connect(server.server())) {
            assertThat(setting(c, "fsync")).isEqualTo("on");
            assertThat(setting(c, "synchronous_commit")).isEqualTo("on");
        }
    }

    private static String setting(Connection c, String name) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Connection connect(PostgresServer server) throws Exception {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }
}
