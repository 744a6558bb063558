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
 * DDL for them). The engine and store are declared here rather than left to Axon's auto-configuration only
 * because the store's poll interval has to be shortened: see {@link ProjectionProperties}.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {
    /**
     * Events the store keeps in memory for the streams that follow its head. Axon's default, 10,000, is filled
     * whenever events arrive faster than they are handled ({@link EventArrivals} always follows the head): at the
     * largest events a client can cause that is most of a gigabyte. A stream that falls further behind reads
     * the table itself, a batch at a time.
     */
    static final int CACHED_EVENTS = 100;

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
     * Events written by another process reach this store by {@link AppendNotifications} or, failing that, by
     * polling; Axon's default poll interval of a second would then be the projection's lag. The cache is
     * bounded: {@link #CACHED_EVENTS}.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    public NotifiedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
            ProjectionProperties properties) {
        return new NotifiedEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(properties.eventPollInterval().toMillis())
                .cachedEvents(CACHED_EVENTS));
    }

    /** A connection of its own, with the service's database settings: see {@link AppendNotifications}. */
    @Bean
    public AppendNotifications appendNotifications(DataSourceProperties database, NotifiedEventStore eventStore,
            ProjectionProperties properties) {
        return new AppendNotifications(
                () -> DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                        database.determinePassword()),
                eventStore::appended, properties.eventNotifications());
    }
}
