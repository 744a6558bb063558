package dev.portico.query.projection;

import dev.portico.events.UserEvent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

/**
 * The "users" processor: a pooled streaming processor (mode, segments, threads and batch size are set in
 * {@code query-service.yml}) reading the event store through {@link WakingEventSource}.
 */
@Configuration(proxyBeanMethods = false)
public class UsersProcessorConfiguration {

    @Bean
    public EventArrivals eventArrivals() {
        return new EventArrivals();
    }

    /** Named by {@code axon.eventhandling.processors.users.source}. */
    @Bean
    public WakingEventSource usersEventSource(EventStore eventStore, EventArrivals arrivals,
            ObjectProvider<EventProcessingConfiguration> processing) {
        // Asked at every look for events: the processor is looked up once, not per question (Axon copies its
        // map of processors on each lookup).
        AtomicReference<StreamingEventProcessor> users = new AtomicReference<>();
        return new WakingEventSource(eventStore, arrivals, () -> {
            StreamingEventProcessor processor = users.get();
            if (processor == null) {
                EventProcessingConfiguration configuration = processing.getIfAvailable();
                processor = configuration == null ? null : configuration
                        .eventProcessor(ProcessingGroups.USERS, StreamingEventProcessor.class).orElse(null);
                if (processor == null) {
                    return Map.of();
                }
                users.set(processor);
            }
            return processor.processingStatus();
        });
    }

    /** Each batch the processor finishes lets its source hand out more events (see {@link WakingEventSource}). */
    @Bean
    public ConfigurerModule usersProgressReachesTheSource(ObjectProvider<WakingEventSource> usersEventSource) {
        // Looked up when first used: the source needs the event store, which needs the configuration this module
        // is part of.
        Supplier<WakingEventSource> source = SingletonSupplier.of(usersEventSource::getObject);
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerHandlerInterceptor(ProcessingGroups.USERS, configuration -> (unitOfWork, chain) -> {
                    // Once per batch, not per event. Cleanup comes after the processor has recorded the batch's
                    // progress (an after-commit step).
                    UnitOfWork<?> batch = unitOfWork.root();
                    if (batch.resources().putIfAbsent(PROGRESS_REPORTED, Boolean.TRUE) == null) {
                        batch.onCleanup(done -> source.get().progressed());
                    }
                    return chain.proceed();
                }));
    }

    private static final String PROGRESS_REPORTED = UsersProcessorConfiguration.class.getName() + ".progress";

    /**
     * A failing handler must fail the whole batch. Axon's default only logs and carries on, which would commit
     * the token (and any outbox row) past an event whose read model change never happened. Propagating rolls
     * the transaction back; the processor then releases the segment and retries it with a growing delay.
     */
    @Bean
    public ConfigurerModule usersProcessorErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerListenerInvocationErrorHandler(ProcessingGroups.USERS,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    /**
     * Events are handled in order per user, not per stream: a user's sessions have streams of their own, and
     * a login must never be projected (or published) before the registration it belongs to.
     */
    @Bean
    public ConfigurerModule usersProcessedInOrderPerUser() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSequencingPolicy(ProcessingGroups.USERS, configuration -> PER_USER));
    }

    static final SequencingPolicy<EventMessage<?>> PER_USER = event -> event.getPayload() instanceof UserEvent userEvent
            ? userEvent.userId().value()
            : SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);

    /**
     * On its very first start the processor begins at the first event, and handles every event as new. Axon's
     * default would instead mark all events already in the store as a replay, so the outbox writer would never
     * announce users registered before this service first ran (for instance while it was still being
     * deployed). The default also asks the event table for its head when the tokens are created, which fails
     * if command-service has not created that table yet; with no initial token the service starts anyway and
     * the processor retries until the table exists.
     *
     * <p>A segment with nothing to do for the latest events stores its advanced token only at its claim
     * extension; at 1 s (Axon's default is 5 s) a consistency token waits little for segments another instance
     * processes, at the cost of one token update a second per idle segment while events flow.
     */
    @Bean
    public ConfigurerModule usersProcessorStartsAtTheFirstEvent() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration(ProcessingGroups.USERS,
                        (configuration, builder) -> builder.initialToken(source -> null).claimExtensionThreshold(1000)));
    }
}
