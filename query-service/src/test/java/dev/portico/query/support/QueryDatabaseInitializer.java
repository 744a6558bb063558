package dev.portico.query.support;

import dev.portico.stack.PostgresServer;
import dev.portico.testsupport.FreshDatabaseInitializer;

/** A fresh database with the event store and the key store's table, as a running command-service leaves them. */
public class QueryDatabaseInitializer extends FreshDatabaseInitializer.WithEventStore {
    @Override
    protected PostgresServer database() {
        PostgresServer database = super.database();
        KeyStore.createTable(database);
        return database;
    }
}
