package dev.portico.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a lifecycle topic from the beginning as a downstream service would: read_committed, so only
 * messages of committed Kafka transactions count. The topic may not exist yet; until it does, nothing has been
 * received and nothing is caught up. A Kafka consumer must never be used by two threads at once, and
 * Awaitility evaluates conditions on a thread of its own (which it may leave running when it gives up), hence
 * the synchronized methods.
 */
public final class LifecycleConsumer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final List<Message> received = new ArrayList<>();
    private boolean assigned;

    public LifecycleConsumer(String bootstrapServers, String topic) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "portico-test-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000),
                new StringDeserializer(), new StringDeserializer());
    }

    /**
     * One message as read: its key, its headers (the last value of each), its value, and the value parsed as
     * the CloudEvents envelope (null when it is not JSON).
     */
    public record Message(String key, int partition, long offset, Map<String, String> headers, String value,
            JsonNode cloudEvent) {
        public String header(String name) {
            return headers.get(name);
        }

        public String type() {
            return attribute("type");
        }

        public String subject() {
            return attribute("subject");
        }

        public String id() {
            return attribute("id");
        }

        private String attribute(String name) {
            return cloudEvent == null ? null : cloudEvent.path(name).asText(null);
        }

        @Override
        public String toString() {
            return partition + "@" + offset + " key=" + key + " " + value;
        }
    }

    /** Everything received so far, after taking in whatever has arrived, in partition order per key. */
    public synchronized List<Message> poll() {
        if (assign()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                received.add(new Message(record.key(), record.partition(), record.offset(), headers(record),
                        record.value(), parse(record.value())));
            }
        }
        return List.copyOf(received);
    }

    /** Whether everything committed to the topic so far has been received. */
    public synchronized boolean caughtUp() {
        if (!assigned) {
            return false;
        }
        var ends = consumer.endOffsets(consumer.assignment());
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    /** The messages received so far about the user: keyed by it, or with it as their CloudEvents subject. */
    public synchronized List<Message> about(String userId) {
        return received.stream().filter(message -> userId.equals(message.key()) || userId.equals(message.subject()))
                .toList();
    }

    /** The CloudEvent types of the messages received about the user, in order. */
    public List<String> typesOf(String userId) {
        return about(userId).stream().map(Message::type).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private boolean assign() {
        if (!assigned) {
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            } catch (TimeoutException e) {
                return false;
            }
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(all);
            consumer.seekToBeginning(all);
            assigned = true;
        }
        return true;
    }

    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(headers);
    }

    private static JsonNode parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            return null;
        }
    }
}
