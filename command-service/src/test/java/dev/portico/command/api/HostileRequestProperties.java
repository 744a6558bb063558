package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.CommandServiceApplication;
import dev.portico.stack.PostgresServer;
import dev.portico.stack.TestBackends;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.HostileRequests;
import dev.portico.testsupport.StoredEvents;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Malformed and oversized requests to every endpoint of the client API and the service API, generated: each is answered 4xx in
 * the protocol's envelope, nothing reaches the event store, and the service keeps answering. The budget is
 * bounded (tries per property) so that it runs in every build.
 */
class HostileRequestProperties {
    private static final String APP = "/api/client/v2.0/app/fuzz-app";
    private static final String[] PROVIDERS = {"anon-user", "local-userpass", "api-key", "custom-token",
            "custom-function", "oauth2-google", "oauth2-apple", "oauth2-facebook", "no-such-provider"};

    private static final String SERVICE_TOKEN = "fuzz-service-token-0123456789abcdefghijklmnop";
    private static final String OPERATOR_TOKEN = "fuzz-operator-token-0123456789abcdefghijklmn";
    private static final String PENDING_USERS = "/api/admin/v1/apps/fuzz-app/pending-users";

    private static ConfigurableApplicationContext service;
    private static ClientApi api;
    private static StoredEvents events;
    private static Response user;

    @BeforeContainer
    static void start() throws Exception {
        PostgresServer database = TestBackends.freshDatabase("fuzz");
        service = CommandServiceApplication.application().run(
                "--server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--portico.tokens.keys-dir=" + Files.createTempDirectory("portico-keys"),
                "--portico.rate-limits.per-address=0",
                "--portico.apps[0].client-app-id=fuzz-app",
                "--portico.apps[0].providers[0]=anon-user",
                "--portico.apps[0].providers[1]=local-userpass",
                "--portico.apps[0].providers[2]=api-key",
                "--portico.apps[0].provider-config.local-userpass.autoConfirm=true",
                "--portico.services[0].name=fuzz-service",
                "--portico.services[0].token=" + SERVICE_TOKEN,
                "--portico.operators[0].name=fuzz-operator",
                "--portico.operators[0].token=" + OPERATOR_TOKEN,
                "--spring.main.banner-mode=off");
        api = new ClientApi(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
        events = new StoredEvents(service.getBean(JdbcClient.class));
        user = api.anonymousLogin("fuzz-app");
    }

    @AfterContainer
    static void stop() {
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(200);
        service.close();
    }

    @Property(tries = 400)
    void aMalformedLoginIsRefusedInTheEnvelope(@ForAll("providers") String provider, @ForAll("operations") String operation,
            @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType, @ForAll boolean link) {
        long before = events.count();

        Response response = api.postRaw(APP + "/auth/providers/" + provider + "/" + (link ? "login?link=true" : operation),
                contentType.isEmpty() ? null : contentType, body, Map.of());

        assertRefusedInTheEnvelope(response);
        assertThat(events.count()).isEqualTo(before);
    }

    @Property(tries = 150)
    void aBogusTokenIsRefusedEverywhereItIsNeeded(@ForAll("authenticated") String endpoint,
            @ForAll("authorizations") String authorization, @ForAll("bodies") byte[] body) {
        long before = events.count();
        String[] methodAndPath = endpoint.split(" ", 2);

        Response response = api.send(methodAndPath[0], methodAndPath[1], Map.of("Authorization", authorization,
                "Content-Type", "application/json"), body);

        assertRefusedInTheEnvelope(response);
        assertThat(events.count()).isEqualTo(before);
    }

    /** With valid credentials, so that the body itself is judged: custom data and function calls. */
    @Property(tries = 150)
    void aMalformedBodyIsRefusedFromAnAuthenticatedCaller(@ForAll("withBodies") String endpoint,
            @ForAll("bodies") byte[] body, @ForAll("contentTypes") String contentType) {
        long before = events.count();
        String[] methodAndPath = endpoint.split(" ", 2);
        boolean asService = methodAndPath[1].startsWith("/api/service/");
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Authorization", "Bearer " + (asService ? SERVICE_TOKEN : user.text("access_token")));
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }

        Response response = api.send(methodAndPath[0], methodAndPath[1], headers, body);

        assertRefusedInTheEnvelope(response);
        assertThat(events.count()).isEqualTo(before);
    }

    @Provide
    Arbitrary<String> withBodies() {
        String customData = "/api/service/v1/apps/fuzz-app/users/" + user.text("user_id") + "/custom-data";
        return Arbitraries.of("PUT " + customData, "PATCH " + customData, "POST " + APP + "/functions/call");
    }

    @Property(tries = 100)
    void unknownPathsAndAppsAreNotFoundInTheEnvelope(@ForAll("garbage") String segment, @ForAll boolean asApp) {
        String encoded = URLEncoder.encode(segment, StandardCharsets.UTF_8);
        Response response = api.get(asApp ? "/api/client/v2.0/app/" + encoded + "/location" : "/" + encoded, null);

        assertRefusedInTheEnvelope(response);
    }

    /** Any address filter is only hashed: it finds nothing here, and nothing fails. */
    @Property(tries = 100)
    void anyAddressFilterOfThePendingUsersFindsNothing(@ForAll("addresses") String email) {
        Response response = api.get(PENDING_USERS + "?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                OPERATOR_TOKEN);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("items")).isEmpty();
    }

    @Property(tries = 100)
    void aCursorThatNoPageGaveIsRefusedInTheEnvelope(@ForAll("garbage") String cursor) {
        Response response = api.get(PENDING_USERS + "?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                OPERATOR_TOKEN);

        assertRefusedInTheEnvelope(response);
        assertThat(response.text("error_code")).isEqualTo("InvalidParameter");
    }

    @Provide
    Arbitrary<String> providers() {
        return Arbitraries.of(PROVIDERS);
    }

    /** The login, and what email/password offers besides it. */
    @Provide
    Arbitrary<String> operations() {
        return Arbitraries.of("login", "register", "confirm", "confirm/send", "confirm/call", "reset/send", "reset",
                "reset/call");
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return HostileRequests.malformedBodies();
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return HostileRequests.contentTypes();
    }

    @Provide
    Arbitrary<String> authorizations() {
        return HostileRequests.bogusAuthorizations();
    }

    @Provide
    Arbitrary<String> authenticated() {
        return Arbitraries.of("GET /api/client/v2.0/auth/profile", "POST /api/client/v2.0/auth/session",
                "GET /api/client/v2.0/auth/api_keys", "POST /api/client/v2.0/auth/api_keys",
                "PUT /api/client/v2.0/auth/api_keys/65f000000000000000000001/enable",
                "DELETE /api/client/v2.0/auth/api_keys/65f000000000000000000001",
                "POST /api/admin/v1/apps/fuzz-app/api_keys", "GET /api/admin/v1/apps/fuzz-app/api_keys",
                "PUT /api/admin/v1/apps/fuzz-app/api_keys/65f000000000000000000001/disable",
                "DELETE /api/admin/v1/apps/fuzz-app/api_keys/65f000000000000000000001",
                "POST /api/admin/v1/apps/fuzz-app/users/65f000000000000000000001/disable",
                "POST /api/admin/v1/apps/fuzz-app/users/65f000000000000000000001/enable",
                "DELETE /api/admin/v1/apps/fuzz-app/users/65f000000000000000000001/sessions",
                "DELETE /api/admin/v1/apps/fuzz-app/users/65f000000000000000000001",
                "GET /api/admin/v1/apps/fuzz-app/pending-users?email=a%40b.test&limit=2",
                "POST /api/admin/v1/apps/fuzz-app/pending-users/65f000000000000000000001/confirm",
                "POST /api/admin/v1/apps/fuzz-app/pending-users/65f000000000000000000001/resend",
                "DELETE /api/admin/v1/apps/fuzz-app/pending-users/65f000000000000000000001",
                "GET /api/admin/v1/apps", "GET /api/admin/v1/logins?app_id=fuzz-app",
                "POST " + APP + "/functions/call",
                "GET /api/service/v1/apps/fuzz-app/users/65f000000000000000000001/custom-data",
                "PUT /api/service/v1/apps/fuzz-app/users/65f000000000000000000001/custom-data",
                "PATCH /api/service/v1/apps/fuzz-app/users/65f000000000000000000001/custom-data",
                "DELETE /api/service/v1/apps/fuzz-app/users/65f000000000000000000001/custom-data",
                "DELETE /api/client/v2.0/auth/session", "DELETE /api/client/v2.0/auth/delete",
                "POST " + APP + "/auth/providers/anon-user/login?link=true");
    }

    /** Anything, within the filter's bound of 254 characters. */
    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(120);
    }

    @Provide
    Arbitrary<String> garbage() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(200);
    }

    private static void assertRefusedInTheEnvelope(Response response) {
        assertThat(response.status()).as(response.raw().uri() + " " + response.body()).isBetween(400, 499);
        assertThat(response.contentType()).contains("application/json");
        JsonNode body = response.json();
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(body.path("error_code").asText()).isNotBlank();
    }
}
