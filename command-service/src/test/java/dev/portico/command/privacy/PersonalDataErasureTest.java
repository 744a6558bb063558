package dev.portico.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.Actor;
import dev.portico.events.EventMetadata;
import dev.portico.events.SealedData;
import dev.portico.events.UserId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.session.SessionIssued;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.StoredEvents;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Personal data reaches the event store only sealed under its user's key, and deleting the user keeps the
 * history but makes that data unreadable (crypto-shredding).
 */
@CommandServiceTest
class PersonalDataErasureTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    PersonalDataVault vault;
    @Autowired
    JdbcClient jdbc;

    @Test
    void sealsTheLoginsSubjectDeviceAndRequestInTheEvents() {
        ClientApi api = new ClientApi(port);
        var login = api.anonymousLogin("test-app");
        UserId user = new UserId(login.text("user_id"));
        String subject = api.get("/api/client/v2.0/auth/profile", login.text("access_token")).json()
                .get("identities").get(0).get("id").asText();

        IdentityLinked linked = payload(user, IdentityLinked.class);
        EventMessage<?> issued = event(user, SessionIssued.class);

        assertThat(vault.findKey(user).orElseThrow().openText(linked.subject())).isEqualTo(subject);
        JsonNode device = vault.open(user, ((SessionIssued) issued.getPayload()).client()).orElseThrow();
        assertThat(device.get("platform").asText()).isEqualTo("node");
        JsonNode client = vault.open(user, new SealedData((String) issued.getMetaData().get(EventMetadata.CLIENT)))
                .orElseThrow();
        assertThat(client.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(client.get("userAgent").asText()).isEqualTo(ClientApi.USER_AGENT);
        assertThat(new StoredEvents(jdbc).storedTextOf(user.value())).allSatisfy(stored -> assertThat(stored)
                .doesNotContain(subject, "127.0.0.1", "\"node\"", ClientApi.USER_AGENT));
    }

    @Test
    void everyEventSaysWhoCausedItAndInWhichRequest() {
        ClientApi api = new ClientApi(port);
        var login = api.anonymousLogin("test-app");
        UserId user = new UserId(login.text("user_id"));

        List<? extends EventMessage<?>> history = history(user);

        assertThat(history).hasSize(3).allSatisfy(event -> {
            assertThat(event.getMetaData().get(EventMetadata.ACTOR)).isEqualTo(Actor.user(user).encoded());
            assertThat(event.getMetaData().get(EventMetadata.REQUEST_ID)).isEqualTo(login.requestId());
        });
    }

    @Test
    void keepsTheHistoryOfADeletedUserButErasesItsPersonalData() {
        ClientApi api = new ClientApi(port);
        var login = api.anonymousLogin("test-app");
        UserId user = new UserId(login.text("user_id"));

        api.delete("/api/client/v2.0/auth/delete", login.text("access_token"));

        assertThat(new StoredEvents(jdbc).typesOf(user.value()))
                .containsExactly("UserRegistered", "IdentityLinked", "SessionIssued", "UserDeleted");
        SessionIssued issued = payload(user, SessionIssued.class);
        assertThat(issued.deviceId().value()).isEqualTo(login.text("device_id"));
        assertThat(vault.open(user, issued.client())).isEmpty();
        assertThat(vault.open(user, payload(user, IdentityLinked.class).subject())).isEmpty();
        assertThat(count("personal_data_keys", user)).isZero();
        assertThat(count("identity_claims", user)).isZero();
    }

    private long count(String table, UserId user) {
        return jdbc.sql("SELECT count(*) FROM " + table + " WHERE user_id = ?").param(user.value())
                .query(Long.class).single();
    }

    private List<? extends EventMessage<?>> history(UserId user) {
        return new StoredEvents(jdbc).streamsOf(user.value()).stream()
                .flatMap(id -> eventStore.readEvents(id).asStream()).toList();
    }

    private EventMessage<?> event(UserId user, Class<?> type) {
        return history(user).stream().filter(e -> type.isInstance(e.getPayload())).findFirst().orElseThrow();
    }

    private <T> T payload(UserId user, Class<T> type) {
        return type.cast(event(user, type).getPayload());
    }
}
