package dev.portico.query.startup;

import dev.portico.events.store.ConnectRetries;
import java.time.Duration;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A service started before its database waits for it, for at most {@code portico.startup.wait-for-dependencies},
 * instead of exiting at the first refused connection (Kafka: {@link dev.portico.query.publish.KafkaReachability}): orchestrators start the parts of a system in no
 * particular order. The migration is the first thing that connects, so Flyway's connection retries do the
 * waiting and log each retry ("Connection error: … Retrying in 5 sec"); past the limit the start fails with
 * {@link DatabaseUnreachableFailureAnalyzer}'s report.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StartupWait.Properties.class)
public class StartupWait {
    /** The longest pause between two attempts, hence how often the wait shows in the log. */
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

    @Bean
    FlywayConfigurationCustomizer waitForTheDatabase(Properties properties) {
        ConnectRetries retries = ConnectRetries.within(properties.waitForDependencies(), RETRY_INTERVAL);
        return configuration -> configuration.connectRetries(retries.retries())
                .connectRetriesInterval(retries.intervalSeconds());
    }

    /** @param waitForDependencies how long a start waits for PostgreSQL before it fails; 0 fails at once */
    @ConfigurationProperties("portico.startup")
    public record Properties(Duration waitForDependencies) {
        public Properties {
            if (waitForDependencies == null) {
                waitForDependencies = Duration.ofMinutes(2);
            }
            if (waitForDependencies.isNegative()) {
                throw new IllegalArgumentException("portico.startup.wait-for-dependencies must not be negative");
            }
        }
    }
}
