package dev.portico.events.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * How events and their metadata are written to the event store: Jackson JSON, instants as ISO-8601 strings.
 * Both services use this one serializer, independent of their web JSON settings, because stored events
 * outlive any of those. Unknown fields are ignored, so adding a nullable field needs no new revision.
 */
public final class EventSerialization {
    private EventSerialization() {
    }

    public static Serializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }
}
