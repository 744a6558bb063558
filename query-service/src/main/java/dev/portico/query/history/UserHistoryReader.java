package dev.portico.query.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.portico.events.Actor;
import dev.portico.events.DeviceId;
import dev.portico.events.EventMetadata;
import dev.portico.events.SealedData;
import dev.portico.events.SealedText;
import dev.portico.events.UserId;
import dev.portico.query.privacy.PersonalData;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * A user's history for auditors, read from the event store through the chain's index of the user's events
 * (sessions included, which are streams of their own). Events are upcast and read as the services read them;
 * sealed personal data is opened with the user's key, or shown as {@code {"erased": true}} once the key is gone.
 */
@Component
public class UserHistoryReader {
    private static final JsonNode ERASED = new ObjectMapper().createObjectNode().put("erased", true);

    private final ChainStore chain;
    private final Serializer serializer;
    private final Configuration axon;
    private final PersonalData personalData;
    private final ObjectMapper json;

    public UserHistoryReader(ChainStore chain, @Qualifier("eventSerializer") Serializer serializer, Configuration axon,
            PersonalData personalData) {
        this.chain = chain;
        this.serializer = serializer;
        this.axon = axon;
        this.personalData = personalData;
        this.json = ((JacksonSerializer) serializer).getObjectMapper();
    }

    /** One event as auditors see it. */
    public record Entry(
            @JsonProperty("position") long position,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("time") Instant time,
            @JsonProperty("type") String type,
            @JsonProperty("actor") ActorView actor,
            @JsonProperty("request") RequestView request,
            @JsonProperty("payload") JsonNode payload) {
    }

    /** Who caused the event: {@code user}, {@code operator}, {@code service} or {@code system}, and its id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ActorView(@JsonProperty("kind") String kind, @JsonProperty("id") String id) {
    }

    /**
     * The request the event came from: correlation id, the client's address and user agent (sealed in the event:
     * opened, or erased), and the device for a login.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestView(
            @JsonProperty("correlation_id") String correlationId,
            @JsonProperty("client") JsonNode client,
            @JsonProperty("device_id") String deviceId) {
    }

    /** A user's event, read and upcast, with the user's place for it. */
    public record Read(long position, DomainEventMessage<?> message) {
    }

    /** A page of a user's history; {@code next} is the position the following page starts at, null on the last. */
    public record Page(List<Entry> entries, Long next) {
    }

    /** @return empty when the user has no event at all */
    public Optional<Page> page(UserId user, long from, int size) {
        List<Read> events = events(user, from, size + 1);
        if (events.isEmpty() && from == 0) {
            return Optional.empty();
        }
        Optional<SecretKey> key = keyOf(user);
        List<Entry> entries = events.subList(0, Math.min(size, events.size())).stream()
                .map(read -> entry(user, key, read)).toList();
        return Optional.of(new Page(entries, events.size() > size ? events.get(size).position() : null));
    }

    /** @return the user's events from {@code position} on, at most {@code limit}; empty if the user never existed */
    public List<Read> events(UserId user, long position, int limit) {
        List<ChainStore.Positioned> stored = chain.eventsOf(user, position, limit);
        // Matched by event id, not by place: an upcaster may drop or split stored events.
        Map<String, Long> positions = stored.stream().collect(Collectors.toMap(
                row -> row.event().eventIdentifier(), ChainStore.Positioned::position));
        return EventStreamUtils.asStream(EventStreamUtils.upcastAndDeserializeDomainEvents(
                        stored.stream().map(row -> entry(row.event())), serializer, axon.upcasterChain()))
                .map(message -> new Read(positions.get(message.getIdentifier()), message))
                .toList();
    }

    /** The user's key, or empty once the user is deleted: read once for all the values of a page. */
    public Optional<SecretKey> keyOf(UserId user) {
        return personalData.keyOf(user);
    }

    public Entry entry(UserId user, Optional<SecretKey> key, Read read) {
        DomainEventMessage<?> message = read.message();
        Object event = message.getPayload();
        String actor = (String) message.getMetaData().get(EventMetadata.ACTOR);
        Object client = message.getMetaData().get(EventMetadata.CLIENT);
        String device = Stream.of(event.getClass().getRecordComponents())
                .filter(component -> component.getType() == DeviceId.class)
                .map(component -> (DeviceId) value(component, event))
                .filter(id -> id != null && !DeviceId.NONE.equals(id))
                .map(DeviceId::value)
                .findFirst().orElse(null);
        return new Entry(read.position(), message.getIdentifier(), message.getTimestamp(),
                event.getClass().getSimpleName(), actor == null ? null : actorView(actor),
                new RequestView((String) message.getMetaData().get(EventMetadata.REQUEST_ID),
                        client == null ? null : open(user, key, new SealedData(client.toString())), device),
                payload(user, key, event));
    }

    /** The event's fields as stored (current revision), each sealed one opened or marked erased. */
    public JsonNode payload(UserId user, Optional<SecretKey> key, Object event) {
        ObjectNode payload = json.valueToTree(event);
        for (RecordComponent component : event.getClass().getRecordComponents()) {
            if (component.getType() == SealedData.class) {
                SealedData sealed = (SealedData) value(component, event);
                payload.set(component.getName(), sealed == null ? payload.nullNode()
                        : component.isAnnotationPresent(SealedText.class) ? openText(user, key, sealed)
                        : open(user, key, sealed));
            }
        }
        return payload;
    }

    /** Sealed personal data in clear, or {@code {"erased": true}}. */
    public JsonNode open(UserId user, Optional<SecretKey> key, SealedData sealed) {
        return key.map(k -> personalData.open(k, user, sealed)).orElse(ERASED);
    }

    /** Sealed text ({@link SealedText}) in clear, or {@code {"erased": true}}. */
    public JsonNode openText(UserId user, Optional<SecretKey> key, SealedData sealed) {
        return key.<JsonNode>map(k -> TextNode.valueOf(personalData.openText(k, user, sealed))).orElse(ERASED);
    }

    private static ActorView actorView(String encoded) {
        try {
            Actor actor = Actor.parse(encoded);
            return new ActorView(actor.kind().name().toLowerCase(java.util.Locale.ROOT), actor.id());
        } catch (IllegalArgumentException e) {
            return new ActorView("unknown", null);
        }
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }

    private static GenericDomainEventEntry<byte[]> entry(StoredEvent event) {
        return new GenericDomainEventEntry<>(event.aggregateType(), event.aggregateIdentifier(), event.sequenceNumber(),
                event.eventIdentifier(), event.timestamp(), event.payloadType(), event.payloadRevision(),
                event.payload(), event.metadata());
    }
}
