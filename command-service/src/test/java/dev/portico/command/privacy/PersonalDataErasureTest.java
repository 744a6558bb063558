package dev.portico.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.ClientApi;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.events.SessionIssued;
import dev.portico.events.UserDeleted;
import dev.portico.events.UserId;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Deleting a user keeps its history but makes the personal data in it unreadable (crypto-shredding). */
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
    void sealsTheLoginsDeviceDetailsAndAddressInTheEvent() {
        UserId user = new UserId(new ClientApi(port).anonymousLogin("test-app").text("user_id"));

        SessionIssued issued = payloads(user, SessionIssued.class).get(0);

        assertThat(vault.open(user, issued.client())).hasValueSatisfying(client -> {
            assertThat(client.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(client.get("device").get("platform").asText()).isEqualTo("node");
        });
        assertThat(storedPayloads(user)).noneMatch(json -> json.contains("127.0.0.1") || json.contains("\"node\""));
    }

    @Test
    void keepsTheHistoryOfADeletedUserButErasesItsPersonalData() {
        ClientApi api = new ClientApi(port);
        var login = api.anonymousLogin("test-app");
        UserId user = new UserId(login.text("user_id"));

        api.delete("/api/client/v2.0/auth/delete", login.text("access_token"));

        List<String> types = eventStore.readEvents(user.value()).asStream()
                .map(event -> event.getPayloadType().getSimpleName()).toList();
        assertThat(types).containsExactly("UserRegistered", "IdentityLinked", "SessionIssued", "UserDeleted");
        assertThat(payloads(user, UserDeleted.class)).hasSize(1);
        SessionIssued issued = payloads(user, SessionIssued.class).get(0);
        assertThat(issued.userId()).isEqualTo(user);
        assertThat(issued.deviceId().value()).isEqualTo(login.text("device_id"));
        assertThat(vault.open(user, issued.client())).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM personal_data_keys WHERE user_id = ?").param(user.value())
                .query(Long.class).single()).isZero();
    }

    private <T> List<T> payloads(UserId user, Class<T> type) {
        return eventStore.readEvents(user.value()).asStream()
                .map(DomainEventMessage::getPayload)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    private List<String> storedPayloads(UserId user) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(user.value()).query(String.class).list();
    }
}
