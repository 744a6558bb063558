package dev.portico.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.portico.events.apikey.ApiKeyCreated;
import dev.portico.events.apikey.ApiKeyDeleted;
import dev.portico.events.apikey.ApiKeyDisabled;
import dev.portico.events.apikey.ApiKeyEnabled;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.IdentityProfileUpdated;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.session.SessionUsed;
import dev.portico.events.store.EventSerialization;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserEnabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Events already in an event store must stay readable. Each revision's payload, as the service wrote it, is
 * checked in under {@code stored-events/<Type>/<revision>.json} and must still deserialize, through the very
 * serializer the services use, into the event below. A change that breaks stored events fails here; the fix
 * is a new revision with an upcaster, and the old file stays.
 */
class StoredEventCompatibilityTest {
    private static final UserId USER = new UserId("6747a1b2c3d4e5f601234567");
    private static final AppId APP = new AppId("portico-dev");
    private static final IdentityId IDENTITY = new IdentityId("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    private static final SessionId SESSION = new SessionId("6747a1b2c3d4e5f601234568");
    private static final ApiKeyId API_KEY = new ApiKeyId("6747a1b2c3d4e5f60123456a");
    private static final Instant AT = Instant.parse("2026-12-01T10:15:30.123456Z");

    /** The version-1 form of every event: what its stored JSON must read as. */
    static final Map<Class<?>, Object> REVISION_1 = Map.ofEntries(
            Map.entry(UserRegistered.class, new UserRegistered(USER, APP, UserType.NORMAL, AT)),
            Map.entry(IdentityLinked.class, new IdentityLinked(USER, APP, IDENTITY, ProviderType.ANONYMOUS, "anon-user",
                    new SealedData("a1.k7Qm2x.c2VhbGVkLXN1YmplY3Q="), null, AT)),
            Map.entry(IdentityProfileUpdated.class, new IdentityProfileUpdated(USER, IDENTITY,
                    new SealedData("a1.k7Qm2x.c2VhbGVkLXByb2ZpbGU="), AT)),
            Map.entry(SessionIssued.class, new SessionIssued(SESSION, USER, APP, IDENTITY, ProviderType.ANONYMOUS,
                    new DeviceId("6747a1b2c3d4e5f601234569"),
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    new SealedData("a1.k7Qm2x.c2VhbGVkLWNsaWVudA=="), AT, Instant.parse("2027-01-30T10:15:30.123456Z"))),
            Map.entry(SessionRevoked.class, new SessionRevoked(SESSION, USER, RevocationReason.LOGGED_OUT, AT)),
            Map.entry(SessionUsed.class, new SessionUsed(SESSION, USER, AT)),
            Map.entry(UserDeleted.class, new UserDeleted(USER, APP, DeletionReason.ANONYMOUS_LOGOUT, AT)),
            Map.entry(ApiKeyCreated.class, new ApiKeyCreated(USER, APP, API_KEY, "1f2e3d4c5b6a79887766554433221100",
                    new SealedData("a1.k7Qm2x.c2VhbGVkLW5hbWU="), new SealedData("a1.k7Qm2x.c2VhbGVkLXNlY3JldC1oYXNo"),
                    AT)),
            Map.entry(ApiKeyEnabled.class, new ApiKeyEnabled(USER, API_KEY, AT)),
            Map.entry(ApiKeyDisabled.class, new ApiKeyDisabled(USER, API_KEY, AT)),
            Map.entry(ApiKeyDeleted.class, new ApiKeyDeleted(USER, API_KEY, AT)),
            Map.entry(UserDisabled.class, new UserDisabled(USER, AT)),
            Map.entry(UserEnabled.class, new UserEnabled(USER, AT)),
            Map.entry(CustomDataChanged.class, new CustomDataChanged(USER,
                    new SealedData("a1.k7Qm2x.c2VhbGVkLWN1c3RvbS1kYXRh"), AT)));

    private final Serializer serializer = EventSerialization.serializer();

    static Set<Class<?>> storedEventTypes() {
        return REVISION_1.keySet();
    }

    @ParameterizedTest
    @MethodSource("storedEventTypes")
    void revisionOneAsStoredStillReadsAsTheEvent(Class<?> type) throws IOException {
        Object read = serializer.deserialize(new SimpleSerializedObject<>(stored(type, "1"), byte[].class,
                new SimpleSerializedType(type.getName(), "1")));

        assertThat(read).isEqualTo(REVISION_1.get(type));
    }

    @Test
    void everyEventOfTheHistoryHasItsStoredForm() {
        Set<String> events = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.portico.events").stream()
                .filter(c -> c.isAssignableTo(UserEvent.class) && !c.isInterface())
                .map(JavaClass::getName)
                .collect(Collectors.toSet());

        assertThat(REVISION_1.keySet().stream().map(Class::getName).collect(Collectors.toSet()))
                .as("events with a stored version-1 form").isEqualTo(events);
    }

    private static byte[] stored(Class<?> type, String revision) throws IOException {
        String path = "/stored-events/" + type.getSimpleName() + "/" + revision + ".json";
        try (InputStream in = StoredEventCompatibilityTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}
