package dev.portico.command.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Session settings ({@code portico.sessions}): {@code use-interval} is how precisely a session's last use is
 * recorded, an event at most once per interval per session (1 hour by default; see domain.Session#useIsDue).
 * At most a day: the clean-up of anonymous users goes by last use and counts in days.
 */
@ConfigurationProperties("portico.sessions")
public record SessionProperties(Duration useInterval) {
    public SessionProperties {
        useInterval = useInterval == null ? Duration.ofHours(1) : useInterval;
        if (useInterval.compareTo(Duration.ofMinutes(1)) < 0 || useInterval.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("portico.sessions.use-interval must be between 1 minute and 1 day");
        }
    }
}
