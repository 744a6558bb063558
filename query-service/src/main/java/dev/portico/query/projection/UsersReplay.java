package dev.portico.query.projection;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the "users" read model from the first event in the store. The reset handlers empty the tables in
 * the same transaction that moves the tokens back; the processor then works through the whole history again.
 * Handlers marked {@code @DisallowReplay} (the outbox writer) skip the replayed events, so no lifecycle message
 * is written or sent a second time.
 *
 * <p>Resetting needs every segment's claim: run it while no other instance processes the "users" group.
 */
@Component
public class UsersReplay {
    private static final Logger log = LoggerFactory.getLogger(UsersReplay.class);

    private final EventProcessingConfiguration processing;

    public UsersReplay(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public void start() {
        StreamingEventProcessor processor = processing
                .eventProcessor(ProcessingGroups.USERS, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + ProcessingGroups.USERS));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        log.info("Replaying the event store into the {} read model", ProcessingGroups.USERS);
    }
}
