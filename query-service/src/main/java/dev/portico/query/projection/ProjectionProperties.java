package dev.portico.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param eventPollInterval how often the event store is asked for events that another process (command-service)
 *                          committed without this service being told ({@code eventNotifications} off, or its
 *                          listening connection lost): the projection's lag then
 * @param eventRecheckInterval while listening, how long without a notification before the event store is asked
 *                          anyway: the lag of events whose notification was lost
 * @param eventNotifications whether to listen for the event store's "events appended" notification
 *                          ({@link AppendNotifications}); off behind a connection pooler that does not pass
 *                          LISTEN/NOTIFY through (PgBouncer in transaction mode)
 * @param balanceInterval   how often this instance checks that it holds no more than its share of the "users"
 *                          processor's segments ({@link SegmentBalancing})
 */
@ConfigurationProperties("portico.query")
public record ProjectionProperties(@DefaultValue("100ms") Duration eventPollInterval,
        @DefaultValue("1s") Duration eventRecheckInterval,
        @DefaultValue("true") boolean eventNotifications,
        @DefaultValue("5s") Duration balanceInterval) {
    public ProjectionProperties {
        if (eventPollInterval.isNegative() || eventPollInterval.isZero()) {
            throw new IllegalArgumentException("portico.query.event-poll-interval must be positive");
        }
        if (eventRecheckInterval.isNegative() || eventRecheckInterval.isZero()) {
            throw new IllegalArgumentException("portico.query.event-recheck-interval must be positive");
        }
        if (balanceInterval.toMillis() < 100) {
            throw new IllegalArgumentException("portico.query.balance-interval must be at least 100ms");
        }
    }
}
