package dev.portico.query.publish;

import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.query.projection.ProcessingGroups;
import dev.portico.query.readmodel.UserRepository;
import dev.portico.query.readmodel.WritesAtCommit;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes a lifecycle message into the outbox for each user that comes or goes, links an identity, is
 * disabled or enabled, or has its custom data changed. It belongs to the "users"
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
    private final UserRepository users;
    /** Written when the processor's transaction commits, a batch's messages in one statement. */
    private final WritesAtCommit<OutboxMessage> messages = new WritesAtCommit<>(this::add);

    public OutboxWriter(OutboxStore outbox, RelaySignal relaySignal, UserRepository users) {
        this.outbox = outbox;
        this.relaySignal = relaySignal;
        this.users = users;
    }

    @EventHandler
    void on(UserRegistered event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        messages.add(LifecycleMessages.created(eventId, time, event));
    }

    @EventHandler
    void on(UserDeleted event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        messages.add(LifecycleMessages.deleted(eventId, time, event));
    }

    @EventHandler
    void on(IdentityLinked event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        messages.add(LifecycleMessages.identityLinked(eventId, time, event));
    }

    /*
     * The events below do not name the user's app. The user's row holds it: their user registered before them
     * and, sequenced per user, is in the read model by now (earlier in this transaction at the latest).
     */

    @EventHandler
    void on(UserDisabled event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        messages.add(LifecycleMessages.disabled(eventId, time, event, users.appOf(event.userId())));
    }

    @EventHandler
    void on(UserEnabled event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        messages.add(LifecycleMessages.enabled(eventId, time, event, users.appOf(event.userId())));
    }

    @EventHandler
    void on(CustomDataChanged event, @MessageIdentifier String eventId, @Timestamp Instant time) {
        messages.add(LifecycleMessages.customDataChanged(eventId, time, event, users.appOf(event.userId())));
    }

    private void add(List<OutboxMessage> written) {
        if (outbox.addAll(written) > 0) {
            wakeRelayAfterCommit();
        }
    }

    /** The relay can only see the rows once they are committed; waking it earlier would find nothing. */
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
