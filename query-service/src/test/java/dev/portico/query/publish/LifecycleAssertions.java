package dev.portico.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.DomainEventMessage;

/** What every lifecycle message must look like on the topic. */
final class LifecycleAssertions {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LifecycleAssertions() {
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> json(record).get("type").asText()).toList();
    }

    /** The CloudEvents envelope of a message announcing {@code event} of the user {@code record.key()}. */
    static JsonNode assertCloudEvent(ConsumerRecord<String, String> record, DomainEventMessage<?> event,
            String type, String appId) {
        Header contentType = record.headers().lastHeader("content-type");
        assertThat(contentType).isNotNull();
        assertThat(new String(contentType.value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json; charset=UTF-8");
        JsonNode cloudEvent = json(record);
        assertThat(cloudEvent.get("specversion").asText()).isEqualTo("1.0");
        assertThat(cloudEvent.get("id").asText()).isEqualTo(event.getIdentifier());
        assertThat(cloudEvent.get("source").asText()).isEqualTo("/portico/apps/" + appId);
        assertThat(cloudEvent.get("type").asText()).isEqualTo(type);
        assertThat(cloudEvent.get("subject").asText()).isEqualTo(event.getAggregateIdentifier());
        // The event store keeps event timestamps to the millisecond.
        assertThat(cloudEvent.get("time").asText())
                .isEqualTo(event.getTimestamp().truncatedTo(ChronoUnit.MILLIS).toString());
        assertThat(cloudEvent.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(record.key()).isEqualTo(event.getAggregateIdentifier());
        return cloudEvent.get("data");
    }
}
