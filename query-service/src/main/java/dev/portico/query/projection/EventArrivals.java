package dev.portico.query.projection;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices new events in the event store the moment the store's own poller fetches them, and tells whoever
 * listens. A pooled processor's coordinator otherwise only looks for new events every half second when it is
 * idle; with this it is woken straight away (see {@link WakingEventSource}).
 *
 * <p>It follows the head of the store on a stream of its own, which shares the store's in-memory cache with
 * the processors' streams: one thread, no extra queries. It stops before Axon's components do (it is in the
 * last lifecycle phase), so it never outlives the event store it reads.
 */
public class EventArrivals extends BackgroundWatch {
    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);

    private final EventStore eventStore;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();

    public EventArrivals(EventStore eventStore) {
        super("event-arrivals");
        this.eventStore = eventStore;
    }

    /** Lazily: until a processor listens there is nobody to wake. */
    public void listen(Runnable listener) {
        listeners.add(listener);
        startThread();
    }

    public void stopListening(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public void start() {
        super.start();
        if (!listeners.isEmpty()) {
            startThread();
        }
    }

    @Override
    protected void watch() {
        while (isRunning()) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
                follow(stream);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be away; the processors notice that themselves, this only has to come back.
                log.debug("Watching the event store failed; trying again", e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    private void follow(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        while (isRunning()) {
            if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                do {
                    stream.nextAvailable();
                } while (stream.hasNextAvailable());
                listeners.forEach(Runnable::run);
            }
        }
    }
}
