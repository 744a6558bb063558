package dev.portico.command.userpass;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes what no longer counts: expired links, registrations that were never confirmed in time, and failed
 * logins old enough to be forgotten. Every look-up already ignores them; removing them keeps the tables small
 * and keeps digests of client addresses no longer than they serve. Safe on every instance at once.
 */
@Component
class UserpassHousekeeping {
    private static final Logger log = LoggerFactory.getLogger(UserpassHousekeeping.class);

    private final UserpassTokens tokens;
    private final PasswordCredentials credentials;
    private final LoginThrottle throttle;
    private final Clock clock;

    UserpassHousekeeping(UserpassTokens tokens, PasswordCredentials credentials, LoginThrottle throttle, Clock clock) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.throttle = throttle;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT10M")
    void purge() {
        int links = tokens.purgeExpired(clock.instant());
        int registrations = credentials.purgeLapsed(clock.instant());
        int failures = throttle.purgeForgotten();
        if (links + registrations + failures > 0) {
            log.info("removed {} expired links, {} lapsed registrations, {} forgotten login failures", links,
                    registrations, failures);
        }
    }
}
