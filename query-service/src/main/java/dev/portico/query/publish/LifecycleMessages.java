package dev.portico.query.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.AppId;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserRegistered;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Turns domain events into lifecycle messages. The format is a contract with other services, so it uses its
 * own plain mapper rather than the application's, whose settings may change for other reasons.
 */
public final class LifecycleMessages {
    public static final String USER_CREATED = "dev.portico.user.created";
    public static final String USER_DELETED = "dev.portico.user.deleted";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LifecycleMessages() {
    }

    public static OutboxMessage created(String eventId, Instant time, UserRegistered event) {
        var data = new UserCreatedData(event.userId().value(), event.appId().value(),
                event.type().name().toLowerCase(Locale.ROOT), event.registeredAt().toString());
        return message(eventId, time, USER_CREATED, event.appId(), event.userId().value(), data);
    }

    public static OutboxMessage deleted(String eventId, Instant time, UserDeleted event) {
        var data = new UserDeletedData(event.userId().value(), event.appId().value(),
                event.reason().name().toLowerCase(Locale.ROOT), event.deletedAt().toString());
        return message(eventId, time, USER_DELETED, event.appId(), event.userId().value(), data);
    }

    static String source(AppId app) {
        return "/portico/apps/" + URLEncoder.encode(app.value(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static OutboxMessage message(String eventId, Instant time, String type, AppId app, String userId,
            Object data) {
        var event = new CloudEvent(CloudEvent.SPEC_VERSION, eventId, source(app), type, userId, time.toString(),
                CloudEvent.DATA_CONTENT_TYPE, data);
        try {
            return new OutboxMessage(0, eventId, userId, type, MAPPER.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lifecycle message could not be written as JSON", e);
        }
    }
}
