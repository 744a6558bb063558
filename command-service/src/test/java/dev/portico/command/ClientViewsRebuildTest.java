package dev.portico.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.Jwts;
import dev.portico.command.support.KeysAndTokensApps;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The client views and the identity claims hold nothing that only they know: emptied and fed the whole event
 * store again, they come back exactly as they were (personal data included, still sealed).
 */
@CommandServiceTest
@WithKeysAndTokens
class ClientViewsRebuildTest {
    private static final List<String> TABLES = List.of("accounts", "account_identities", "sessions", "identity_claims",
            "api_keys");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void replayingTheEventStoreRebuildsTheViewsAsTheyWere() {
        ClientApi api = new ClientApi(port);
        String login = "/api/client/v2.0/app/test-app/auth/providers/custom-function/login";
        Response linked = api.anonymousLogin("test-app");
        api.post(login + "?link=true", linked.text("access_token"), "{\"subject\":\"" + UUID.randomUUID() + "\"}");
        api.delete("/api/client/v2.0/auth/session", api.anonymousLogin("test-app").text("refresh_token"));
        Response deleted = api.post(login, null, "{\"subject\":\"" + UUID.randomUUID() + "\"}");
        api.delete("/api/client/v2.0/auth/delete", deleted.text("access_token"));
        api.post(login, null, "{\"subject\":\"" + UUID.randomUUID() + "\"}");
        String keys = "/api/client/v2.0/auth/api_keys";
        String jwtLogin = "/api/client/v2.0/app/" + KeysAndTokensApps.KEYS_APP + "/auth/providers/custom-token/login";
        String subject = UUID.randomUUID() + "@example.com";
        Response jwtUser = api.post(jwtLogin, null, "{\"token\":\"" + token(subject, "First") + "\"}");
        api.post(jwtLogin, null, "{\"token\":\"" + token(subject, "Second") + "\"}");
        String refresh = jwtUser.text("refresh_token");
        Response kept = api.post(keys, refresh, "{\"name\":\"kept\"}");
        api.put(keys + "/" + api.post(keys, refresh, "{\"name\":\"disabled\"}").text("_id") + "/disable", refresh);
        api.delete(keys + "/" + api.post(keys, refresh, "{\"name\":\"deleted\"}").text("_id"), refresh);
        api.post("/api/client/v2.0/app/" + KeysAndTokensApps.KEYS_APP + "/auth/providers/api-key/login", null,
                "{\"key\":\"" + kept.text("key") + "\"}");
        api.post("/api/admin/v1/apps/" + KeysAndTokensApps.KEYS_APP + "/api_keys", KeysAndTokensApps.OPERATOR_TOKEN,
                "{\"name\":\"server\"}");
        Map<String, List<Map<String, Object>>> before = contents();

        transactions.executeWithoutResult(status -> {
            List.of("api_keys", "identity_claims", "sessions", "account_identities", "accounts")
                    .forEach(table -> jdbc.sql("DELETE FROM " + table).update());
            replayEveryEventThroughTheClientViews();
        });

        assertThat(contents()).isEqualTo(before);
        assertThat(before.get("identity_claims")).isNotEmpty();
        assertThat(before.get("api_keys")).filteredOn(row -> row.get("user_id").equals(jwtUser.text("user_id")))
                .extracting(row -> row.get("disabled")).containsExactlyInAnyOrder(false, true);
        assertThat(api.get("/api/client/v2.0/auth/profile", jwtUser.text("access_token")).json().get("data")
                .get("name").asText()).isEqualTo("Second");
        assertThat(api.get("/api/client/v2.0/auth/profile", linked.text("access_token")).json().get("identities"))
                .hasSize(2);
    }

    private static String token(String subject, String name) {
        return Jwts.hs256(KeysAndTokensApps.SIGNING_KEY, Jwts.claims(subject, KeysAndTokensApps.AUDIENCE)
                .claim("email", subject).claim("profile", Map.of("display_name", name)).build());
    }

    private void replayEveryEventThroughTheClientViews() {
        EventHandlerInvoker views = processing.eventProcessor("client-views", SubscribingEventProcessor.class)
                .orElseThrow().eventHandlerInvoker();
        try (var events = eventStore.openStream(null)) {
            while (events.hasNextAvailable()) {
                EventMessage<?> event = events.nextAvailable();
                DefaultUnitOfWork.startAndGet(event).execute(() -> {
                    try {
                        views.handle(event, Segment.ROOT_SEGMENT);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Map<String, List<Map<String, Object>>> contents() {
        return TABLES.stream().collect(java.util.stream.Collectors.toMap(table -> table,
                table -> jdbc.sql("SELECT * FROM " + table + " ORDER BY 1, 2").query().listOfRows()));
    }
}
