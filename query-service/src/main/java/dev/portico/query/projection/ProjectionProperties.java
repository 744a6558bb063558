package dev.portico.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param eventPollInterval how often the event store is asked for events that another process (command-service)
 *                          committed; this bounds the projection's lag when it is idle
 * @param balanceInterval   how often this instance checks that it holds no more than its share of the "users"
 *                          processor's segments ({@link SegmentBalancing})
 */
@ConfigurationProperties("portico.query")
public record ProjectionProperties(@DefaultValue("100ms") Duration eventPollInterval,
        @DefaultValue("5s") Duration balanceInterval) {
    public ProjectionProperties {
        if (eventPollInterval.isNegative() || eventPollInterval.isZero()) {
            throw new IllegalArgumentException("portico.query.event-poll-interval must be positive");
        }
        if (balanceInterval.toMillis() < 100) {
            throw new IllegalArgumentException("portico.query.balance-interval must be at least 100ms");
        }
    }
}
