package dev.portico.command;

import dev.portico.events.store.EventSerialization;
import dev.portico.events.store.EventTables;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
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
