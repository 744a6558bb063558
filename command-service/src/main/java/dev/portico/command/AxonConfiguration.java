package dev.portico.command;

import dev.portico.events.store.EventSerialization;
import dev.portico.events.store.EventTables;
import java.time.Clock;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
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
     * Two appends of the same sequence number to one stream (two instances, or two transactions of one, racing
     * on a user) must read as a concurrency conflict, which is retried, not as a storage failure (a 500). Axon's
     * default resolver looks for {@code SQLIntegrityConstraintViolationException}, which PostgreSQL's driver
     * never throws; it reports a unique violation as SQLState 23505.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
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
