package dev.portico.query.support;

import dev.portico.events.store.EventTables;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Writes events as command-service does: through an event storage engine of its own, on connections of its
 * own, each append committed and then announced on {@link EventTables#APPENDED_CHANNEL}. This service learns of
 * such events from the database (the notification or, failing that, a look of its own), as it would in
 * production.
 */
public final class OtherProcess {
    private OtherProcess() {
    }

    /** @param notifies whether the process announces its commits; one that does not stands for a lost NOTIFY */
    public static JdbcEventStorageEngine eventStore(DataSourceProperties database, Serializer eventSerializer,
            boolean notifies) {
        var dataSource = new DriverManagerDataSource(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        var builder = JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(dataSource)))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(eventSerializer)
                .schema(EventTables.schema());
        return new JdbcEventStorageEngine(builder) {
            @Override
            public void appendEvents(List<? extends EventMessage<?>> events) {
                super.appendEvents(events);
                if (notifies) {
                    new JdbcTemplate(dataSource).execute("NOTIFY " + EventTables.APPENDED_CHANNEL);
                }
            }
        };
    }
}
