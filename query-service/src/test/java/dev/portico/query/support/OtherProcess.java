package dev.portico.query.support;

import dev.portico.events.store.EventTables;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Writes events as command-service does: through an event storage engine of its own, on connections of its
 * own. This service learns of such events from the database (its notification or, failing that, a poll), as it
 * would in production.
 */
public final class OtherProcess {
    private OtherProcess() {
    }

    public static JdbcEventStorageEngine eventStore(DataSourceProperties database, Serializer eventSerializer) {
        var dataSource = new DriverManagerDataSource(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .schema(EventTables.schema())
                .build();
    }
}
