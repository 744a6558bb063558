package dev.portico.query.projection;

import dev.portico.events.store.EventSerialization;
import dev.portico.events.store.EventTables;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import java.sql.DriverManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * Reads the event store that command-service owns (its Flyway creates the tables; this service never writes
 * DDL for them). The engine and store are declared here rather than left to Axon's auto-configuration because
 * the engine reads with the contract's serializer and no transactions, and the store has no shared cache.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {
    @Bean
    public EventSchema eventSchema() {
        return EventTables.schema();
    }

    /** Stored events are read with the serializer of the contract, whatever this service's web settings are. */
    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return EventSerialization.serializer();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Configuration configuration,
            ConnectionProvider connectionProvider,
            EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(new JdbcSQLErrorCodesResolver())
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                // This service only reads the store, a statement at a time: a transaction around each read would
                // only add a COMMIT round trip to every poll (decision 0021).
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(eventSchema)
                .build();
    }

    /**
     * The processor's streams read the table itself, a batch at a time, when {@link EventArrivals} says events may
     * have arrived. Axon's optimisation, a linked list of the latest events shared by the streams that follow
     * the head, is switched off: an event in that list keeps every later one reachable, so once one had been
     * promoted to the old generation all the ones after it were too, until the next full collection
     * (decision 0026).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .optimizeEventConsumption(false)
                .build();
    }

    /** A connection of its own, with the service's database settings: see {@link AppendNotifications}. */
    @Bean
    public AppendNotifications appendNotifications(DataSourceProperties database, EventArrivals arrivals,
            ProjectionProperties properties) {
        return new AppendNotifications(
                () -> DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                        database.determinePassword()),
                arrivals, properties.eventNotifications(), properties.eventPollInterval(),
                properties.eventRecheckInterval());
    }
}
