package dev.portico.query.projection;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * The event store of this service, which can be told that another process appended events: its poller then
 * reads them at once instead of at its next poll ({@link AppendNotifications} tells it).
 */
public class NotifiedEventStore extends EmbeddedEventStore {

    NotifiedEventStore(Builder builder) {
        super(builder);
    }

    /** Events were appended elsewhere: the poller, if it waits, fetches now. */
    public void appended() {
        // What a local commit does too: it wakes the poller and nothing else.
        afterCommit(List.of());
    }
}
