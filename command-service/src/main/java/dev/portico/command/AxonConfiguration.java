package dev.portico.command;

import dev.portico.command.store.AppendNotifier;
import dev.portico.command.store.AppendedPositions;
import dev.portico.command.store.RecordingClock;
import dev.portico.events.store.EventSerialization;
import dev.portico.events.store.EventTables;
import java.time.Clock;
import java.util.stream.Stream;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

@org.springframework.context.annotation.Configuration
class AxonConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventTables.schema();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventTables.tokenSchema("token_entry");
    }

    /** Stored events outlive every web setting, so they have a serializer of their own (the contract's). */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return EventSerialization.serializer();
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it, with fewer round trips per command (decision 0014):
     * the append reads the events' positions back ({@link AppendedPositions}) and readers in other processes are
     * told of it after the commit ({@link AppendNotifier}); loading an aggregate stops at the
     * first batch that is not full (Axon's JDBC engine reads once more until a batch comes back empty, in case a
     * stream's sequence numbers had gaps; those of this store never do: nothing deletes events, and a rolled-back
     * append leaves no row behind); and it does not look for snapshots, which nothing here takes (streams stay
     * short, see decision 0002), so storing one fails rather than being ignored.
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer, Configuration configuration,
            ConnectionProvider connectionProvider, TransactionManager transactionManager, EventSchema eventSchema,
            AppendNotifier appendNotifier) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .appendEvents(AppendedPositions.appendStatement(appendNotifier));
        return new JdbcEventStorageEngine(builder) {
            @Override
            protected boolean fetchForAggregateUntilEmpty() {
                return false;
            }

            @Override
            protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
                return Stream.empty();
            }

            @Override
            protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
                throw new UnsupportedOperationException("this event store keeps no snapshots");
            }
        };
    }

    /** A connection of its own, with the service's database settings: see {@link AppendNotifier}. */
    @Bean
    AppendNotifier appendNotifier(DataSourceProperties database) {
        return new AppendNotifier(new DriverManagerDataSource(database.determineUrl(), database.determineUsername(),
                database.determinePassword()));
    }

    /**
     * Two appends of the same sequence number to one stream (two instances, or two transactions of one, racing
     * on a user) must read as a concurrency conflict, which is retried, not as a storage failure (a 500). Axon's
     * default resolver looks for {@code SQLIntegrityConstraintViolationException}, which PostgreSQL's driver
     * never throws; it reports a unique violation as SQLState 23505.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /** Also Axon's, which stamps every event: one static clock for the whole process. */
    @Bean
    Clock clock() {
        GenericEventMessage.clock = RecordingClock.UTC_MICROSECONDS;
        return RecordingClock.UTC_MICROSECONDS;
    }

    /**
     * The client views are written by subscribing handlers in the command's own transaction. Axon's default
     * would log a failing handler and commit anyway; here the failure must undo the command.
     */
    @Autowired
    void propagateViewFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler("client-views", c -> PropagatingErrorHandler.instance());
    }
}
