package dev.portico.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.LifecycleConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole system as a client sees it: the unmodified realm-web 2.0.1 SDK under Node.js logs in (anonymously,
 * with Google, Apple, Facebook and a custom function against stand-ins of them), refreshes, recovers from bad
 * tokens, logs out and deletes users against the command-service. Node's test runner runs
 * those tests; each of its test cases is one test here. Then the users' lifecycle events must reach Kafka
 * exactly once each, in order, with the event store's ids, and the query-service's read API must reflect the
 * users' state, and the history's point-in-time answers what the read API showed at each step of one user's
 * life. The realm-web tests run once, for whichever test here needs them first. Last, nothing secret
 * or personal that the run used may be in clear in the database, the logs or the topic.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class RealmWebEndToEndTest {
    private static final Logger log = LoggerFactory.getLogger(RealmWebEndToEndTest.class);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String LIFECYCLE_SOURCE = "/portico/apps/" + PorticoSystem.APP_ID;
    /** The services' default lifecycle topic and its CloudEvents types, as downstream services name them. */
    private static final String LIFECYCLE_TOPIC = "portico.user-lifecycle";
    private static final String CREATED = "dev.portico.user.created";
    private static final String DELETED = "dev.portico.user.deleted";

    private final ObjectMapper json = new ObjectMapper();
    private NodeScenario node;
    private PorticoSystem system;
    private ClientApi command;
    private ClientApi query;
    private NodeScenario.Run realmWeb;
    /** Secrets and addresses the tests here used besides the realm-web tests' own: the last test looks for them too. */
    private final List<SecretScan.Secret> ownSecrets = new CopyOnWriteArrayList<>();
    private Exception realmWebFailure;

    @BeforeAll
    void start() throws Exception {
        Path work = Path.of(System.getProperty("portico.e2e.work.dir", "target/e2e"));
        node = NodeScenario.fromSystemProperties();
        node.install(); // before any server starts: no Node.js, no point
        system = PorticoSystem.start(work);
        command = new ClientApi(system.commandUrl());
        query = new ClientApi(system.queryUrl());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** Runs the realm-web tests the first time it is called; later calls get the same run (or failure). */
    private synchronized NodeScenario.Run realmWeb() {
        if (realmWeb == null && realmWebFailure == null) {
            try {
                Map<String, String> environment = new java.util.LinkedHashMap<>(system.standInEnvironment());
                environment.put("PORTICO_BASE_URL", system.commandUrl());
                environment.put("PORTICO_APP_ID", PorticoSystem.APP_ID);
                environment.put("PORTICO_E2E_SIGNING_KEYS_DIR", system.keysDir().toString());
                environment.put("PORTICO_TOKENS_APP_ID", SystemTestApps.TOKENS_APP);
                environment.put("PORTICO_JWT_AUDIENCE", SystemTestApps.AUDIENCE);
                environment.put("PORTICO_JWT_SIGNING_KEY", system.jwtSigningKey());
                environment.put("PORTICO_OPERATOR_TOKEN", system.operatorToken());
                environment.put("PORTICO_E2E_MAIL_DIR", system.mailDir().toString());
                realmWeb = node.runTests(environment);
                log.info("realm-web tests (node --test exit {}, report {}):\n{}", realmWeb.exitCode(),
                        realmWeb.report(), realmWeb.output());
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                realmWebFailure = e;
            }
        }
        if (realmWebFailure != null) {
            throw new IllegalStateException("the realm-web tests did not run: " + realmWebFailure.getMessage(),
                    realmWebFailure);
        }
        return realmWeb;
    }

    @Test
    void bothServicesAreHealthyAndTheCommandServicePublishesItsKeys() throws Exception {
        for (ClientApi service : List.of(command, query)) {
            String url = service.baseUrl();
            Response health = service.get("/actuator/health", null);
            assertThat(health.status()).as("GET %s/actuator/health: %s", url, health.body()).isEqualTo(200);
            assertThat(health.json().path("status").asText()).as("health of %s", url).isEqualTo("UP");
        }

        Response jwks = command.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).as("GET /.well-known/jwks.json: %s", jwks.body()).isEqualTo(200);
        Set<String> published = new HashSet<>();
        for (JsonNode key : jwks.json().path("keys")) {
            assertThat(key.path("kty").asText()).as("key type of %s", key).isEqualTo("EC");
            assertThat(key.path("crv").asText()).as("curve of %s", key).isEqualTo("P-256");
            assertThat(key.has("d")).as("no private key material in the JWKS: %s", key).isFalse();
            published.add(key.path("kid").asText());
        }
        Set<String> onDisk = new HashSet<>();
        try (Stream<Path> files = Files.list(system.keysDir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                onDisk.add(json.readTree(file.toFile()).path("kid").asText());
            }
        }
        assertThat(onDisk).as("signing keys in %s", system.keysDir()).isNotEmpty();
        assertThat(published).as("key ids in the JWKS vs the keys directory").isEqualTo(onDisk);
    }

    /** One test per test case of node's report; a failed case fails with node's account of it. */
    @TestFactory
    Stream<DynamicTest> realmWebTests() throws Exception {
        NodeScenario.Run run = realmWeb();
        if (run.cases().isEmpty()) {
            fail("node --test (exit " + run.exitCode() + ") reported no test cases in " + run.report() + "; its output:\n"
                    + NodeScenario.tail(run.output()));
        }
        return run.cases().stream().map(testCase -> DynamicTest.dynamicTest(testCase.displayName(), () -> {
            if (testCase.failure() != null) {
                fail(testCase.displayName() + "\n" + testCase.failure());
            }
            if (testCase.skipped() != null) {
                fail(testCase.displayName() + ": node skipped it (" + testCase.skipped() + "); every realm-web test must run");
            }
        }));
    }

    /** Node's own verdict: a clean exit, and every test it counted passed (none failed, cancelled, skipped or todo). */
    @Test
    void nodeTestRunnerPassesEveryTest() throws Exception {
        NodeScenario.Run run = realmWeb();
        assertThat(run.exitCode()).as("exit code of node --test; its output:\n%s", NodeScenario.tail(run.output()))
                .isZero();
        assertThat(run.summary()).as("node's summary in %s", run.report())
                .containsEntry("tests", (long) run.cases().size())
                .containsEntry("pass", (long) run.cases().size())
                .containsEntry("fail", 0L)
                .containsEntry("cancelled", 0L)
                .containsEntry("skipped", 0L)
                .containsEntry("todo", 0L);
        assertThat(run.cases()).as("test cases in %s", run.report()).isNotEmpty();
    }

    @Test
    void everyUserOfTheRealmWebTestsIsInTheEventStoreAndOnTheLifecycleTopicOnceInOrder() throws Exception {
        RealmWebUsers users = realmWeb().users();
        // The event store is written before the client gets its answer, so it is complete by now.
        Map<String, PorticoSystem.UserEvents> store = system.userLifecycleEvents();
        assertThat(store.keySet()).as("users in the event store vs users the realm-web tests created")
                .containsExactlyInAnyOrderElementsOf(users.ids());
        for (RealmWebUsers.User user : users.all()) {
            PorticoSystem.UserEvents events = store.get(user.id());
            assertThat(events.registered()).as("registration events of %s", user).hasSize(1);
            assertThat(events.deleted()).as("deletion events of %s", user).hasSize(user.ended() ? 1 : 0);
        }
        try (LifecycleConsumer topic = new LifecycleConsumer(system.kafkaBootstrapServers(), LIFECYCLE_TOPIC)) {
            await("every user's lifecycle events on " + LIFECYCLE_TOPIC).atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertLifecycle(topic, users, store));
            // And nothing more arrives: no duplicates from retries or redelivery.
            await("no further lifecycle events").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertLifecycle(topic, users, store));
        }
    }

    @Test
    void readApiShowsTheUsersOfTheRealmWebTests() throws Exception {
        RealmWebUsers users = realmWeb().users();
        String anyUserPath = "/api/v1/users/" + users.all().get(0).id();

        Response noToken = query.get(anyUserPath, null);
        assertThat(noToken.status()).as("read API without a token: %s", noToken.body()).isEqualTo(401);
        assertProblem(noToken.json(), 401, "expected an Authorization header with a Bearer token", "MissingAuthReq");
        Response wrongToken = query.get(anyUserPath, "not-the-token");
        assertThat(wrongToken.status()).as("read API with a wrong token: %s", wrongToken.body()).isEqualTo(401);
        assertProblem(wrongToken.json(), 401, "invalid bearer token", "InvalidSession");

        for (RealmWebUsers.User user : users.alive()) {
            String url = "/api/v1/users/" + user.id();
            await("user " + user.id() + " in the read API").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        Response response = query.get(url, system.serviceToken());
                        assertThat(response.status()).as("GET %s: %s", url, response.body()).isEqualTo(200);
                        assertUserDocument(response.json(), user);
                    });
        }
        for (RealmWebUsers.User user : users.ended()) {
            String url = "/api/v1/users/" + user.id();
            await("ended user " + user.id() + " gone from the read API").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                        Response response = query.get(url, system.serviceToken());
                        assertThat(response.status()).as("GET %s: %s", url, response.body()).isEqualTo(404);
                        assertProblem(response.json(), 404, "user " + user.id() + " not found", "UserNotFound");
                    });
        }
        Set<String> alive = new HashSet<>();
        users.alive().forEach(user -> alive.add(user.id()));
        String listUrl = "/api/v1/users?app_id=" + PorticoSystem.APP_ID + "&size=200";
        await("the user list").atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            Response response = query.get(listUrl, system.serviceToken());
            assertThat(response.status()).as("GET %s: %s", listUrl, response.body()).isEqualTo(200);
            JsonNode page = response.json();
            assertThat(fieldNames(page)).as("user list %s", response.body()).containsExactly("users", "next_cursor");
            assertThat(page.path("next_cursor").isNull()).as("one page holds them all").isTrue();
            List<String> listed = new ArrayList<>();
            page.path("users").forEach(user -> listed.add(user.path("id").asText()));
            assertThat(listed).as("users listed for %s", PorticoSystem.APP_ID).containsExactlyInAnyOrderElementsOf(alive);
        });
    }

    /**
     * One user's life through the client, service and operator APIs: an anonymous login, a custom JWT identity
     * linked, custom data written by a service, disabled and enabled by an operator, a second login, a logout.
     * After each step the read API is read with the step's consistency token; the history's point-in-time
     * answer for each of those instants must be what the read API showed. Then an operator deletes the user:
     * from then on its state is deleted, and the earlier instants still answer, their personal data erased.
     */
    @Test
    void theStateAtEachInstantIsWhatTheReadApiShowedThen() {
        String providers = "/api/client/v2.0/app/" + SystemTestApps.TOKENS_APP + "/auth/providers/";
        String subject = "point-in-time-" + UUID.randomUUID();
        String email = subject + "@example.com";
        String jwt = SystemTestApps.customJwt(system.jwtSigningKey(), SystemTestApps.AUDIENCE, subject,
                Map.of("email", email, "name", "Ann Point"));
        ownSecrets.add(new SecretScan.Secret("e-mail address", email));
        ownSecrets.add(new SecretScan.Secret("token", jwt));
        Map<Instant, UserAt> observed = new LinkedHashMap<>();

        Response anonymous = command.anonymousLogin(SystemTestApps.TOKENS_APP);
        String userId = anonymous.text("user_id");
        String operator = "/api/admin/v1/apps/" + SystemTestApps.TOKENS_APP + "/users/" + userId;
        observe(userId, step("anonymous login", 200, anonymous), observed);
        observe(userId, step("custom JWT identity linked", 200, command.post(providers + "custom-token/login?link=true",
                anonymous.text("access_token"), "{\"token\":\"" + jwt + "\"}")), observed);
        observe(userId, step("custom data written", 200, command.send("PUT", "/api/service/v1/apps/"
                + SystemTestApps.TOKENS_APP + "/users/" + userId + "/custom-data",
                Map.of("Authorization", "Bearer " + system.customDataToken(), "Content-Type", "application/json"),
                "{\"plan\":\"gold\"}".getBytes(StandardCharsets.UTF_8))), observed);
        observe(userId, step("disabled", 200, command.post(operator + "/disable", system.operatorToken(), null)), observed);
        observe(userId, step("enabled", 200, command.post(operator + "/enable", system.operatorToken(), null)), observed);
        Response login = command.post(providers + "custom-token/login", null, "{\"token\":\"" + jwt + "\"}");
        assertThat(login.text("user_id")).as("the linked identity logs in to %s: %s", userId, login.body()).isEqualTo(userId);
        observe(userId, step("custom JWT login", 200, login), observed);
        observe(userId, step("logout", 204, command.delete("/api/client/v2.0/auth/session",
                login.text("refresh_token"))), observed);

        // The read API followed the life, so the comparison below compares something.
        List<UserAt> shown = List.copyOf(observed.values());
        assertThat(shown).extracting(UserAt::state).as("states the read API showed")
                .containsExactly("active", "active", "active", "disabled", "active", "active", "active");
        assertThat(shown.get(0).identities()).extracting(UserAt.Identity::providerType).containsExactly("anon-user");
        assertThat(shown.get(1).identities()).extracting(UserAt.Identity::providerType)
                .containsExactly("anon-user", "custom-token");
        assertThat(shown.get(1).profile()).isEqualTo(json.createObjectNode().put("email", email).put("name", "Ann Point"));
        assertThat(shown.get(1).customData().isNull()).as("custom data before it is written").isTrue();
        assertThat(shown.get(2).customData()).isEqualTo(json.createObjectNode().put("plan", "gold"));
        assertThat(shown.get(6).sessions().values()).as("sessions after the logout")
                .contains("revoked user_disabled", "revoked logged_out").doesNotContain("active");
        observed.forEach((at, then) -> assertThat(UserAt.fromState(stateAt(userId, at)))
                .as("state of %s at %s", userId, at).isEqualTo(then));

        String deleted = step("deleted", 204, command.delete(operator, system.operatorToken()));
        Response gone = query.getWithHeaders("/api/v1/users/" + userId, Map.of(
                "Authorization", "Bearer " + system.operatorToken(), "X-Portico-Consistency", deleted));
        assertProblem(gone.json(), 404, "user " + userId + " not found", "UserNotFound");
        assertThat(stateAt(userId, Instant.now()).path("state").asText()).as("state once deleted").isEqualTo("deleted");
        Instant lastAlive = List.copyOf(observed.keySet()).get(observed.size() - 1);
        JsonNode erased = stateAt(userId, lastAlive);
        assertThat(UserAt.fromState(erased).sessions()).as("sessions before the deletion, asked after it")
                .isEqualTo(shown.get(6).sessions());
        assertThat(erased.findValues("subject")).as("subjects in %s", erased)
                .containsOnly(json.createObjectNode().put("erased", true)).hasSize(2);
    }

    private JsonNode stateAt(String userId, Instant at) {
        Response state = query.get("/api/v1/users/" + userId + "/state?at=" + at, system.operatorToken());
        assertThat(state.status()).as("state of %s at %s: %s", userId, at, state.body()).isEqualTo(200);
        return state.json();
    }

    /** The step's consistency token, once the step had the answer the protocol promises. */
    private static String step(String step, int status, Response response) {
        assertThat(response.status()).as("%s: %s", step, response.body()).isEqualTo(status);
        String token = response.header("X-Portico-Consistency");
        assertThat(token).as("consistency token of %s", step).isNotNull();
        return token;
    }

    /** What the read API shows of the user once it has the step's events, and the instant just after. */
    private void observe(String userId, String consistency, Map<Instant, UserAt> observed) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + system.operatorToken(),
                "X-Portico-Consistency", consistency);
        String user = "/api/v1/users/" + userId;
        UserAt now = UserAt.fromReadApi(readJson(user, headers), readJson(user + "/identities", headers),
                readJson(user + "/sessions", headers), readJson(user + "/profile", headers),
                readJson(user + "/custom-data", headers), Instant.now());
        observed.put(Instant.now(), now);
    }

    private JsonNode readJson(String path, Map<String, String> headers) {
        Response response = query.getWithHeaders(path, headers);
        assertThat(response.status()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return response.json();
    }

    /**
     * After everything else: no secret and no e-mail address of the run ({@link RunSecrets}) is in clear in any
     * table (the event store among them), in anything either service logged, or on the lifecycle topic. The same
     * scan finds a user's id in the event store, the read model and on the topic, and the signing key's id in
     * the logs, so it does read each of them.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noSecretOrAddressOfTheRunIsInClearInTheDatabaseTheLogsOrTheTopic() throws Exception {
        NodeScenario.Run run = realmWeb();
        RealmWebUsers users = run.users();
        List<SecretScan.Secret> secrets = new ArrayList<>(RunSecrets.of(system, run));
        secrets.addAll(ownSecrets);
        Set<String> kinds = new HashSet<>();
        Set<String> values = new HashSet<>();
        secrets.forEach(secret -> {
            kinds.add(secret.kind());
            values.add(secret.value());
        });
        assertThat(kinds).as("kinds of values recorded from the realm-web tests").contains("password", "token",
                "API key", "access token", "refresh token", "bearer token", "ID token", "authorization code",
                "provider access token", "e-mail address");
        assertThat(values).as("secrets of the apps' configuration").contains(system.jwtSigningKey(),
                PorticoSystem.DEV_JWT_SIGNING_KEY, StandInProviders.GOOGLE_CLIENT_SECRET,
                StandInProviders.FACEBOOK_APP_SECRET, StandInProviders.FUNCTION_SIGNING_SECRET);
        List<LifecycleConsumer.Message> topic = lifecycleTopicOnceComplete();
        List<String> logs = CapturedLogs.events();

        SecretScan scan = new SecretScan(secrets);
        List<SecretScan.Finding> findings = new ArrayList<>(scan.inDatabase(system.database()));
        findings.addAll(scan.inLogs(logs));
        findings.addAll(scan.inTopic(LIFECYCLE_TOPIC, topic));

        assertThat(findings).as("%s secrets and addresses of the run, in clear, in the tables %s, %s log events and"
                + " %s records of %s", secrets.size(), SecretScan.tables(system.database()), logs.size(), topic.size(),
                LIFECYCLE_TOPIC).isEmpty();
        String userId = users.alive().get(0).id();
        SecretScan control = new SecretScan(List.of(new SecretScan.Secret("user id", userId)));
        assertThat(control.inDatabase(system.database())).as("the scan finds user %s in the tables", userId)
                .extracting(SecretScan.Finding::where)
                .anyMatch(where -> where.startsWith("public.domain_event_entry.aggregate_identifier"))
                .anyMatch(where -> where.startsWith("public.users."));
        assertThat(control.inTopic(LIFECYCLE_TOPIC, topic)).as("the scan finds user %s on the topic", userId).isNotEmpty();
        try (Stream<Path> files = Files.list(system.keysDir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                String keyId = json.readTree(file.toFile()).path("kid").asText();
                assertThat(new SecretScan(List.of(new SecretScan.Secret("signing key id", keyId))).inLogs(logs))
                        .as("the scan finds the signing key id %s in the logs", keyId).isNotEmpty();
            }
        }
    }

    /** Every record of the lifecycle topic, once it carries every user lifecycle event of the event store (all apps). */
    private List<LifecycleConsumer.Message> lifecycleTopicOnceComplete() {
        long expected = system.lifecycleEventsInStore();
        try (LifecycleConsumer consumer = new LifecycleConsumer(system.kafkaBootstrapServers(), LIFECYCLE_TOPIC)) {
            await("the lifecycle events of every user of the run").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat((long) consumer.poll().size()).isGreaterThanOrEqualTo(expected));
            await("the rest of " + LIFECYCLE_TOPIC).atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        consumer.poll();
                        return consumer.caughtUp();
                    });
            return consumer.poll();
        }
    }

    private void assertUserDocument(JsonNode document, RealmWebUsers.User user) {
        assertThat(fieldNames(document)).as("fields of %s", document)
                .containsExactly("id", "app_id", "type", "state", "identities", "created_at", "last_login_at");
        assertThat(document.path("id").asText()).as("id in %s", document).isEqualTo(user.id());
        assertThat(document.path("app_id").asText()).as("app_id in %s", document).isEqualTo(PorticoSystem.APP_ID);
        assertThat(document.path("type").asText()).as("type in %s", document).isEqualTo("normal");
        assertThat(document.path("state").asText()).as("state in %s", document).isEqualTo("active");
        JsonNode identities = document.path("identities");
        assertThat(identities.size()).as("identities in %s", document).isEqualTo(user.providers().size());
        for (int i = 0; i < identities.size(); i++) {
            JsonNode identity = identities.get(i);
            assertThat(fieldNames(identity)).as("identity fields in %s", document)
                    .containsExactly("provider_type", "provider_id", "id");
            assertThat(identity.path("provider_type").asText()).as("provider_type in %s", document)
                    .isEqualTo(user.providers().get(i));
            assertThat(identity.path("provider_id").asText()).as("provider_id in %s", document).matches("[0-9a-f]{24}");
            // The read API names identities by their opaque id: the provider's subject is personal data.
            assertThat(identity.path("id").asText()).as("identity id in %s", document).matches("[0-9a-f]{32}")
                    .isNotEqualTo(user.identity());
        }
        Instant created = instant(document, "created_at");
        assertThat(instant(document, "last_login_at")).as("last_login_at in %s", document).isAfterOrEqualTo(created);
    }

    private void assertLifecycle(LifecycleConsumer topic, RealmWebUsers users,
            Map<String, PorticoSystem.UserEvents> store) {
        List<LifecycleConsumer.Message> all = topic.poll();
        Set<String> eventIds = new HashSet<>();
        for (RealmWebUsers.User user : users.all()) {
            // The user coming and going; the messages between (identities linked, …) are the contract tests' matter.
            List<LifecycleConsumer.Message> events = topic.about(user.id()).stream()
                    .filter(message -> message.type().equals(CREATED) || message.type().equals(DELETED))
                    .toList();
            List<String> expected = user.ended() ? List.of(CREATED, DELETED) : List.of(CREATED);
            assertThat(events.stream().map(LifecycleConsumer.Message::type).toList())
                    .as("events of %s (all: %s)", user, all).containsExactlyElementsOf(expected);
            PorticoSystem.UserEvents stored = store.get(user.id());
            assertCloudEvent(events.get(0), user, CREATED, stored.registered().get(0));
            JsonNode created = events.get(0).cloudEvent().path("data");
            assertThat(fieldNames(created)).as("data of %s", events.get(0))
                    .containsExactly("user_id", "app_id", "type", "created_at");
            assertThat(created.path("user_id").asText()).as("user_id of %s", events.get(0)).isEqualTo(user.id());
            assertThat(created.path("app_id").asText()).as("app_id of %s", events.get(0)).isEqualTo(PorticoSystem.APP_ID);
            assertThat(created.path("type").asText()).as("type of %s", events.get(0)).isEqualTo("normal");
            instant(created, "created_at");
            if (user.ended()) {
                assertCloudEvent(events.get(1), user, DELETED, stored.deleted().get(0));
                JsonNode deleted = events.get(1).cloudEvent().path("data");
                assertThat(fieldNames(deleted)).as("data of %s", events.get(1))
                        .containsExactly("user_id", "app_id", "reason", "deleted_at");
                assertThat(deleted.path("user_id").asText()).as("user_id of %s", events.get(1)).isEqualTo(user.id());
                assertThat(deleted.path("app_id").asText()).as("app_id of %s", events.get(1)).isEqualTo(PorticoSystem.APP_ID);
                assertThat(deleted.path("reason").asText()).as("reason of %s", events.get(1)).isEqualTo(user.endReason());
                instant(deleted, "deleted_at");
            }
            for (LifecycleConsumer.Message event : events) {
                assertThat(eventIds.add(event.id())).as("event id %s is unique", event.id()).isTrue();
            }
        }
    }

    /** The CloudEvents envelope, exactly; its id is the domain event's id in the event store. */
    private void assertCloudEvent(LifecycleConsumer.Message event, RealmWebUsers.User user, String type, String storeId) {
        JsonNode ce = event.cloudEvent();
        assertThat(ce).as("record value is CloudEvents JSON: %s", event).isNotNull();
        assertThat(fieldNames(ce)).as("attributes of %s", event)
                .containsExactly("specversion", "id", "source", "type", "subject", "time", "datacontenttype", "data");
        assertThat(ce.path("specversion").asText()).as("specversion of %s", event).isEqualTo("1.0");
        assertThat(ce.path("id").asText()).as("id of %s vs the event store", event).isEqualTo(storeId);
        assertThat(ce.path("source").asText()).as("source of %s", event).isEqualTo(LIFECYCLE_SOURCE);
        assertThat(ce.path("type").asText()).as("type of %s", event).isEqualTo(type);
        assertThat(ce.path("subject").asText()).as("subject of %s", event).isEqualTo(user.id());
        assertThat(ce.path("datacontenttype").asText()).as("datacontenttype of %s", event).isEqualTo("application/json");
        assertThat(event.key()).as("record key of %s", event).isEqualTo(user.id());
        instant(ce, "time");
    }

    private static Instant instant(JsonNode node, String field) {
        String text = node.path(field).asText(null);
        assertThat(text).as("%s in %s", field, node).isNotNull();
        assertThatCode(() -> Instant.parse(text)).as("%s in %s is an ISO-8601 instant", field, node)
                .doesNotThrowAnyException();
        return Instant.parse(text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The read API's error format: an RFC 9457 problem document with a stable code. */
    private static void assertProblem(JsonNode problem, int status, String detail, String code) {
        assertThat(problem.path("status").asInt()).as("status in %s", problem).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail in %s", problem).isEqualTo(detail);
        assertThat(problem.path("code").asText()).as("code in %s", problem).isEqualTo(code);
    }
}
