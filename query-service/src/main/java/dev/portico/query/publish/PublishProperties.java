package dev.portico.query.publish;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param lifecycleTopic the Kafka topic for lifecycle messages
 * @param kafka          where and as whom the relay produces
 * @param outbox         how the relay works through the outbox
 */
@ConfigurationProperties("portico.query")
public record PublishProperties(
        @DefaultValue("portico.user-lifecycle") String lifecycleTopic,
        @DefaultValue Kafka kafka,
        @DefaultValue Outbox outbox) {

    public PublishProperties {
        requireText(lifecycleTopic, "portico.query.lifecycle-topic");
    }

    /**
     * @param bootstrapServers the brokers to start from
     * @param transactionalId  shared by every instance on purpose: a relay that takes over fences off the
     *                         producer of the one it replaced, so a stalled old leader cannot commit any more
     * @param requestTimeout   how long one broker request may take
     * @param deliveryTimeout  how long a record may wait for its acknowledgement, retries included
     * @param maxBlock         how long a producer call may block, e.g. on a broker that is away
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:59092") String bootstrapServers,
            @DefaultValue("portico-query-outbox-relay") String transactionalId,
            @DefaultValue("3s") Duration requestTimeout,
            @DefaultValue("6s") Duration deliveryTimeout,
            @DefaultValue("5s") Duration maxBlock) {
        public Kafka {
            requireText(bootstrapServers, "portico.query.kafka.bootstrap-servers");
            requireText(transactionalId, "portico.query.kafka.transactional-id");
            if (deliveryTimeout.compareTo(requestTimeout) < 0) {
                throw new IllegalArgumentException(
                        "portico.query.kafka.delivery-timeout must not be shorter than request-timeout");
            }
        }
    }

    /**
     * @param pollInterval how often the relay looks at the outbox when nothing woke it, a safety net
     * @param batchSize    messages per Kafka transaction
     * @param minBackoff   first wait after a failure; it doubles with each failure in a row
     * @param maxBackoff   longest wait after failures
     * @param retention    how long sent messages are kept before they are pruned
     * @param linger       how long the relay, woken by new rows after a batch that was not full, waits for more
     *                     before it sends: fewer, larger Kafka transactions under load (decision 0016)
     */
    public record Outbox(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("100") int batchSize,
            @DefaultValue("200ms") Duration minBackoff,
            @DefaultValue("5s") Duration maxBackoff,
            @DefaultValue("7d") Duration retention,
            @DefaultValue("20ms") Duration linger) {
        public Outbox {
            if (linger.isNegative()) {
                throw new IllegalArgumentException("portico.query.outbox.linger must not be negative");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("portico.query.outbox.batch-size must be positive");
            }
            if (minBackoff.isNegative() || minBackoff.isZero() || maxBackoff.compareTo(minBackoff) < 0) {
                throw new IllegalArgumentException(
                        "portico.query.outbox.min-backoff must be positive and not above max-backoff");
            }
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }
}
