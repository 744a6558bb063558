package dev.portico.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the users processor sees it: the same events, but its streams accept an "events are
 * available" callback, which the pooled processor's coordinator uses to wake up instead of polling every 500 ms.
 */
public class WakingEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {
    private final StreamableMessageSource<TrackedEventMessage<?>> delegate;
    private final EventArrivals arrivals;

    public WakingEventSource(StreamableMessageSource<TrackedEventMessage<?>> delegate, EventArrivals arrivals) {
        this.delegate = delegate;
        this.arrivals = arrivals;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new WakingStream(delegate.openStream(trackingToken));
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

        private WakingStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
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
            if (callback != null) {
                arrivals.stopListening(callback);
                callback = null;
            }
            stream.close();
        }
    }
}
