package dev.portico.query.api;

import static dev.portico.query.support.ServiceSettingsInitializer.SERVICE_TOKEN;
import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.events.AppId;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.events.user.UserType;
import dev.portico.query.support.ProblemAssertions;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** One user over real HTTP, with the service token and without; the refusals every endpoint shares. */
@QueryServiceTest
class UserApiTest {
    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    private ClientApi api;

    @BeforeEach
    void setUp() {
        api = new ClientApi(port);
    }

    @Test
    void aUserIsServedWithItsIdentitiesAndTimes() throws Exception {
        UserHistory user = new UserHistory(newApp());
        Identity identity = anonymous();
        Instant registered = now();
        eventStore.publish(user.register(UserType.NORMAL, identity, registered));
        eventStore.publish(user.login(identity, registered.plusSeconds(10)));

        Response response = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/users/" + user.userId(), SERVICE_TOKEN),
                        r -> r.status() == 200 && r.json().hasNonNull("last_login_at"));

        assertThat(response.contentType()).contains("application/json");
        JsonNode body = response.json();
        assertThat(body.get("id").asText()).isEqualTo(user.userId().value());
        assertThat(body.get("app_id").asText()).isEqualTo(user.appId().value());
        assertThat(body.get("type").asText()).isEqualTo("normal");
        assertThat(body.get("state").asText()).isEqualTo("active");
        assertThat(body.get("created_at").asText()).isEqualTo(registered.toString());
        assertThat(body.get("last_login_at").asText()).isEqualTo(registered.plusSeconds(10).toString());
        assertThat(body.get("identities")).hasSize(1);
        JsonNode onlyIdentity = body.get("identities").get(0);
        assertThat(onlyIdentity.get("provider_type").asText()).isEqualTo("anon-user");
        assertThat(onlyIdentity.get("provider_id").asText()).isEqualTo("anon-user");
        assertThat(onlyIdentity.get("id").asText()).isEqualTo(identity.id().value());
        assertThat(body.toString()).doesNotContain("c2VhbGVk");
    }

    @Test
    void aNewUserHasNoLastLoginYet() throws Exception {
        UserHistory user = new UserHistory(newApp());
        eventStore.publish(user.register(now()));

        Response response = await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/users/" + user.userId(), SERVICE_TOKEN), r -> r.status() == 200);

        assertThat(response.json().has("last_login_at")).isTrue();
        assertThat(response.json().get("last_login_at").isNull()).isTrue();
    }

    @Test
    void anUnknownUserIsNotFound() throws Exception {
        Response response = api.get("/api/v1/users/" + new UserHistory(newApp()).userId(), SERVICE_TOKEN);

        assertError(response, 404, "UserNotFound");
    }

    @Test
    void aNulByteInAParameterIsAnInvalidParameter() throws Exception {
        Response response = api.get("/api/v1/users?app_id=a%00b", SERVICE_TOKEN);

        assertError(response, 400, "InvalidParameter");
        assertThat(response.text("detail")).isEqualTo("app_id must be at most 255 characters, without control characters");
    }

    @Test
    void theErrorPathIsNoEndpoint() throws Exception {
        assertError(api.get("/error", null), 404, "NotFound");
    }

    @Test
    void aMalformedUserIdIsAnInvalidParameter() throws Exception {
        assertError(api.get("/api/v1/users/not-an-id", SERVICE_TOKEN), 400, "InvalidParameter");
        assertError(api.get("/api/v1/users/ABCDEF0123456789ABCDEF01", SERVICE_TOKEN), 400,
                "InvalidParameter");
    }

    @Test
    void withoutABearerTokenTheApiRefuses() throws Exception {
        assertError(api.get("/api/v1/users", null), 401, "MissingAuthReq");
        assertError(api.getWithHeaders("/api/v1/users", Map.of("Authorization", "Basic dXNlcjpwYXNz")), 401,
                "MissingAuthReq");
        assertError(api.get("/api/v1/users/" + new UserHistory(newApp()).userId(), ""), 401, "MissingAuthReq");
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        Response response = api.get("/api/v1/users", SERVICE_TOKEN + "x");

        assertError(response, 401, "InvalidSession");
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void unknownEndpointsAndMethodsAnswerWithTheEnvelope() throws Exception {
        assertError(api.get("/api/v1/nothing-here", SERVICE_TOKEN), 404, "NotFound");
        assertError(api.delete("/api/v1/users", SERVICE_TOKEN), 405, "MethodNotAllowed");
        assertError(api.get("/api/v1/nothing-here", null), 401, "MissingAuthReq");
    }

    @Test
    void aClientThatDoesNotAcceptJsonGetsNotAcceptable() throws Exception {
        Response response = api.getWithHeaders("/api/v1/users",
                Map.of("Accept", "text/html", "Authorization", "Bearer " + SERVICE_TOKEN));

        assertThat(response.status()).isEqualTo(406);
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        Response response = api.get("/actuator/health", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
    }

    private void assertError(Response response, int status, String code) {
        ProblemAssertions.assertProblem(response, status, code);
    }
}
