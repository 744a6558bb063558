package dev.portico.query.publish;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The relay's state under {@code /actuator/health}, as the {@code outboxRelay} component. It stays UP while
 * Kafka is away: reads are still served and nothing is lost, so restarting the service would not help; the
 * details show that messages are not going out.
 */
@Component
public class OutboxRelayHealthIndicator implements HealthIndicator {
    private final OutboxRelay relay;

    public OutboxRelayHealthIndicator(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public Health health() {
        RelayStatus status = relay.status();
        Health.Builder health = Health.up()
                .withDetail("leader", status.leader())
                .withDetail("failedRounds", status.failedRounds())
                .withDetail("consecutiveFailures", status.consecutiveFailures());
        if (status.lastFailure() != null) {
            health.withDetail("lastFailure", status.lastFailure());
        }
        if (status.lastSentAt() != null) {
            health.withDetail("lastSentAt", status.lastSentAt().toString());
        }
        return health.build();
    }
}
