package dev.portico.query.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.AppId;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns domain events into lifecycle messages. The format is a contract with other services (documented, with a
 * JSON Schema per type, in shared-events under {@code lifecycle/}), so it uses its own plain mapper rather than
 * the application's, whose settings may change for other reasons. Only ids and facts go out, never personal
 * data: Kafka keeps what it is given and cannot crypto-shred it later.
 */
public final class LifecycleMessages {
    public static final String USER_CREATED = "dev.portico.user.created";
    public static final String USER_DELETED = "dev.portico.user.deleted";
    public static final String USER_DISABLED = "dev.portico.user.disabled";
    public static final String USER_ENABLED = "dev.portico.user.enabled";
    public static final String IDENTITY_LINKED = "dev.portico.user.identity_linked";
    public static final String CUSTOM_DATA_CHANGED = "dev.portico.user.custom_data_changed";

    /** Every type on the topic; each has {@code lifecycle/<type>.schema.json} in shared-events. */
    public static final List<String> TYPES = List.of(USER_CREATED, USER_DELETED, USER_DISABLED, USER_ENABLED,
            IDENTITY_LINKED, CUSTOM_DATA_CHANGED);

    /** The source of messages whose user's app is not known here (see {@link #source(Optional)}). */
    static final String UNKNOWN_APP_SOURCE = "/portico";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LifecycleMessages() {
    }

    public static OutboxMessage created(String eventId, Instant time, UserRegistered event) {
        var data = new UserCreatedData(event.userId().value(), event.appId().value(),
                event.type().name().toLowerCase(Locale.ROOT), event.registeredAt().toString());
        return message(eventId, time, USER_CREATED, Optional.of(event.appId()), event.userId(), data);
    }

    public static OutboxMessage deleted(String eventId, Instant time, UserDeleted event) {
        var data = new UserDeletedData(event.userId().value(), event.appId().value(),
                event.reason().name().toLowerCase(Locale.ROOT), event.deletedAt().toString());
        return message(eventId, time, USER_DELETED, Optional.of(event.appId()), event.userId(), data);
    }

    public static OutboxMessage identityLinked(String eventId, Instant time, IdentityLinked event) {
        var data = new LifecycleData.IdentityLinkedData(event.userId().value(), event.appId().value(),
                event.identityId().value(), event.providerType().wireName(), event.providerId(),
                event.linkedAt().toString());
        return message(eventId, time, IDENTITY_LINKED, Optional.of(event.appId()), event.userId(), data);
    }

    /** {@code app} is the user's app where known: the event itself does not name it. */
    public static OutboxMessage disabled(String eventId, Instant time, UserDisabled event, Optional<AppId> app) {
        var data = new LifecycleData.UserDisabledData(event.userId().value(), app.map(AppId::value).orElse(null),
                event.disabledAt().toString());
        return message(eventId, time, USER_DISABLED, app, event.userId(), data);
    }

    public static OutboxMessage enabled(String eventId, Instant time, UserEnabled event, Optional<AppId> app) {
        var data = new LifecycleData.UserEnabledData(event.userId().value(), app.map(AppId::value).orElse(null),
                event.enabledAt().toString());
        return message(eventId, time, USER_ENABLED, app, event.userId(), data);
    }

    /** Says that the document changed, and whether it is now gone; never what it holds. */
    public static OutboxMessage customDataChanged(String eventId, Instant time, CustomDataChanged event,
            Optional<AppId> app) {
        var data = new LifecycleData.CustomDataChangedData(event.userId().value(), app.map(AppId::value).orElse(null),
                event.document() == null, event.changedAt().toString());
        return message(eventId, time, CUSTOM_DATA_CHANGED, app, event.userId(), data);
    }

    static String source(Optional<AppId> app) {
        return app.map(known -> "/portico/apps/" + URLEncoder.encode(known.value(), StandardCharsets.UTF_8)
                .replace("+", "%20")).orElse(UNKNOWN_APP_SOURCE);
    }

    private static OutboxMessage message(String eventId, Instant time, String type, Optional<AppId> app, UserId user,
            Object data) {
        var event = new CloudEvent(CloudEvent.SPEC_VERSION, eventId, source(app), type, user.value(), time.toString(),
                CloudEvent.DATA_CONTENT_TYPE, data);
        try {
            return new OutboxMessage(0, eventId, user.value(), type, MAPPER.writeValueAsString(event), time);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lifecycle message could not be written as JSON", e);
        }
    }
}
