package dev.portico.command.login;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The clean-up of anonymous users ({@code portico.anonymous}): nobody logged in as or refreshed for
 * {@code inactive-after} (90 days, as App Services did) and the user is deleted; checked every
 * {@code cleanup-interval}, {@code batch-size} users to a transaction.
 */
@ConfigurationProperties("portico.anonymous")
public record AnonymousProperties(Duration inactiveAfter, Duration cleanupInterval, Integer batchSize) {
    public AnonymousProperties {
        inactiveAfter = inactiveAfter == null ? Duration.ofDays(90) : inactiveAfter;
        cleanupInterval = cleanupInterval == null ? Duration.ofHours(1) : cleanupInterval;
        batchSize = batchSize == null ? 100 : batchSize;
        // Activity is recorded to the session use interval, at most a day (session.SessionProperties); a shorter
        // period would delete users that are in use.
        if (inactiveAfter.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("portico.anonymous.inactive-after must be at least a day");
        }
        if (cleanupInterval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("portico.anonymous.cleanup-interval must be at least a minute");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("portico.anonymous.batch-size must be between 1 and 1000");
        }
    }
}
