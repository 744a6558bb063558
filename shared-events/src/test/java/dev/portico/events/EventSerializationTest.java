package dev.portico.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

/** The event store keeps events as Jackson JSON; every event must survive the round trip unchanged. */
class EventSerializationTest {
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final UserId user = UserId.generate();
    private final AppId app = new AppId("demo-abcde");
    private final Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
    private final Identity identity = new Identity(ProviderType.ANONYMOUS, "anon-user", "x-y");
    private final SealedData sealed = new SealedData("AAAA");

    private final List<Object> events = List.of(
            new UserRegistered(user, app, UserType.NORMAL, now),
            new IdentityLinked(user, app, identity, sealed, now),
            new SessionIssued(user, app, SessionId.generate(), identity, DeviceId.generate(), "hash", sealed, now,
                    now.plusSeconds(60)),
            new SessionRevoked(user, SessionId.generate(), RevocationReason.LOGGED_OUT, now),
            new UserDeleted(user, app, DeletionReason.USER_REQUEST, now));

    @Test
    void everyEventSurvivesAJsonRoundTrip() throws Exception {
        for (Object event : events) {
            String json = mapper.writeValueAsString(event);
            assertThat(mapper.readValue(json, event.getClass())).as(json).isEqualTo(event);
        }
    }

    @Test
    void everyEventCarriesARevision() {
        for (Object event : events) {
            assertThat(event.getClass().getAnnotation(Revision.class)).as(event.getClass().getSimpleName()).isNotNull();
        }
    }
}
