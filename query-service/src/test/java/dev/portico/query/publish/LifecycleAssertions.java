package dev.portico.query.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.testsupport.LifecycleConsumer.Message;
import java.time.temporal.ChronoUnit;
import org.axonframework.eventhandling.DomainEventMessage;

/** What every lifecycle message must look like on the topic. */
final class LifecycleAssertions {
    private LifecycleAssertions() {
    }

    /** The CloudEvents envelope of a message announcing {@code event} of the user {@code record.key()}. */
    static JsonNode assertCloudEvent(Message record, DomainEventMessage<?> event, String type, String appId) {
        assertThat(record.header("content-type")).isEqualTo("application/cloudevents+json; charset=UTF-8");
        JsonNode cloudEvent = record.cloudEvent();
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
