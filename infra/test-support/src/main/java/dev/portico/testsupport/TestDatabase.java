package dev.portico.testsupport;

import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * Databases of their own in the shared test PostgreSQL ({@link TestBackends}); empty ones come from
 * {@link TestBackends#freshDatabase}. A service that reads the event store finds it there already, as it would
 * in production.
 */
public final class TestDatabase {
    static final String PREFIX = "portico_test";

    private TestDatabase() {
    }

    /** A fresh database already holding the event store. */
    public static PostgresServer create() {
        PostgresServer database = TestBackends.freshDatabase(PREFIX);
        migrateEventStore(database);
        return database;
    }

    /**
     * The event store's tables, from the migrations the contract (shared-events) ships and command-service
     * runs, under command-service's history table as it would leave them.
     */
    public static void migrateEventStore(PostgresServer database) {
        Flyway.configure()
                .dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/eventstore")
                .table("command_schema_history")
                // As command-service configures it: query-service's tables may be there first.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    /** Drops a database made here, so that runs against a long-lived server leave nothing behind. */
    public static void drop(PostgresServer database) {
        String url = database.jdbcUrl();
        String path = url.indexOf('?') < 0 ? url : url.substring(0, url.indexOf('?'));
        String name = path.substring(path.lastIndexOf('/') + 1);
        PostgresServer server = TestBackends.postgres();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test database " + name, e);
        }
    }
}
