package dev.portico.query.support;

import dev.portico.stack.PostgresServer;
import org.springframework.core.annotation.Order;

/** A database of its own that command-service has not migrated yet: no event store. */
@Order(0)
public class EmptyDatabaseInitializer extends FreshDatabaseInitializer {
    @Override
    protected PostgresServer database() {
        return TestDatabase.createEmpty();
    }
}
