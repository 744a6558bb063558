package dev.portico.query.publish;

import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserRegistered;
import dev.portico.query.projection.ProcessingGroups;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a lifecycle message into the outbox for each user that comes or goes. It belongs to the "users"
 * processing group, so the row commits together with the read model change and the processor's token: a
 * message exists exactly when its event was processed. A replay rebuilds read models but must not announce
 * users again, hence {@code @DisallowReplay}.
 */
@Component
@ProcessingGroup(ProcessingGroups.USERS)
@DisallowReplay
public class OutboxWriter {
    private final OutboxStore outbox;
    private final RelaySignal relaySignal;

    public OutboxWriter(OutboxStore outbox, RelaySignal relaySignal) {
        this.outbox = outbox;
        this.relaySignal = relaySignal;
    }

    @EventHandler
    void on(UserRegistered event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        write(LifecycleMessages.created(eventId, time, event));
    }

    @EventHandler
    void on(UserDeleted event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        write(LifecycleMessages.deleted(eventId, time, event));
    }

    private void write(OutboxMessage message) {
        if (outbox.add(message)) {
            wakeRelayAfterCommit();
        }
    }

    /** The relay can only see the row once it is committed; waking it earlier would find nothing. */
    private void wakeRelayAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            relaySignal.signal();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relaySignal.signal();
            }
        });
    }
}
