package dev.portico.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the lifecycle topic from the beginning as a downstream consumer would: read_committed, because the
 * outbox relay writes in Kafka transactions.
 */
final class LifecycleTopic implements AutoCloseable {
    static final String TOPIC = "portico.user-lifecycle";
    static final String CREATED = "dev.portico.user.created";
    static final String DELETED = "dev.portico.user.deleted";

    private final KafkaConsumer<String, String> consumer;
    private final List<Event> events = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private boolean assigned;

    LifecycleTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "portico-e2e-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.CLIENT_ID_CONFIG, "portico-e2e"),
                new StringDeserializer(), new StringDeserializer());
    }

    /** One record as read: key, the CloudEvents envelope (null when the value is not JSON), and the raw value. */
    record Event(String key, int partition, long offset, JsonNode cloudEvent, String value) {
        String type() {
            return cloudEvent == null ? null : cloudEvent.path("type").asText(null);
        }

        String subject() {
            return cloudEvent == null ? null : cloudEvent.path("subject").asText(null);
        }

        String id() {
            return cloudEvent == null ? null : cloudEvent.path("id").asText(null);
        }

        @Override
        public String toString() {
            return partition + "@" + offset + " key=" + key + " " + value;
        }
    }

    /** Polls once and returns everything read so far, in partition order per key. */
    synchronized List<Event> poll() {
        if (!assigned) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                return List.copyOf(events); // the topic does not exist yet
            }
            if (partitions == null || partitions.isEmpty()) {
                return List.copyOf(events);
            }
            List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            assigned = true;
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(250))) {
            events.add(new Event(r.key(), r.partition(), r.offset(), parse(r.value()), r.value()));
        }
        return List.copyOf(events);
    }

    List<Event> about(String userId) {
        return poll().stream().filter(e -> userId.equals(e.key()) || userId.equals(e.subject())).toList();
    }

    private JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
