package dev.portico.query.publish;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The relay's producer: transactional (hence idempotent), and quick to notice that the broker is away. */
final class ProducerSettings {
    private ProducerSettings() {
    }

    static Map<String, Object> of(PublishProperties.Kafka kafka) {
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, kafka.transactionalId()),
                Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.transactionalId()),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis(kafka.requestTimeout())),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis(kafka.deliveryTimeout())),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis(kafka.maxBlock())),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 0),
                // Lifecycle messages are a few hundred bytes, sent at most a hundred at a time; the default
                // 32 MiB of send buffer would only sit in the heap.
                Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * 1024 * 1024));
    }

    private static int millis(java.time.Duration duration) {
        return Math.toIntExact(duration.toMillis());
    }
}
