package dev.portico.command.api;

import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.Answers.json;
import static dev.portico.command.support.ServiceApi.SERVICE_TOKEN;
import static dev.portico.command.support.ServiceApi.userData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.ServiceApi;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Internal services write a user's custom data through the service API; the user reads it in the
 * {@code user_data} claim of every access token, from the login on and after each refresh.
 */
@CommandServiceTest
class CustomDataServiceApiTest {
    static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/custom-function/login";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    static String path(String app, String userId) {
        return ServiceApi.customDataPath(app, userId);
    }

    Response send(String method, String path, String token, String body) {
        return ServiceApi.send(api, method, path, token, body);
    }

    Response login(String subject) {
        Response login = api.post(LOGIN, null, "{\"subject\":\"" + subject + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login;
    }

    @Nested
    class Writing {
        @Test
        void aServiceCreatesReadsPatchesAndDeletesADocument() {
            String user = api.anonymousLogin("test-app").text("user_id");
            String path = path("test-app", user);

            Response created = send("PUT", path, SERVICE_TOKEN, "{\"plan\":\"gold\",\"prefs\":{\"theme\":\"dark\"},"
                    + "\"seats\":{\"$numberInt\":\"3\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(200);
            assertThat(created.json()).isEqualTo(json("{\"plan\":\"gold\",\"prefs\":{\"theme\":\"dark\"},\"seats\":3}"));
            assertThat(send("GET", path, SERVICE_TOKEN, null).json()).isEqualTo(created.json());

            Response patched = send("PATCH", path, SERVICE_TOKEN, "{\"prefs\":{\"theme\":null,\"lang\":\"de\"},\"plan\":null}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            assertThat(patched.json()).isEqualTo(json("{\"prefs\":{\"lang\":\"de\"},\"seats\":3}"));

            assertThat(send("DELETE", path, SERVICE_TOKEN, null).status()).isEqualTo(204);
            assertError(send("GET", path, SERVICE_TOKEN, null), 404, "NotFound", "the user has no custom data");
            assertThat(send("DELETE", path, SERVICE_TOKEN, null).status()).isEqualTo(204);

            assertThat(events.typesOf(user)).containsSubsequence("CustomDataChanged", "CustomDataChanged",
                    "CustomDataChanged");
            assertThat(String.join("\n", events.storedTextOf(user))).doesNotContain("gold", "theme", "lang");
            assertThat(jdbc.sql("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%CustomDataChanged' AND aggregate_identifier = ?")
                    .param(user).query(String.class).list()).hasSize(3)
                    .allSatisfy(metadata -> assertThat(metadata).contains("\"actor\":\"service:profile-service\""));
        }

        @Test
        void patchesArrivingAtOnceAreAllApplied() throws Exception {
            String user = api.anonymousLogin("test-app").text("user_id");
            String path = path("test-app", user);
            int patches = 24;

            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                var answers = pool.invokeAll(java.util.stream.IntStream.range(0, patches)
                        .mapToObj(n -> (java.util.concurrent.Callable<Integer>) () ->
                                send("PATCH", path, SERVICE_TOKEN, "{\"field" + n + "\":" + n + "}").status())
                        .toList());
                for (var answer : answers) {
                    assertThat(answer.get()).isEqualTo(200);
                }
            } finally {
                pool.shutdownNow();
            }

            JsonNode document = send("GET", path, SERVICE_TOKEN, null).json();
            assertThat(document.size()).isEqualTo(patches);
            for (int n = 0; n < patches; n++) {
                assertThat(document.get("field" + n).asInt()).isEqualTo(n);
            }
            assertThat(events.typesOf(user).stream().filter("CustomDataChanged"::equals)).hasSize(patches);
        }

        @Test
        void aDocumentLargerThanTheLimitIsRefusedAndNotStored() {
            String user = api.anonymousLogin("test-app").text("user_id");
            String big = "{\"text\":\"" + "x".repeat(17_000) + "\"}";

            Response refused = send("PUT", path("test-app", user), SERVICE_TOKEN, big);

            assertThat(refused.status()).as(refused.body()).isEqualTo(413);
            assertThat(refused.json().get("error_code").asText()).isEqualTo("BadRequest");
            assertThat(refused.json().get("error").asText()).contains("more than the 16384 allowed");
            assertThat(events.typesOf(user)).doesNotContain("CustomDataChanged");
        }

        @Test
        void aPatchThatWouldGrowTheDocumentBeyondTheLimitIsRefused() {
            String user = api.anonymousLogin("test-app").text("user_id");
            String path = path("test-app", user);
            send("PUT", path, SERVICE_TOKEN, "{\"a\":\"" + "x".repeat(10_000) + "\"}");

            assertThat(send("PATCH", path, SERVICE_TOKEN, "{\"b\":\"" + "y".repeat(10_000) + "\"}").status())
                    .isEqualTo(413);
            assertThat(send("GET", path, SERVICE_TOKEN, null).json().has("b")).isFalse();
        }

        @Test
        void malformedDocumentsAreRefused() {
            String path = path("test-app", api.anonymousLogin("test-app").text("user_id"));

            assertError(send("PUT", path, SERVICE_TOKEN, "[1, 2]"), 400, "BadRequest",
                    "invalid request body: expected a JSON object");
            assertError(send("PUT", path, SERVICE_TOKEN, "{\"a\":"), 400, "BadRequest",
                    "invalid request body: expected a JSON object");
            assertThat(send("PUT", path, SERVICE_TOKEN, "{\"a\":{\"$where\":\"1\"}}").status()).isEqualTo(400);
            Map<String, String> textPlain = Map.of("Authorization", "Bearer " + SERVICE_TOKEN, "Content-Type", "text/plain");
            assertThat(api.send("PUT", path, textPlain, "{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);
        }

        @Test
        void anUnknownDeletedOrOtherAppsUserIsNotFound() {
            String deleted = login(UUID.randomUUID().toString()).text("access_token");
            String deletedId = api.get("/api/client/v2.0/auth/profile", deleted).text("user_id");
            assertThat(api.delete("/api/client/v2.0/auth/delete", deleted).status()).isEqualTo(204);
            String otherApps = api.anonymousLogin("other-app").text("user_id");

            for (String path : new String[] {path("test-app", "65aa0000000000000000ffff"), path("test-app", deletedId),
                    path("test-app", otherApps), path("test-app", "not-an-id")}) {
                assertError(send("PUT", path, SERVICE_TOKEN, "{\"a\":1}"), 404, "UserNotFound", "user not found");
                assertError(send("PATCH", path, SERVICE_TOKEN, "{\"a\":1}"), 404, "UserNotFound", "user not found");
                assertError(send("DELETE", path, SERVICE_TOKEN, null), 404, "UserNotFound", "user not found");
                assertError(send("GET", path, SERVICE_TOKEN, null), 404, "UserNotFound", "user not found");
            }
            assertError(send("GET", path("no-such-app", otherApps), SERVICE_TOKEN, null), 404, "AppNotFound",
                    "cannot find app using Client App ID 'no-such-app'");
        }
    }

    @Nested
    class Refusing {
        @Test
        void requestsWithoutAServiceTokenChangeNothing() {
            Response login = api.anonymousLogin("test-app");
            String path = path("test-app", login.text("user_id"));

            for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
                String body = method.startsWith("P") ? "{\"a\":1}" : null;
                assertError(send(method, path, null, body), 401, "MissingAuthReq", "must authenticate first");
                assertError(send(method, path, "wrong-token-of-a-service-0123456789abcdef", body), 401, "AuthError",
                        "invalid service token");
                assertError(send(method, path, login.text("access_token"), body), 401, "AuthError",
                        "invalid service token");
                assertError(send(method, path, login.text("refresh_token"), body), 401, "AuthError",
                        "invalid service token");
            }
            assertThat(events.typesOf(login.text("user_id"))).doesNotContain("CustomDataChanged");
        }
    }

    @Nested
    class InTheAccessToken {
        @Test
        void theLoginAndEveryRefreshCarryTheDocumentAsItIsNow() {
            String subject = UUID.randomUUID().toString();
            Response first = login(subject);
            assertThat(userData(first.text("access_token"))).isNull();
            String path = path("test-app", first.text("user_id"));

            send("PUT", path, SERVICE_TOKEN, "{\"plan\":\"gold\",\"_id\":{\"$oid\":\"65aa00000000000000000042\"},"
                    + "\"since\":{\"$date\":{\"$numberLong\":\"0\"}},\"n\":{\"$numberLong\":\"7\"},\"r\":{\"$numberDouble\":\"1.5\"}}");

            String refreshed = api.post("/api/client/v2.0/auth/session", first.text("refresh_token"), null)
                    .text("access_token");
            assertThat(userData(refreshed)).isEqualTo(json("{\"plan\":\"gold\",\"_id\":\"65aa00000000000000000042\","
                    + "\"since\":\"1970-01-01T00:00:00Z\",\"n\":7,\"r\":1.5}"));
            assertThat(userData(login(subject).text("access_token"))).isEqualTo(userData(refreshed));

            send("PATCH", path, SERVICE_TOKEN, "{\"plan\":\"free\"}");
            assertThat(userData(api.post("/api/client/v2.0/auth/session", first.text("refresh_token"), null)
                    .text("access_token")).get("plan").asText()).isEqualTo("free");

            send("DELETE", path, SERVICE_TOKEN, null);
            assertThat(userData(api.post("/api/client/v2.0/auth/session", first.text("refresh_token"), null)
                    .text("access_token"))).isNull();
        }
    }

    @Nested
    class Erasure {
        @Test
        void afterTheUserIsDeletedNothingOfTheDocumentCanBeRead() {
            Response login = login(UUID.randomUUID().toString());
            String user = login.text("user_id");
            send("PUT", path("test-app", user), SERVICE_TOKEN, "{\"secret\":\"the user's diary\"}");
            assertThat(jdbc.sql("SELECT count(*) FROM custom_data WHERE user_id = ?").param(user).query(Long.class)
                    .single()).isEqualTo(1);

            assertThat(api.delete("/api/client/v2.0/auth/delete", login.text("access_token")).status()).isEqualTo(204);

            assertThat(jdbc.sql("SELECT count(*) FROM custom_data WHERE user_id = ?").param(user).query(Long.class)
                    .single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM personal_data_keys WHERE user_id = ?").param(user)
                    .query(Long.class).single()).isZero();
            assertThat(String.join("\n", events.storedTextOf(user))).doesNotContain("diary");
            assertError(send("GET", path("test-app", user), SERVICE_TOKEN, null), 404, "UserNotFound", "user not found");
        }
    }
}
