package dev.portico.query.api;

import static dev.portico.query.support.UserHistory.anonymous;
import static dev.portico.query.support.UserHistory.newApp;
import static dev.portico.query.support.UserHistory.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.events.AppId;
import dev.portico.query.support.UserHistory.Identity;
import dev.portico.events.user.UserType;
import dev.portico.query.support.FreshDatabaseInitializer;
import dev.portico.query.support.QueryServiceTest;
import dev.portico.query.support.UserHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The read API over real HTTP, with the service token and without. */
@QueryServiceTest
class UserApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aUserIsServedWithItsIdentitiesAndTimes() throws Exception {
        UserHistory user = new UserHistory(newApp());
        Identity identity = anonymous();
        Instant registered = now();
        eventStore.publish(user.register(UserType.NORMAL, identity, registered));
        eventStore.publish(user.login(identity, registered.plusSeconds(10)));

        HttpResponse<String> response = await().atMost(Duration.ofSeconds(15))
                .until(() -> get("/api/v1/users/" + user.userId(), FreshDatabaseInitializer.SERVICE_TOKEN),
                        r -> r.statusCode() == 200 && body(r).hasNonNull("last_login_at"));

        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = body(response);
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

        HttpResponse<String> response = await().atMost(Duration.ofSeconds(15))
                .until(() -> get("/api/v1/users/" + user.userId(), FreshDatabaseInitializer.SERVICE_TOKEN),
                        r -> r.statusCode() == 200);

        assertThat(body(response).has("last_login_at")).isTrue();
        assertThat(body(response).get("last_login_at").isNull()).isTrue();
    }

    @Test
    void anUnknownUserIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/v1/users/" + new UserHistory(newApp()).userId(),
                FreshDatabaseInitializer.SERVICE_TOKEN);

        assertError(response, 404, "UserNotFound");
    }

    @Test
    void aMalformedUserIdIsAnInvalidParameter() throws Exception {
        assertError(get("/api/v1/users/not-an-id", FreshDatabaseInitializer.SERVICE_TOKEN), 400, "InvalidParameter");
        assertError(get("/api/v1/users/ABCDEF0123456789ABCDEF01", FreshDatabaseInitializer.SERVICE_TOKEN), 400,
                "InvalidParameter");
    }

    @Test
    void theListingPagesAndCountsTheUsersOfAnApp() throws Exception {
        AppId app = newApp();
        Instant first = now();
        UserHistory older = new UserHistory(app);
        UserHistory newer = new UserHistory(app);
        eventStore.publish(newer.register(first.plusSeconds(1)));
        eventStore.publish(older.register(first));
        eventStore.publish(new UserHistory(newApp()).register(first));

        String path = "/api/v1/users?app_id=" + app.value() + "&page=0&size=1";
        HttpResponse<String> firstPage = await().atMost(Duration.ofSeconds(15))
                .until(() -> get(path, FreshDatabaseInitializer.SERVICE_TOKEN),
                        r -> r.statusCode() == 200 && body(r).get("total").asLong() == 2);

        JsonNode body = body(firstPage);
        assertThat(body.get("page").asInt()).isZero();
        assertThat(body.get("size").asInt()).isEqualTo(1);
        assertThat(body.get("users")).hasSize(1);
        assertThat(body.get("users").get(0).get("id").asText()).isEqualTo(older.userId().value());
        JsonNode second = body(get("/api/v1/users?app_id=" + app.value() + "&page=1&size=1",
                FreshDatabaseInitializer.SERVICE_TOKEN));
        assertThat(second.get("users").get(0).get("id").asText()).isEqualTo(newer.userId().value());
    }

    @Test
    void theListingDefaultsToFiftyAndCapsTheSizeAtTwoHundred() throws Exception {
        JsonNode defaults = body(get("/api/v1/users?app_id=" + newApp().value(), FreshDatabaseInitializer.SERVICE_TOKEN));
        assertThat(defaults.get("size").asInt()).isEqualTo(50);
        assertThat(defaults.get("page").asInt()).isZero();
        assertThat(defaults.get("users")).isEmpty();
        assertThat(defaults.get("total").asLong()).isZero();

        JsonNode capped = body(get("/api/v1/users?size=1000", FreshDatabaseInitializer.SERVICE_TOKEN));
        assertThat(capped.get("size").asInt()).isEqualTo(200);
    }

    @Test
    void badPagingParametersAreInvalidParameters() throws Exception {
        for (String query : new String[] {"page=-1", "page=x", "size=0", "size=-5", "size=1.5", "app_id="}) {
            assertError(get("/api/v1/users?" + query, FreshDatabaseInitializer.SERVICE_TOKEN), 400, "InvalidParameter");
        }
    }

    @Test
    void withoutABearerTokenTheApiRefuses() throws Exception {
        assertError(get("/api/v1/users", null), 401, "MissingAuthReq");
        assertError(send(request("/api/v1/users").header("Authorization", "Basic dXNlcjpwYXNz")), 401,
                "MissingAuthReq");
        assertError(send(request("/api/v1/users/" + new UserHistory(newApp()).userId())
                .header("Authorization", "Bearer ")), 401, "MissingAuthReq");
    }

    @Test
    void aWrongTokenIsRefused() throws Exception {
        HttpResponse<String> response = get("/api/v1/users", FreshDatabaseInitializer.SERVICE_TOKEN + "x");

        assertError(response, 401, "InvalidSession");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    @Test
    void unknownEndpointsAndMethodsAnswerWithTheEnvelope() throws Exception {
        assertError(get("/api/v1/nothing-here", FreshDatabaseInitializer.SERVICE_TOKEN), 404, "NotFound");
        assertError(send(request("/api/v1/users").header("Authorization",
                "Bearer " + FreshDatabaseInitializer.SERVICE_TOKEN).DELETE()), 405, "MethodNotAllowed");
    }

    @Test
    void aClientThatDoesNotAcceptJsonGetsNotAcceptable() throws Exception {
        HttpResponse<String> response = send(request("/api/v1/users").header("Accept", "text/html")
                .header("Authorization", "Bearer " + FreshDatabaseInitializer.SERVICE_TOKEN));

        assertThat(response.statusCode()).isEqualTo(406);
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).get("status").asText()).isEqualTo("UP");
    }

    private void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = body(response);
        assertThat(body.get("error_code").asText()).isEqualTo(code);
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.size()).isEqualTo(2);
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode body(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
