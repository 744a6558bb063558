package dev.portico.query.projection;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Notices new events in the event store the moment the store's own poller fetches them, and tells whoever
 * listens. A pooled processor's coordinator otherwise only looks for new events every half second when it is
 * idle; with this it is woken straight away (see {@link WakingEventSource}).
 *
 * <p>It follows the head of the store on its own stream, which shares the store's in-memory cache with the
 * processors' streams, so it costs one thread and no extra queries.
 */
public class EventArrivals implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(EventArrivals.class);
    private static final long RETRY_MILLIS = 1000;

    private final EventStore eventStore;
    private final Set<Runnable> listeners = new CopyOnWriteArraySet<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread watcher;

    public EventArrivals(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Starts watching with the first listener: before then nobody would be told anyway. */
    public synchronized void listen(Runnable listener) {
        listeners.add(listener);
        if (watcher == null && stopped.getCount() > 0) {
            watcher = new Thread(this::watch, "event-arrivals");
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    public void stopListening(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread running;
        synchronized (this) {
            stopped.countDown();
            running = watcher;
        }
        if (running != null) {
            running.interrupt();
            running.join(TimeUnit.SECONDS.toMillis(5));
        }
    }

    private void watch() {
        while (stopped.getCount() > 0) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
                follow(stream);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be away; the processors notice that themselves, this only has to come back.
                log.debug("Watching the event store failed; trying again", e);
                if (awaitStop(RETRY_MILLIS)) {
                    return;
                }
            }
        }
    }

    private void follow(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        while (stopped.getCount() > 0) {
            if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                do {
                    stream.nextAvailable();
                } while (stream.hasNextAvailable());
                listeners.forEach(Runnable::run);
            }
        }
    }

    private boolean awaitStop(long millis) {
        try {
            return stopped.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
