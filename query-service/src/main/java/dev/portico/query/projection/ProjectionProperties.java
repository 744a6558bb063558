package dev.portico.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param eventPollInterval how often the event store is asked for events that another process (command-service)
 *                          committed; this bounds the projection's lag when it is idle
 */
@ConfigurationProperties("portico.query")
public record ProjectionProperties(@DefaultValue("100ms") Duration eventPollInterval) {
    public ProjectionProperties {
        if (eventPollInterval.isNegative() || eventPollInterval.isZero()) {
            throw new IllegalArgumentException("portico.query.event-poll-interval must be positive");
        }
    }
}
