package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system as a client sees it: the unmodified realm-web 2.0.1 SDK under Node.js logs in, refreshes,
 * recovers from bad tokens, logs out and deletes users against the command-service; the lifecycle events
 * then reach Kafka exactly once each, in order, and the query-service's read API reflects the users' state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class RealmWebEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(RealmWebEndToEndTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private NodeScenario node;
    private PorticoSystem system;
    private NodeScenario.Result scenario;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("portico.e2e.work.dir", "target/e2e"));
        node = NodeScenario.fromSystemProperties();
        node.install(); // before any server starts: no Node.js, no point
        system = PorticoSystem.start(work);
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void bothServicesAreHealthyAndTheCommandServicePublishesItsKeys() throws Exception {
        assertThat(get(system.commandUrl() + "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get(system.queryUrl() + "/actuator/health", null).statusCode()).isEqualTo(200);

        HttpResponse<String> jwks = get(system.commandUrl() + "/.well-known/jwks.json", null);
        assertThat(jwks.statusCode()).as("GET /.well-known/jwks.json: %s", jwks.body()).isEqualTo(200);
        JsonNode keys = json.readTree(jwks.body()).path("keys");
        assertThat(keys.isArray() && keys.size() > 0).as("JWKS has keys: %s", jwks.body()).isTrue();
        for (JsonNode key : keys) {
            assertThat(key.has("kid")).as("every published key has a kid: %s", key).isTrue();
            assertThat(key.has("d")).as("no private key material in the JWKS: %s", key).isFalse();
        }
    }

    @Test
    @Order(2)
    void realmWebRunsTheClientScenario() throws Exception {
        scenario = node.runScenario(Map.of(
                "PORTICO_BASE_URL", system.commandUrl(),
                "PORTICO_APP_ID", PorticoSystem.APP_ID,
                "PORTICO_E2E_SIGNING_KEYS_DIR", system.keysDir().toString()));
        log.info("realm-web scenario (exit {}):\n{}", scenario.exitCode(), scenario.stderr());
        JsonNode result = scenario.json();
        assertThat(result).as("e2e.mjs printed no JSON result; stdout:\n%s\nstderr:\n%s",
                scenario.stdout(), NodeScenario.tail(scenario.stderr())).isNotNull();
        List<String> failed = new ArrayList<>();
        // The scenario reports the spec's recommendations as warnings; this server follows them, so a warning
        // fails the test like any other check.
        for (JsonNode warning : result.path("warnings")) {
            failed.add(warning.path("name").asText() + " :: " + warning.path("detail").asText());
        }
        for (JsonNode skipped : result.path("skipped")) {
            failed.add("skipped: " + skipped.asText());
        }
        for (JsonNode check : result.path("checks")) {
            if (!check.path("ok").asBoolean()) {
                failed.add(check.path("name").asText() + " :: " + check.path("detail").asText());
            }
        }
        assertThat(failed).as("failed realm-web checks (requests: %s)", result.path("requests")).isEmpty();
        assertThat(result.path("checks").size()).as("number of checks run").isGreaterThan(40);
        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(scenario.exitCode()).as("exit code of node e2e.mjs").isZero();
    }

    @Test
    @Order(3)
    void lifecycleEventsReachKafkaOncePerUserInOrder() throws Exception {
        List<String> deleted = ids("expectDeleted");
        List<String> alive = ids("expectAlive");
        assertThat(deleted).as("users the scenario ended").hasSize(3);
        assertThat(alive).as("users the scenario left").hasSize(1);
        try (LifecycleTopic topic = new LifecycleTopic(system.kafkaBootstrapServers())) {
            await("every user's lifecycle events on " + LifecycleTopic.TOPIC).atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertLifecycle(topic, deleted, alive));
            // And nothing more arrives: no duplicates from retries or redelivery.
            await("no further lifecycle events").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertLifecycle(topic, deleted, alive));
            // The CloudEvents id is the domain event's id, so consumers can deduplicate by it.
            for (String id : concat(deleted, alive)) {
                List<LifecycleTopic.Event> events = topic.about(id);
                events.forEach(event -> log.info("lifecycle event: {}", event));
                Map<String, List<String>> domainEvents = system.domainEventIds(id);
                assertThat(events.get(0).id()).as("created event id of %s vs event store %s", id, domainEvents)
                        .isIn(domainEvents.getOrDefault("UserRegistered", List.of()));
                if (events.size() > 1) {
                    assertThat(events.get(1).id()).as("deleted event id of %s vs event store %s", id, domainEvents)
                            .isIn(domainEvents.getOrDefault("UserDeleted", List.of()));
                }
            }
        }
    }

    @Test
    @Order(4)
    void readApiShowsTheUsersState() throws Exception {
        List<String> deleted = ids("expectDeleted");
        String survivor = ids("expectAlive").get(0);
        String userUrl = system.queryUrl() + "/api/v1/users/" + survivor;

        assertThat(get(userUrl, null).statusCode()).as("read API without a token").isEqualTo(401);
        assertThat(get(userUrl, "not-the-token").statusCode()).as("read API with a wrong token").isIn(401, 403);

        await("the surviving user in the read API").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> response = get(userUrl, system.serviceToken());
                    assertThat(response.statusCode()).as("GET %s: %s", userUrl, response.body()).isEqualTo(200);
                    JsonNode user = json.readTree(response.body());
                    assertThat(texts(user)).as("user document %s", response.body())
                            .contains(survivor, PorticoSystem.APP_ID);
                });
        for (String id : deleted) {
            String url = system.queryUrl() + "/api/v1/users/" + id;
            await("deleted user " + id + " gone from the read API").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        HttpResponse<String> response = get(url, system.serviceToken());
                        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(404);
                    });
        }
        String listUrl = system.queryUrl() + "/api/v1/users?app_id=" + PorticoSystem.APP_ID + "&page=0&size=100";
        await("the user list").atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> response = get(listUrl, system.serviceToken());
            assertThat(response.statusCode()).as("GET %s: %s", listUrl, response.body()).isEqualTo(200);
            Set<String> texts = texts(json.readTree(response.body()));
            assertThat(texts).as("user list %s", response.body()).contains(survivor).doesNotContainAnyElementsOf(deleted);
        });
    }

    private void assertLifecycle(LifecycleTopic topic, List<String> deleted, List<String> alive) {
        List<LifecycleTopic.Event> all = topic.poll();
        for (String id : deleted) {
            assertThat(types(topic.about(id))).as("events of ended user %s (all: %s)", id, all)
                    .containsExactly(LifecycleTopic.CREATED, LifecycleTopic.DELETED);
        }
        for (String id : alive) {
            assertThat(types(topic.about(id))).as("events of surviving user %s (all: %s)", id, all)
                    .containsExactly(LifecycleTopic.CREATED);
        }
        Set<String> eventIds = new HashSet<>();
        for (String id : concat(deleted, alive)) {
            for (LifecycleTopic.Event event : topic.about(id)) {
                JsonNode ce = event.cloudEvent();
                assertThat(ce).as("record value is CloudEvents JSON: %s", event).isNotNull();
                assertThat(ce.path("specversion").asText()).as("specversion of %s", event).isEqualTo("1.0");
                assertThat(ce.path("source").asText()).as("source of %s", event).isNotBlank();
                assertThat(event.key()).as("record key of %s", event).isEqualTo(id);
                assertThat(event.subject()).as("subject of %s", event).isEqualTo(id);
                assertThat(event.id()).as("id of %s", event).isNotBlank();
                assertThat(eventIds.add(event.id())).as("event id %s is unique", event.id()).isTrue();
            }
        }
    }

    private static List<String> types(List<LifecycleTopic.Event> events) {
        return events.stream().map(LifecycleTopic.Event::type).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<String> ids(String field) {
        if (scenario == null || scenario.json() == null) {
            fail("the realm-web scenario did not run or printed no result, so there are no users to look for");
        }
        return StreamSupport.stream(scenario.json().path(field).spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Every text and number value anywhere in a JSON document. */
    private static Set<String> texts(JsonNode node) {
        Set<String> values = new HashSet<>();
        collect(node, values);
        return values;
    }

    private static void collect(JsonNode node, Set<String> values) {
        if (node.isValueNode()) {
            values.add(node.asText());
        }
        node.forEach(child -> collect(child, values));
    }

    private HttpResponse<String> get(String url, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
