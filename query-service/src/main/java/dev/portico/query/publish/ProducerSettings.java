package dev.portico.query.publish;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The relay's producer: transactional (hence idempotent), and quick to notice that the broker is away. */
final class ProducerSettings {
    private ProducerSettings() {
    }

    static Map<String, Object> of(PublishProperties.Kafka kafka) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, kafka.transactionalId(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.transactionalId(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(kafka.requestTimeout()),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(kafka.deliveryTimeout()),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(kafka.maxBlock()),
                ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    private static int millis(java.time.Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
