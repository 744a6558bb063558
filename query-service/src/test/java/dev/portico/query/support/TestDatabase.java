package dev.portico.query.support;

import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * A database of its own in the shared test PostgreSQL, already holding command-service's tables (the event
 * store among them), as it would in production. Each Spring context gets one, so processor tokens, read
 * models and outbox rows never leak between contexts.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabase() {
    }

    public static PostgresServer create() {
        PostgresServer database = createEmpty();
        migrateEventStore(database);
        return database;
    }

    /** Without command-service's tables, as when this service starts first. */
    public static PostgresServer createEmpty() {
        PostgresServer server = TestBackends.postgres();
        String name = "portico_query_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return new PostgresServer(withDatabase(server.jdbcUrl(), name), server.username(), server.password());
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
                // As command-service configures it: this service's tables may be there first.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            return base + "/" + database + parameters;
        }
        return base.substring(0, slash + 1) + database + parameters;
    }
}
