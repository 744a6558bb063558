package dev.portico.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the users processor sees it: the same events, but its streams accept an "events are
 * available" callback, which the pooled processor's coordinator uses to wake up instead of polling every 500 ms.
 *
 * <p>Its streams also hand out events at most {@value #MAX_IN_FLIGHT} ahead of the slowest segment the processor
 * works on. Axon's coordinator otherwise queues up to 1024 events per segment, deserialized; at the largest
 * events a client can cause (about 80 KiB stored, twice that in memory) that alone is more than the service's
 * heap. With the bound, the events the processor holds take a few tens of megabytes whatever their size.
 */
public class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    /** Four segments times the batch size of 50 (query-service.yml): every segment can still fill a batch. */
    static final int MAX_IN_FLIGHT = 200;

    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final EventArrivals arrivals;
    private final Supplier<Map<Integer, EventTrackerStatus>> progress;
    private final Set<WakingStream> held = new CopyOnWriteArraySet<>();

    /** @param progress the processor's segments and how far each is (empty before it runs) */
    public WakingEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, EventArrivals arrivals,
            Supplier<Map<Integer, EventTrackerStatus>> progress) {
        this.delegate = delegate;
        this.arrivals = arrivals;
        this.progress = progress;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(delegate.openStream(trackingToken));
    }

    /**
     * The processor finished a batch: a stream held back by the bound may hand out events again, so its
     * coordinator is woken (it would otherwise look again only after its idle delay of a second).
     */
    public void progressed() {
        for (WakingStream stream : held) {
            if (stream.withinBound()) {
                held.remove(stream);
                stream.wake();
            }
        }
    }

    /** The position of the slowest segment the processor works on; -1 before it has handled any event. */
    private long slowestPosition() {
        long slowest = Long.MAX_VALUE;
        for (EventTrackerStatus status : progress.get().values()) {
            if (status.isErrorState()) {
                continue;
            }
            TrackingToken token = status.getTrackingToken();
            slowest = Math.min(slowest, token == null ? -1 : token.position().orElse(-1));
        }
        return slowest;
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return delegate.createTokenSince(duration);
    }

    private final class WakingStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private Runnable callback;
        /** The global index of the last event handed out; -1 before the first. */
        private volatile long handedOut = -1;
        /** {@link EventArrivals#count()} when the store last had nothing more; -1 before that. */
        private long emptyAt = -1;

        private WakingStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (nothingArrived()) {
                return Optional.empty();
            }
            long arrived = arrivals.count();
            Optional<TrackedEventMessage<?>> next = stream.peek();
            if (next.isEmpty()) {
                emptyAt = arrived;
            }
            return next;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!admits() || timeout <= 0 && nothingArrived()) {
                return false;
            }
            long arrived = arrivals.count();
            boolean available = stream.hasNextAvailable(timeout, unit);
            if (!available) {
                emptyAt = arrived;
            }
            return available;
        }

        @Override
        public boolean hasNextAvailable() {
            try {
                return hasNextAvailable(0, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /**
         * The store had nothing more, and nothing has arrived since: asking it again would be a query for nothing.
         * The coordinator asks three or four times each round, and each question of a drained stream is a query.
         */
        private boolean nothingArrived() {
            return emptyAt == arrivals.count();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> event = stream.nextAvailable();
            event.trackingToken().position().ifPresent(position -> handedOut = position);
            return event;
        }

        private boolean admits() {
            if (withinBound()) {
                return true;
            }
            held.add(this);
            // The processor may have moved on between the check and joining the held streams.
            if (withinBound()) {
                held.remove(this);
                return true;
            }
            return false;
        }

        private boolean withinBound() {
            return handedOut - slowestPosition() < MAX_IN_FLIGHT;
        }

        private synchronized void wake() {
            if (callback != null) {
                callback.run();
            }
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                arrivals.stopListening(this.callback);
            }
            this.callback = callback;
            arrivals.listen(callback);
            return true;
        }

        @Override
        public synchronized void close() {
            held.remove(this);
            if (callback != null) {
                arrivals.stopListening(callback);
                callback = null;
            }
            stream.close();
        }
    }
}
