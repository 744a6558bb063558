package dev.portico.query.projection;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The news that events may have been appended to the event store, from {@link AppendNotifications} (the
 * database's notification, or its poll while there is none), for the processor's streams
 * ({@link WakingEventSource}): they read the store again only when something may have arrived since it last had
 * nothing for them, and they wake the processor's coordinator.
 */
public class EventArrivals {
    private final AtomicLong count = new AtomicLong();
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

    /** Events may have been appended: the count moves on and every listener runs. */
    public void arrived() {
        count.incrementAndGet();
        listeners.forEach(Runnable::run);
    }

    /** How many times events may have arrived; a stream compares it with what it saw when the store was empty. */
    long count() {
        return count.get();
    }

    void listen(Runnable listener) {
        listeners.add(listener);
    }

    void stopListening(Runnable listener) {
        listeners.remove(listener);
    }
}
