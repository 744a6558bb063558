package dev.portico.query.projection;

import java.time.Duration;
import java.util.List;
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
 * index of the event store. Read from the stored tokens, which commit with the read models, so "passed" means
 * visible to every instance's next read.
 */
@Component
public class ProjectedPosition {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final JdbcClient jdbc;
    private final Serializer serializer;

    public ProjectedPosition(JdbcClient jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** Whether the event at {@code globalIndex} (and every one before it) is in the read models. */
    public boolean hasPassed(long globalIndex) {
        List<TrackingToken> tokens = jdbc.sql("SELECT token, token_type FROM " + TokenStoreConfiguration.TOKEN_TABLE
                        + " WHERE processor_name = :processor")
                .param("processor", ProcessingGroups.USERS)
                .query((rs, n) -> {
                    byte[] token = rs.getBytes(1);
                    if (token == null) {
                        return null;
                    }
                    SerializedType type = new SimpleSerializedType(rs.getString(2), null);
                    return serializer.<byte[], TrackingToken>deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type));
                })
                .list();
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, globalIndex));
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
