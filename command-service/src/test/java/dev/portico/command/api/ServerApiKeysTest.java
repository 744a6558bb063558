package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.api.ApiKeysTest.login;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.NO_KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Server API keys, made through the operator path, log in as users of type server. */
@CommandServiceTest
@WithKeysAndTokens
class ServerApiKeysTest {
    static final String SERVER_KEYS = "/api/admin/v1/apps/" + KEYS_APP + "/api_keys";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    ClientApi api;
    StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    @Test
    void anOperatorMakesAServerKeyThatLogsInAsAServerUser() {
        Response created = api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"backend\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode key = created.json();
        assertThat(key.get("_id").asText()).matches("[0-9a-f]{24}");
        assertThat(key.get("key").asText()).matches("[A-Za-z0-9]{64}");
        assertThat(key.get("name").asText()).isEqualTo("backend");
        assertThat(key.get("disabled").asBoolean()).isFalse();
        String userId = key.get("user_id").asText();

        Response login = api.post(login(KEYS_APP, "api-key"), null, "{\"key\":\"" + key.get("key").asText() + "\"}");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("user_id")).isEqualTo(userId);
        JsonNode profile = api.get("/api/client/v2.0/auth/profile", login.text("access_token")).json();
        assertThat(profile.get("type").asText()).isEqualTo("server");
        assertThat(profile.get("identities")).hasSize(1);
        assertThat(profile.get("identities").get(0).get("provider_type").asText()).isEqualTo("api-key");
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(key.get("_id").asText());
        assertThat(events.typesOf(userId)).containsExactly("UserRegistered", "ApiKeyCreated", "IdentityLinked",
                "SessionIssued");
        assertThat(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE payload_type LIKE '%ApiKeyCreated'"
                        + " AND aggregate_identifier = ?").param(userId).query(byte[].class).single())
                .asString().contains("\"actor\":\"operator:ops-team\"");
    }

    @Test
    void aServerUserLoggingOutStays() {
        String secret = api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"worker\"}").text("key");
        Response login = api.post(login(KEYS_APP, "api-key"), null, "{\"key\":\"" + secret + "\"}");

        assertThat(api.delete("/api/client/v2.0/auth/session", login.text("refresh_token")).status()).isEqualTo(204);

        assertThat(api.post(login(KEYS_APP, "api-key"), null, "{\"key\":\"" + secret + "\"}").text("user_id"))
                .isEqualTo(login.text("user_id"));
    }

    @Test
    void onlyAnOperatorTokenIsAccepted() {
        Response user = api.post(login(KEYS_APP, "custom-function"), null, "{\"subject\":\"" + UUID.randomUUID() + "\"}");
        long before = events.count();

        assertError(api.post(SERVER_KEYS, null, "{\"name\":\"x\"}"), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.post(SERVER_KEYS, user.text("access_token"), "{\"name\":\"x\"}"), 401, "AuthError",
                "invalid operator token");
        assertError(api.post(SERVER_KEYS, user.text("refresh_token"), "{\"name\":\"x\"}"), 401, "AuthError",
                "invalid operator token");
        assertError(api.post(SERVER_KEYS, OPERATOR_TOKEN + "x", "{\"name\":\"x\"}"), 401, "AuthError",
                "invalid operator token");
        assertError(api.post(SERVER_KEYS, "sha256:72e016c35940b30d84d08ac2cc362ba94074d5e970193a7487b8da12375cd7b0",
                "{\"name\":\"x\"}"), 401, "AuthError", "invalid operator token");

        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void theAppMustExistAndTakeKeysAndTheNameMustBeGood() {
        long before = events.count();

        assertError(api.post("/api/admin/v1/apps/no-such-app/api_keys", OPERATOR_TOKEN, "{\"name\":\"x\"}"), 404,
                "AppNotFound", "cannot find app using Client App ID 'no-such-app'");
        assertError(api.post("/api/admin/v1/apps/" + NO_KEYS_APP + "/api_keys", OPERATOR_TOKEN, "{\"name\":\"x\"}"), 404,
                "AuthProviderNotFound", "authentication provider not found: 'api-key'");
        assertError(api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"no spaces\"}"), 400, "InvalidParameter",
                "API key name can only contain ASCII letters, numbers, underscores, and hyphens");

        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void operatorsListServerKeysAPageAtATimeInCreationOrder() {
        String app = "/api/admin/v1/apps/" + KEYS_APP + "/api_keys";
        java.util.List<String> made = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"list-" + i + "\"}").text("_id"));
        }
        // A user's own key is not a server key.
        String userKey = ownKey();

        java.util.List<String> listed = new java.util.ArrayList<>();
        String after = null;
        do {
            Response page = api.get(app + "?limit=2" + (after == null ? "" : "&after=" + after), OPERATOR_TOKEN);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.json().get("items").size()).isLessThanOrEqualTo(2);
            page.json().get("items").forEach(item -> {
                listed.add(item.get("_id").asText());
                assertThat(item.has("key")).isFalse();
                assertThat(item.get("user_id").asText()).matches("[0-9a-f]{24}");
            });
            after = page.json().get("next").isNull() ? null : page.json().get("next").asText();
        } while (after != null);

        assertThat(listed).containsSubsequence(made).doesNotContain(userKey).doesNotHaveDuplicates();
        JsonNode first = api.get(app + "?limit=100", OPERATOR_TOKEN).json().get("items");
        JsonNode mine = java.util.stream.StreamSupport.stream(first.spliterator(), false)
                .filter(item -> item.get("_id").asText().equals(made.get(0))).findFirst().orElseThrow();
        assertThat(mine.get("name").asText()).isEqualTo("list-0");
        assertThat(mine.get("disabled").asBoolean()).isFalse();
    }

    @Test
    void operatorsDisableEnableAndDeleteServerKeys() {
        JsonNode key = api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"toggled\"}").json();
        String path = SERVER_KEYS + "/" + key.get("_id").asText();
        String credentials = "{\"key\":\"" + key.get("key").asText() + "\"}";

        assertThat(api.put(path + "/disable", OPERATOR_TOKEN).status()).isEqualTo(204);
        assertError(api.post(login(KEYS_APP, "api-key"), null, credentials), 401, "AuthError", "invalid API key");
        assertThat(api.put(path + "/enable", OPERATOR_TOKEN).status()).isEqualTo(204);
        assertThat(api.post(login(KEYS_APP, "api-key"), null, credentials).status()).isEqualTo(200);
        assertThat(api.delete(path, OPERATOR_TOKEN).status()).isEqualTo(204);
        assertError(api.post(login(KEYS_APP, "api-key"), null, credentials), 401, "AuthError", "invalid API key");

        String owner = key.get("user_id").asText();
        assertThat(events.typesOf(owner)).contains("ApiKeyDisabled", "ApiKeyEnabled", "ApiKeyDeleted");
        assertThat(jdbc.sql("SELECT convert_from(meta_data, 'UTF8')::jsonb ->> 'actor' FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND payload_type SIMILAR TO '%.ApiKey(Disabled|Enabled|Deleted)'")
                .param(owner).query(String.class).list()).containsExactly("operator:ops-team", "operator:ops-team",
                "operator:ops-team");
        assertError(api.delete(path, OPERATOR_TOKEN), 404, "APIKeyNotFound", "API key not found");
    }

    @Test
    void theServerKeyOperationsRefuseWhatTheyCannotUse() {
        String keyId = api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"guarded\"}").text("_id");
        String userKey = ownKey();
        Response user = api.post(login(KEYS_APP, "custom-function"), null, "{\"subject\":\"" + UUID.randomUUID() + "\"}");
        long before = events.count();

        assertError(api.get(SERVER_KEYS, null), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.get(SERVER_KEYS, user.text("access_token")), 401, "AuthError", "invalid operator token");
        assertError(api.put(SERVER_KEYS + "/" + keyId + "/disable", user.text("refresh_token")), 401, "AuthError",
                "invalid operator token");
        assertError(api.delete(SERVER_KEYS + "/" + keyId, OPERATOR_TOKEN + "x"), 401, "AuthError",
                "invalid operator token");
        assertError(api.put(SERVER_KEYS + "/" + userKey + "/disable", OPERATOR_TOKEN), 404, "APIKeyNotFound",
                "API key not found");
        assertError(api.put("/api/admin/v1/apps/test-app/api_keys/" + keyId + "/disable", OPERATOR_TOKEN), 404,
                "APIKeyNotFound", "API key not found");
        assertError(api.delete("/api/admin/v1/apps/no-such-app/api_keys/" + keyId, OPERATOR_TOKEN), 404,
                "AppNotFound", "cannot find app using Client App ID 'no-such-app'");
        assertError(api.put(SERVER_KEYS + "/not-a-key/enable", OPERATOR_TOKEN), 400, "InvalidParameter",
                "keyId must be 24 lower-case hex digits");
        for (String limit : java.util.List.of("0", "101", "-1", "ten", "99999999999")) {
            assertError(api.get(SERVER_KEYS + "?limit=" + limit, OPERATOR_TOKEN), 400, "InvalidParameter",
                    "limit must be a whole number from 1 to 100");
        }
        assertError(api.get(SERVER_KEYS + "?after=zz", OPERATOR_TOKEN), 400, "InvalidParameter",
                "after must be 24 lower-case hex digits");
        assertError(api.get(SERVER_KEYS + "?after=65aa00000000000000000099", OPERATOR_TOKEN), 400,
                "InvalidParameter", "after must be the id of a key of an earlier page");

        assertThat(events.count()).isEqualTo(before);
    }

    /**
     * The user's deletion commits while the operator's request waits for the user's lock: the request finds
     * the user gone. It is the operator's request about a key, not an end user's session, so 404, not 401. The
     * deletion is played by removing the user's rows in a transaction that holds the lock; afterwards they are
     * put back and the user is deleted for real, so the views agree with the events again.
     */
    @Test
    void anOperatorActingOnAServerKeyWhoseUserIsDeletedMeanwhileHearsNotFound() throws Exception {
        JsonNode key = api.post(SERVER_KEYS, OPERATOR_TOKEN, "{\"name\":\"doomed\"}").json();
        String owner = key.get("user_id").asText();
        String account = jdbc.sql("SELECT row_to_json(a)::text FROM accounts a WHERE user_id = ?").param(owner)
                .query(String.class).single();
        String keys = jdbc.sql("SELECT json_agg(k)::text FROM api_keys k WHERE user_id = ?").param(owner)
                .query(String.class).single();
        ExecutorService operator = Executors.newSingleThreadExecutor();
        try (Connection deletion = dataSource.getConnection()) {
            deletion.setAutoCommit(false);
            try (PreparedStatement lock = deletion.prepareStatement("SELECT 1 FROM accounts WHERE user_id = ? FOR UPDATE")) {
                lock.setString(1, owner);
                lock.executeQuery().close();
            }
            Future<Response> disable = operator.submit(() ->
                    api.put(SERVER_KEYS + "/" + key.get("_id").asText() + "/disable", OPERATOR_TOKEN));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT app_id FROM accounts WHERE user_id%'""")
                    .query(Long.class).single() > 0);
            try (PreparedStatement delete = deletion.prepareStatement("DELETE FROM accounts WHERE user_id = ?")) {
                delete.setString(1, owner);
                delete.executeUpdate();
            }
            deletion.commit();

            assertError(disable.get(30, TimeUnit.SECONDS), 404, "UserNotFound", "user not found");
        } finally {
            operator.shutdownNow();
            jdbc.sql("INSERT INTO accounts SELECT * FROM json_populate_record(NULL::accounts, ?::json) ON CONFLICT DO NOTHING").param(account)
                    .update();
            jdbc.sql("INSERT INTO api_keys SELECT * FROM json_populate_recordset(NULL::api_keys, ?::json) ON CONFLICT DO NOTHING")
                    .param(keys)
                    .update();
        }
        assertThat(api.delete("/api/admin/v1/apps/" + KEYS_APP + "/users/" + owner, OPERATOR_TOKEN).status())
                .isEqualTo(204);
    }

    /** A key a user made for itself through the client API. */
    private String ownKey() {
        Response user = api.post(login(KEYS_APP, "custom-function"), null, "{\"subject\":\"" + UUID.randomUUID() + "\"}");
        return api.post("/api/client/v2.0/auth/api_keys", user.text("refresh_token"), "{\"name\":\"mine\"}").text("_id");
    }
}
