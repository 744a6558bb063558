package dev.portico.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

/**
 * The processor is handed events at most a fixed number ahead of its slowest segment, whatever is stored, and a
 * drained stream asks the store again only once events may have arrived.
 */
class WakingEventSourceTest {
    private final AtomicLong slowSegment = new AtomicLong(-1);
    private final EventArrivals arrivals = new EventArrivals();
    private Stored stored;

    @Test
    void the_processor_gets_events_only_up_to_the_bound_ahead_of_its_slowest_segment_and_is_woken_when_it_moves_on()
            throws Exception {
        WakingEventSource source = sourceOf(1_000);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();
        stream.setOnAvailableCallback(wakeUps::incrementAndGet);

        // Given a thousand events stored and a segment that has handled none of them
        assertThat(drain(stream)).as("handed out before any progress").isEqualTo(WakingEventSource.MAX_IN_FLIGHT);
        assertThat(stream.hasNextAvailable()).isFalse();

        // When the slow segment handles 50 events and its batch is done
        slowSegment.set(49);
        source.progressed();

        // Then the processor is woken and gets 50 more
        assertThat(wakeUps).hasValue(1);
        assertThat(drain(stream)).isEqualTo(50);
    }

    @Test
    void progress_that_frees_nothing_wakes_nobody() throws Exception {
        WakingEventSource source = sourceOf(1_000);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();
        stream.setOnAvailableCallback(wakeUps::incrementAndGet);
        drain(stream);

        source.progressed();

        assertThat(wakeUps).hasValue(0);
    }

    @Test
    void a_drained_stream_asks_the_store_again_only_once_events_may_have_arrived() throws Exception {
        // Given a stream that has handed out every stored event and found nothing more
        WakingEventSource source = sourceOf(10);
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(null);
        AtomicInteger wakeUps = new AtomicInteger();
        stream.setOnAvailableCallback(wakeUps::incrementAndGet);
        assertThat(drain(stream)).isEqualTo(10);
        int questions = stored.emptyAnswers;

        // When it is asked again, and peeked at, before anything arrives
        assertThat(stream.hasNextAvailable()).isFalse();
        assertThat(stream.peek()).isEmpty();

        // Then the store is not asked
        assertThat(stored.emptyAnswers).isEqualTo(questions);

        // When two events are appended and their arrival is announced
        stored.count += 2;
        arrivals.arrived();

        // Then the processor is woken, and the stream reads them
        assertThat(wakeUps).hasValue(1);
        assertThat(drain(stream)).isEqualTo(2);
    }

    private static int drain(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        int handedOut = 0;
        while (stream.hasNextAvailable()) {
            stream.nextAvailable();
            handedOut++;
        }
        return handedOut;
    }

    /** {@code count} events at global indexes 0, 1, …; one segment is done with all, the other is {@link #slowSegment}. */
    @SuppressWarnings("unchecked")
    private WakingEventSource sourceOf(int count) {
        StreamableMessageSource<TrackedEventMessage<?>> store = mock(StreamableMessageSource.class);
        stored = new Stored(count);
        when(store.openStream(any())).thenReturn(stored);
        return new WakingEventSource(store, arrivals,
                () -> Map.of(0, status(count - 1), 1, status(slowSegment.get())));
    }

    private static EventTrackerStatus status(long position) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getTrackingToken()).thenReturn(position < 0 ? null : new GlobalSequenceTrackingToken(position));
        return status;
    }

    /** The store's stream: {@code count} events, and how often it was asked when it had none left. */
    private static final class Stored implements BlockingStream<TrackedEventMessage<?>> {
        int count;
        int emptyAnswers;
        private int next;

        Stored(int count) {
            this.count = count;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return hasNextAvailable(0, TimeUnit.MILLISECONDS) ? Optional.of(event(next)) : Optional.empty();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) {
            if (next < count) {
                return true;
            }
            emptyAnswers++;
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return event(next++);
        }

        @Override
        public void close() {
        }

        private static TrackedEventMessage<?> event(long index) {
            return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(index),
                    GenericEventMessage.asEventMessage("event " + index));
        }
    }
}
