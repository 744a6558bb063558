package dev.portico.query.projection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far the read models are: whether every segment of the "users" processor has handled the event at a global
 * index of the event store. A segment's stored token commits with the read models. A segment that had nothing
 * to do for the last events stores its token only now and then (its claim extension), so for the segments this
 * instance processes their live position counts too: they have passed events that were not theirs.
 */
@Component
public class ProjectedPosition {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final JdbcClient jdbc;
    private final Serializer serializer;

    private final ObjectProvider<EventProcessingConfiguration> processing;

    public ProjectedPosition(JdbcClient jdbc, @Qualifier("serializer") Serializer serializer,
            ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
    }

    /** Whether the event at {@code globalIndex} (and every one before it) is in the read models. */
    public boolean hasPassed(long globalIndex) {
        record Stored(int segment, TrackingToken token) {
        }
        List<Stored> stored = jdbc.sql("SELECT segment, token, token_type FROM " + TokenStoreConfiguration.TOKEN_TABLE
                        + " WHERE processor_name = :processor")
                .param("processor", ProcessingGroups.USERS)
                .query((rs, n) -> {
                    byte[] token = rs.getBytes(2);
                    if (token == null) {
                        return new Stored(rs.getInt(1), null);
                    }
                    SerializedType type = new SimpleSerializedType(rs.getString(3), null);
                    return new Stored(rs.getInt(1), serializer.<byte[], TrackingToken>deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type)));
                })
                .list();
        Map<Integer, EventTrackerStatus> live = liveStatus();
        return !stored.isEmpty() && stored.stream().allMatch(segment -> covers(segment.token(), globalIndex)
                || (live.containsKey(segment.segment())
                        && covers(live.get(segment.segment()).getTrackingToken(), globalIndex)));
    }

    private Map<Integer, EventTrackerStatus> liveStatus() {
        EventProcessingConfiguration configuration = processing.getIfAvailable();
        if (configuration == null) {
            return Map.of();
        }
        return configuration.eventProcessor(ProcessingGroups.USERS, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
    }

    /** Waits until {@link #hasPassed} or the time is up; answers whether it passed. */
    public boolean awaitPassed(long globalIndex, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!hasPassed(globalIndex)) {
            if (System.nanoTime() - deadline >= 0 || Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private static boolean covers(TrackingToken token, long globalIndex) {
        TrackingToken current = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= globalIndex && !gapAware.getGaps().contains(globalIndex);
        }
        return current != null && current.position().orElse(-1) >= globalIndex;
    }
}
