package dev.portico.query.history;

import static dev.portico.query.support.UserHistory.inSession;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.DeviceId;
import dev.portico.events.SessionId;
import dev.portico.events.identity.IdentityLinked;
import dev.portico.events.identity.ProviderType;
import dev.portico.events.session.RevocationReason;
import dev.portico.events.session.SessionIssued;
import dev.portico.events.session.SessionRevoked;
import dev.portico.events.user.CustomDataChanged;
import dev.portico.events.user.DeletionReason;
import dev.portico.events.user.UserDeleted;
import dev.portico.events.user.UserDisabled;
import dev.portico.events.user.UserRegistered;
import dev.portico.events.user.UserType;
import dev.portico.query.support.Credentials;
import dev.portico.query.support.PersonalDataKeys;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.testsupport.ClientApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A user's history and its state at an instant, as auditors read them over HTTP. */
@QueryServiceTest
class HistoryApiTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    private ClientApi api;
    private UserHistory user;
    private PersonalDataKeys key;
    private Instant t0;
    private SessionId session;
    private List<DomainEventMessage<?>> events;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
        user = new UserHistory(newApp());
        key = new PersonalDataKeys(jdbc, user.userId());
        t0 = now().minusSeconds(3600);
        session = SessionId.generate();
    }

    /**
     * Registered by its own login from a browser, a session opened and logged out, custom data written by a
     * service, disabled by an operator, deleted by the system; the session's events live in their own stream.
     */
    private void liveAHistory() {
        Identity identity = Identity.of(ProviderType.EMAIL_PASSWORD, "local-userpass");
        Map<String, ?> byUser = Map.of("actor", "user:" + user.userId(), "requestId", "req-1",
                "client", key.seal(Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0")).sealed());
        DeviceId device = new DeviceId("6747a1b2c3d4e5f601234569");
        events = new ArrayList<>();
        events.add(user.record(new UserRegistered(user.userId(), user.appId(), UserType.NORMAL, t0), byUser, t0));
        events.add(user.record(new IdentityLinked(user.userId(), user.appId(), identity.id(), identity.providerType(),
                identity.providerId(), key.sealText("ann@example.com"), key.seal(Map.of("name", "Ann")), t0), byUser, t0));
        events.add(inSession(session, 0, new SessionIssued(session, user.userId(), user.appId(), identity.id(),
                identity.providerType(), device, "0".repeat(64), key.seal(Map.of("platform", "web")),
                t0.plusSeconds(60), t0.plusSeconds(60 + 1800)), byUser, t0.plusSeconds(60)));
        events.add(inSession(session, 1, new SessionRevoked(session, user.userId(), RevocationReason.LOGGED_OUT,
                t0.plusSeconds(120)), byUser, t0.plusSeconds(120)));
        events.add(user.record(new CustomDataChanged(user.userId(), key.seal(Map.of("plan", "gold")),
                t0.plusSeconds(180)), Map.of("actor", "service:billing", "requestId", "req-2"),
                t0.plusSeconds(180)));
        events.add(user.record(new UserDisabled(user.userId(), t0.plusSeconds(240)),
                Map.of("actor", "operator:alice", "requestId", "req-3"), t0.plusSeconds(240)));
        eventStore.publish(events);
        awaitIndexed(events.size());
    }

    @Test
    void theHistoryListsEveryEventInOrderWithTimeTypeActorRequestAndOpenedPersonalData() throws Exception {
        liveAHistory();

        JsonNode page = history("");

        JsonNode entries = page.get("events");
        assertThat(page.get("user_id").asText()).isEqualTo(user.userId().value());
        assertThat(page.get("next_cursor").isNull()).isTrue();
        assertThat(types(entries)).containsExactly("UserRegistered", "IdentityLinked", "SessionIssued",
                "SessionRevoked", "CustomDataChanged", "UserDisabled");
        for (int i = 0; i < events.size(); i++) {
            assertThat(entries.get(i).get("event_id").asText()).isEqualTo(events.get(i).getIdentifier());
            assertThat(Instant.parse(entries.get(i).get("time").asText())).isEqualTo(
                    events.get(i).getTimestamp().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        assertThat(entries.get(0).get("actor")).isEqualTo(json("{\"kind\":\"user\",\"id\":\"" + user.userId() + "\"}"));
        assertThat(entries.get(4).get("actor")).isEqualTo(json("{\"kind\":\"service\",\"id\":\"billing\"}"));
        assertThat(entries.get(5).get("actor")).isEqualTo(json("{\"kind\":\"operator\",\"id\":\"alice\"}"));
        assertThat(entries.get(0).get("request")).isEqualTo(json("""
                {"correlation_id":"req-1","client":{"ip":"203.0.113.7","userAgent":"Mozilla/5.0"}}"""));
        assertThat(entries.get(2).at("/request/device_id").asText()).isEqualTo("6747a1b2c3d4e5f601234569");
        assertThat(entries.get(1).at("/payload/subject").asText()).isEqualTo("ann@example.com");
        assertThat(entries.get(1).at("/payload/profile")).isEqualTo(json("{\"name\":\"Ann\"}"));
        assertThat(entries.get(2).at("/payload/client")).isEqualTo(json("{\"platform\":\"web\"}"));
        assertThat(entries.get(4).at("/payload/document")).isEqualTo(json("{\"plan\":\"gold\"}"));
        assertThat(entries.get(3).at("/payload/reason").asText()).isEqualTo("LOGGED_OUT");
    }

    @Test
    void aDeletedUsersHistoryIsStillServedWithItsPersonalDataMarkedErased() throws Exception {
        liveAHistory();
        eventStore.publish(user.record(new UserDeleted(user.userId(), user.appId(), DeletionReason.ADMINISTRATIVE,
                t0.plusSeconds(300)), Map.of("actor", "system"), t0.plusSeconds(300)));
        awaitIndexed(events.size() + 1);
        key.destroy();

        JsonNode entries = history("").get("events");

        assertThat(entries).hasSize(events.size() + 1);
        JsonNode erased = json("{\"erased\":true}");
        assertThat(entries.get(1).at("/payload/subject")).isEqualTo(erased);
        assertThat(entries.get(1).at("/payload/profile")).isEqualTo(erased);
        assertThat(entries.get(0).at("/request/client")).isEqualTo(erased);
        assertThat(entries.get(4).at("/payload/document")).isEqualTo(erased);
        assertThat(entries.get(6).get("actor")).isEqualTo(json("{\"kind\":\"system\"}"));
        assertThat(entries.get(6).at("/payload/reason").asText()).isEqualTo("ADMINISTRATIVE");
        assertThat(entries.toString()).doesNotContain("ann@example.com").doesNotContain("203.0.113.7");
    }

    @Test
    void pagesFollowEachOtherByCursorWithoutGapsOrRepeats() throws Exception {
        liveAHistory();

        List<String> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = history("?limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("events").forEach(entry -> ids.add(entry.get("event_id").asText()));
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(2);
        assertThat(ids).containsExactlyElementsOf(events.stream().map(DomainEventMessage::getIdentifier).toList());
    }

    @Test
    void theStateAtAnInstantIsRebuiltFromTheEventsUpToThen() throws Exception {
        liveAHistory();

        assertThat(state(t0.minusSeconds(1)).status()).isEqualTo(404);

        JsonNode loggedIn = state(t0.plusSeconds(90)).json();
        assertThat(loggedIn.get("state").asText()).isEqualTo("active");
        assertThat(loggedIn.get("app_id").asText()).isEqualTo(user.appId().value());
        assertThat(loggedIn.get("identities")).hasSize(1);
        assertThat(loggedIn.at("/identities/0/subject").asText()).isEqualTo("ann@example.com");
        assertThat(loggedIn.at("/identities/0/profile")).isEqualTo(json("{\"name\":\"Ann\"}"));
        assertThat(loggedIn.get("sessions")).hasSize(1);
        assertThat(loggedIn.at("/sessions/0/id").asText()).isEqualTo(session.value());
        assertThat(loggedIn.at("/sessions/0/state").asText()).isEqualTo("active");
        assertThat(loggedIn.get("custom_data").isNull()).isTrue();

        JsonNode loggedOut = state(t0.plusSeconds(200)).json();
        assertThat(loggedOut.at("/sessions/0/state").asText()).isEqualTo("revoked");
        assertThat(loggedOut.at("/sessions/0/revoked_reason").asText()).isEqualTo("logged_out");
        assertThat(loggedOut.get("custom_data")).isEqualTo(json("{\"plan\":\"gold\"}"));
        assertThat(loggedOut.get("state").asText()).isEqualTo("active");

        assertThat(state(t0.plusSeconds(240)).json().get("state").asText()).isEqualTo("disabled");
    }

    @Test
    void malformedParametersAndUnknownUsersAreRefusedClearly() throws Exception {
        String base = "/api/v1/users/" + user.userId();
        for (String path : List.of(base + "/history?limit=0", base + "/history?limit=501", base + "/history?limit=x",
                base + "/history?cursor=-1", base + "/history?cursor=abc", base + "/state",
                base + "/state?at=yesterday", "/api/v1/users/nope/history")) {
            ClientApi.Response response = api.get(path, Credentials.HISTORY_READER);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().get("code").asText()).as(path).isEqualTo("InvalidParameter");
        }
        ClientApi.Response unknown = api.get(base + "/history", Credentials.HISTORY_READER);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("UserNotFound");
        assertThat(api.get(base + "/history", null).status()).isEqualTo(401);
        assertThat(api.get(base + "/state?at=2026-01-01T00:00:00Z", "wrong").status()).isEqualTo(401);
    }

    private void awaitIndexed(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM event_chain WHERE user_id = ?")
                .param(user.userId().value()).query(Long.class).single() == count);
    }

    private JsonNode history(String query) throws Exception {
        ClientApi.Response response = api.get("/api/v1/users/" + user.userId() + "/history" + query,
                Credentials.HISTORY_READER);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.json();
    }

    private ClientApi.Response state(Instant at) {
        return api.get("/api/v1/users/" + user.userId() + "/state?at=" + at, Credentials.HISTORY_READER);
    }

    private static List<String> types(JsonNode entries) {
        List<String> types = new ArrayList<>();
        entries.forEach(entry -> types.add(entry.get("type").asText()));
        return types;
    }

    private static JsonNode json(String text) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    }
}
