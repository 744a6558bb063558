package dev.portico.testsupport;

import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a new, empty database on the test PostgreSQL server. Spring keeps several
 * contexts alive at once; each must have tables, events, processor tokens and outbox rows of its own.
 */
public class FreshDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        PostgresServer database = database();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fresh-database", Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.username(),
                "spring.datasource.password", database.password())));
    }

    protected PostgresServer database() {
        return TestBackends.freshDatabase(TestDatabase.PREFIX);
    }

    /** With the event store's tables already there, as command-service leaves them (see {@link TestDatabase}). */
    public static class WithEventStore extends FreshDatabaseInitializer {
        @Override
        protected PostgresServer database() {
            return TestDatabase.create();
        }
    }
}
