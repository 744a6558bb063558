package dev.portico.command.api;

import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.NO_KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.RSA_KEY_APP;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.Races;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** User API keys over {@code /auth/api_keys}, and logging in with them, as realm-web does both. */
@CommandServiceTest
@WithKeysAndTokens
class ApiKeysTest {
    static final String KEYS = "/api/client/v2.0/auth/api_keys";
    private static final ObjectMapper JSON = new ObjectMapper();

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

    static String login(String app, String provider) {
        return "/api/client/v2.0/app/" + app + "/auth/providers/" + provider + "/login";
    }

    /** A user who is not anonymous: it logged in through the (trusted) custom-function provider. */
    Response newUser(String app) {
        Response login = api.post(login(app, "custom-function"), null,
                "{\"subject\":\"" + UUID.randomUUID() + "\",\"options\":{\"device\":{\"platform\":\"node\"}}}");
        assertThat(login.status()).isEqualTo(200);
        return login;
    }

    Response create(Response user, String name) {
        return api.post(KEYS, user.text("refresh_token"), "{\"name\":\"" + name + "\"}");
    }

    Response logInWithKey(String app, String key) {
        return api.post(login(app, "api-key"), null,
                "{\"key\":\"" + key + "\",\"options\":{\"device\":{\"platform\":\"node\"}}}");
    }

    static void assertError(Response response, int status, String code, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.json()).isEqualTo(JSON.createObjectNode().put("error", message).put("error_code", code));
    }

    static void assertEmptySuccess(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(204);
        assertThat(response.contentType()).isEmpty();
        assertThat(response.body()).isEmpty();
    }

    @Test
    void aNewKeyIsShownOnceWithItsSecretAndLogsInAsItsOwner() {
        Response owner = newUser(KEYS_APP);

        Response created = create(owner, "ci-runner_1");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.contentType()).contains("application/json");
        JsonNode key = created.json();
        assertThat(key.get("_id").asText()).matches("[0-9a-f]{24}");
        assertThat(key.get("key").asText()).matches("[A-Za-z0-9]{64}");
        assertThat(key).isEqualTo(JSON.createObjectNode().put("_id", key.get("_id").asText())
                .put("key", key.get("key").asText()).put("name", "ci-runner_1").put("disabled", false));

        Response login = logInWithKey(KEYS_APP, key.get("key").asText());

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("user_id")).isEqualTo(owner.text("user_id"));
        JsonNode identities = api.get("/api/client/v2.0/auth/profile", login.text("access_token")).json().get("identities");
        assertThat(identities).hasSize(2);
        assertThat(identities.get(1).get("id").asText()).isEqualTo(key.get("_id").asText());
        assertThat(identities.get(1).get("provider_type").asText()).isEqualTo("api-key");

        assertThat(logInWithKey(KEYS_APP, key.get("key").asText()).text("user_id")).isEqualTo(owner.text("user_id"));
        assertThat(events.typesOf(owner.text("user_id"))).containsExactly("UserRegistered", "IdentityLinked",
                "SessionIssued", "ApiKeyCreated", "IdentityLinked", "SessionIssued", "SessionIssued");
    }

    @Test
    void keysAreListedAndFetchedWithoutTheirSecret() {
        Response owner = newUser(KEYS_APP);
        String first = create(owner, "first").text("_id");
        String second = create(owner, "second").text("_id");

        Response all = api.get(KEYS, owner.text("refresh_token"));
        Response one = api.get(KEYS + "/" + second, owner.text("refresh_token"));

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json()).isEqualTo(JSON.createArrayNode()
                .add(JSON.createObjectNode().put("_id", first).put("name", "first").put("disabled", false))
                .add(JSON.createObjectNode().put("_id", second).put("name", "second").put("disabled", false)));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(JSON.createObjectNode().put("_id", second).put("name", "second")
                .put("disabled", false));
    }

    @Test
    void aUserWithoutKeysListsNone() {
        Response all = api.get(KEYS, newUser(KEYS_APP).text("refresh_token"));

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).isEqualTo("[]");
    }

    @Test
    void aDisabledKeyDoesNotLogInUntilItIsEnabledAgain() {
        Response owner = newUser(KEYS_APP);
        Response key = create(owner, "laptop");
        String path = KEYS + "/" + key.text("_id");

        assertEmptySuccess(api.put(path + "/disable", owner.text("refresh_token")));
        long before = events.count();
        assertError(logInWithKey(KEYS_APP, key.text("key")), 401, "AuthError", "invalid API key");
        assertEmptySuccess(api.put(path + "/disable", owner.text("refresh_token")));
        assertThat(events.count()).as("a refused login and a second disabling write nothing").isEqualTo(before);
        assertThat(api.get(path, owner.text("refresh_token")).json().get("disabled").asBoolean()).isTrue();

        assertEmptySuccess(api.put(path + "/enable", owner.text("refresh_token")));

        assertThat(logInWithKey(KEYS_APP, key.text("key")).status()).isEqualTo(200);
        assertThat(events.typesOf(owner.text("user_id"))).containsSubsequence("ApiKeyCreated", "ApiKeyDisabled",
                "ApiKeyEnabled", "IdentityLinked", "SessionIssued");
    }

    @Test
    void aDeletedKeyIsGone() {
        Response owner = newUser(KEYS_APP);
        Response key = create(owner, "old");
        String path = KEYS + "/" + key.text("_id");

        assertEmptySuccess(api.delete(path, owner.text("refresh_token")));

        assertError(logInWithKey(KEYS_APP, key.text("key")), 401, "AuthError", "invalid API key");
        assertError(api.get(path, owner.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");
        assertError(api.delete(path, owner.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");
        assertError(api.put(path + "/enable", owner.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");
        assertThat(api.get(KEYS, owner.text("refresh_token")).body()).isEqualTo("[]");
        assertThat(create(owner, "old").status()).as("the name is free again").isEqualTo(201);
    }

    @Test
    void anythingButAKeyOfTheAppIsAnInvalidApiKeyAndWritesNothing() {
        Response owner = newUser(KEYS_APP);
        String secret = create(owner, "mine").text("key");
        long before = events.count();

        assertError(logInWithKey(KEYS_APP, "A".repeat(64)), 401, "AuthError", "invalid API key");
        assertError(logInWithKey(KEYS_APP, secret + "x"), 401, "AuthError", "invalid API key");
        assertError(logInWithKey(KEYS_APP, "k".repeat(60_000)), 401, "AuthError", "invalid API key");
        assertError(logInWithKey(KEYS_APP, "k".repeat(100_000)), 413, "BadRequest",
                "the request body is larger than 65536 bytes");
        assertError(api.post(login(KEYS_APP, "api-key"), null, "{\"key\":{\"$numberInt\":\"7\"}}"), 401, "AuthError",
                "invalid API key");
        assertError(api.post(login(KEYS_APP, "api-key"), null, "{}"), 401, "AuthError", "invalid API key");
        assertError(logInWithKey(RSA_KEY_APP, secret), 401, "AuthError", "invalid API key");

        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void anotherUsersKeyIsNotFoundAndStaysAsItWas() {
        Response owner = newUser(KEYS_APP);
        Response key = create(owner, "private");
        Response other = newUser(KEYS_APP);
        String path = KEYS + "/" + key.text("_id");

        assertError(api.get(path, other.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");
        assertError(api.put(path + "/disable", other.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");
        assertError(api.delete(path, other.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");

        assertThat(logInWithKey(KEYS_APP, key.text("key")).text("user_id")).isEqualTo(owner.text("user_id"));
    }

    @Test
    void onlyItsOwnerMayLinkAKey() {
        Response owner = newUser(KEYS_APP);
        Response key = create(owner, "linkable");
        Response other = newUser(KEYS_APP);
        String link = login(KEYS_APP, "api-key") + "?link=true";
        long before = events.count();

        assertError(api.post(link, other.text("access_token"), "{\"key\":\"" + key.text("key") + "\"}"), 400,
                "BadRequest", "invalid user link request");
        assertThat(events.count()).isEqualTo(before);

        Response linked = api.post(link, owner.text("access_token"), "{\"key\":\"" + key.text("key") + "\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.text("user_id")).isEqualTo(owner.text("user_id"));
        assertThat(api.get("/api/client/v2.0/auth/profile", owner.text("access_token")).json().get("identities"))
                .hasSize(2);
        assertThat(logInWithKey(KEYS_APP, key.text("key")).text("user_id")).isEqualTo(owner.text("user_id"));
    }

    @Test
    void anIdThatCannotNameAKeyIsNotFound() {
        Response owner = newUser(KEYS_APP);

        assertError(api.get(KEYS + "/not-an-id", owner.text("refresh_token")), 404, "APIKeyNotFound", "API key not found");
        assertError(api.put(KEYS + "/ABCDEF0123456789abcdef01/enable", owner.text("refresh_token")), 404,
                "APIKeyNotFound", "API key not found");
    }

    @Test
    void namesAreCheckedAndARefusedNameWritesNothing() {
        Response owner = newUser(KEYS_APP);
        long before = events.count();

        assertError(create(owner, "my key!"), 400, "InvalidParameter",
                "API key name can only contain ASCII letters, numbers, underscores, and hyphens");
        assertError(create(owner, "clé"), 400, "InvalidParameter",
                "API key name can only contain ASCII letters, numbers, underscores, and hyphens");
        assertError(create(owner, "n".repeat(65)), 400, "InvalidParameter", "API key name must be at most 64 characters");
        assertError(create(owner, ""), 400, "InvalidParameter", "API key name must be a non-empty string");
        assertError(api.post(KEYS, owner.text("refresh_token"), "{\"name\":{\"$numberInt\":\"1\"}}"), 400,
                "InvalidParameter", "API key name must be a non-empty string");
        assertError(api.post(KEYS, owner.text("refresh_token"), null), 400, "InvalidParameter",
                "API key name must be a non-empty string");
        assertError(api.post(KEYS, owner.text("refresh_token"), "{\"name\": "), 400, "BadRequest",
                "invalid request body: expected a JSON object");

        assertThat(events.count()).isEqualTo(before);
        assertThat(create(owner, "n".repeat(64)).status()).isEqualTo(201);
    }

    @Test
    void aNameIsUniquePerUser() {
        Response owner = newUser(KEYS_APP);
        create(owner, "deploy");
        long before = events.count();

        assertError(create(owner, "deploy"), 409, "APIKeyAlreadyExists", "an API key with this name already exists");

        assertThat(events.count()).isEqualTo(before);
        assertThat(create(newUser(KEYS_APP), "deploy").status()).as("another user's name").isEqualTo(201);
    }

    @Test
    void racingCreationsOfOneNameMakeOneKey() throws Exception {
        Response owner = newUser(KEYS_APP);
        int racers = 8;
        List<Integer> answered = Races.inParallel(racers, i -> () -> create(owner, "raced").status());

        assertThat(answered).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(events.typesOf(owner.text("user_id")).stream().filter("ApiKeyCreated"::equals)).hasSize(1);
    }

    @Test
    void aUserHasAtMostTwentyKeys() {
        Response owner = newUser(KEYS_APP);
        for (int i = 0; i < 20; i++) {
            assertThat(create(owner, "key-" + i).status()).isEqualTo(201);
        }
        long before = events.count();

        assertError(create(owner, "key-20"), 400, "BadRequest", "a user can have at most 20 API keys");

        assertThat(events.count()).isEqualTo(before);
        assertThat(api.get(KEYS, owner.text("refresh_token")).json()).hasSize(20);
    }

    @Test
    void anAnonymousUserCannotCreateKeys() {
        Response anonymous = api.anonymousLogin(KEYS_APP);
        long before = events.count();

        assertError(create(anonymous, "anon"), 400, "BadRequest", "anonymous users cannot create API keys");

        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void keysAreManagedWithTheRefreshTokenOnly() {
        Response owner = newUser(KEYS_APP);

        assertError(api.get(KEYS, owner.text("access_token")), 401, "InvalidSession",
                "invalid session: failed to find refresh token");
        assertError(api.post(KEYS, owner.text("access_token"), "{\"name\":\"x\"}"), 401, "InvalidSession",
                "invalid session: failed to find refresh token");
        assertError(api.get(KEYS, null), 401, "MissingAuthReq", "must authenticate first");
        api.delete("/api/client/v2.0/auth/session", owner.text("refresh_token"));
        assertError(api.get(KEYS, owner.text("refresh_token")), 401, "InvalidSession",
                "invalid session: failed to find refresh token");
    }

    @Test
    void aSessionCannotDeleteTheKeyItLoggedInWith() {
        Response owner = newUser(KEYS_APP);
        Response used = create(owner, "used");
        Response spare = create(owner, "spare");
        Response keySession = logInWithKey(KEYS_APP, used.text("key"));
        long before = events.count();

        assertError(api.delete(KEYS + "/" + used.text("_id"), keySession.text("refresh_token")), 403, "BadRequest",
                "cannot delete the API key this session logged in with");

        assertThat(events.count()).isEqualTo(before);
        assertEmptySuccess(api.delete(KEYS + "/" + spare.text("_id"), keySession.text("refresh_token")));
        assertEmptySuccess(api.delete(KEYS + "/" + used.text("_id"), owner.text("refresh_token")));
    }

    @Test
    void deletingTheUserRemovesItsKeys() {
        Response owner = newUser(KEYS_APP);
        Response key = create(owner, "doomed");

        assertEmptySuccess(api.delete("/api/client/v2.0/auth/delete", owner.text("access_token")));

        assertError(logInWithKey(KEYS_APP, key.text("key")), 401, "AuthError", "invalid API key");
        assertThat(jdbc.sql("SELECT count(*) FROM api_keys WHERE user_id = ?").param(owner.text("user_id"))
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAppWhoseApiKeyProviderIsDisabledNeitherMakesNorTakesKeys() {
        Response owner = newUser(NO_KEYS_APP);

        assertError(create(owner, "nope"), 404, "AuthProviderNotFound", "authentication provider not found: 'api-key'");
        assertError(logInWithKey(NO_KEYS_APP, "A".repeat(64)), 404, "AuthProviderNotFound",
                "authentication provider not found: 'api-key'");
    }

    @Test
    void theSecretIsStoredNowhereAndTheNameOnlySealed() {
        Response owner = newUser(KEYS_APP);
        String name = "alice-phone-" + UUID.randomUUID().toString().substring(0, 8);
        Response key = create(owner, name);
        logInWithKey(KEYS_APP, key.text("key"));

        List<String> stored = events.storedTextOf(owner.text("user_id"));
        assertThat(stored).isNotEmpty().noneMatch(text -> text.contains(key.text("key")) || text.contains(name));
        Map<String, Object> row = jdbc.sql("SELECT * FROM api_keys WHERE api_key_id = ?").param(key.text("_id"))
                .query().singleRow();
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(key.text("key"))
                || String.valueOf(value).contains(name));
    }
}
