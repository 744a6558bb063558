package dev.portico.command.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.Jwts;
import dev.portico.command.support.KeysAndTokensApps;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.command.support.Answers;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.StandIns;
import dev.portico.command.support.ScriptedFunctions;
import dev.portico.command.support.UserpassApps;
import dev.portico.command.support.UserpassClient;
import dev.portico.command.support.UserpassClient.Link;
import dev.portico.stack.EmbeddedMail;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After users of every kind have logged in, linked, logged out and been deleted, no column of any table of
 * the service (events and their metadata included) holds a subject, a profile field, a provider's token, a
 * device detail, a client address or a user agent in clear text; nor a custom JWT's metadata, an API key's
 * name, or any secret (API keys, the operator's token); and neither tables nor logs hold a password or a
 * link's token.
 */
@CommandServiceTest
@WithKeysAndTokens
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataScanTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EmbeddedMail mail;
    @Autowired
    ScriptedFunctions functions;

    @Test
    void noTableHoldsPersonalDataInClearText() {
        ClientApi api = new ClientApi(port);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String deviceName = "Alice's phone " + marker;
        List<String> personal = new ArrayList<>(List.of(deviceName, ClientApi.USER_AGENT, "127.0.0.1"));
        String device = "{\"options\":{\"device\":{\"deviceName\":\"" + deviceName + "\",\"platform\":\"node\"}}}";

        Response anonymous = api.post(LOGIN + "anon-user/login", null, device);
        personal.add(subjectOf(api, anonymous));
        String linkedEmail = "alice." + marker + "@example.com";
        api.post(LOGIN + "custom-function/login?link=true", anonymous.text("access_token"),
                "{\"subject\":\"" + linkedEmail + "\"}");
        personal.add(linkedEmail);
        String deletedEmail = "bob." + marker + "@example.com";
        Response deleted = api.post(LOGIN + "custom-function/login", null, "{\"subject\":\"" + deletedEmail + "\"}");
        api.delete("/api/client/v2.0/auth/delete", deleted.text("access_token"));
        personal.add(deletedEmail);
        String googleSubject = "10" + Math.abs(marker.hashCode()) + "77";
        String googleEmail = "carol." + marker + "@example.com";
        String googleName = "Carol " + marker;
        ok(api.post(LOGIN + "oauth2-google/login", null, Answers.loginBody(Map.of("id_token", StandIns.GOOGLE.idToken(
                StandIns.GOOGLE_CLIENT_ID, googleSubject, Map.of("email", googleEmail, "name", googleName,
                        "given_name", "Carol-" + marker))))));
        personal.addAll(List.of(googleSubject, googleEmail, googleName, "Carol-" + marker));
        String facebookUser = "55" + Math.abs(marker.hashCode()) + "99";
        String facebookEmail = "dave." + marker + "@example.com";
        String facebookToken = "EAAB" + marker + "token";
        StandIns.FACEBOOK.user(facebookToken, facebookUser, (com.fasterxml.jackson.databind.node.ObjectNode) Answers.json(
                "{\"email\":\"" + facebookEmail + "\",\"birthday\":\"01/02/19" + marker.substring(0, 2) + "\"}"));
        ok(api.post(LOGIN + "oauth2-facebook/login", null, Answers.loginBody(Map.of("accessToken", facebookToken))));
        personal.addAll(List.of(facebookUser, facebookEmail, facebookToken));
        String appleSubject = "000999." + marker + ".0001";
        ok(api.post(LOGIN + "oauth2-apple/login", null, Answers.loginBody(Map.of("id_token", StandIns.APPLE.idToken(
                StandIns.APPLE_CLIENT_ID, appleSubject, Map.of("email", "erin." + marker + "@privaterelay.example"))))));
        personal.addAll(List.of(appleSubject, "erin." + marker + "@privaterelay.example"));
        String functionName = "Frank " + marker;
        ok(api.post(LOGIN + "custom-function/login", null, "{\"answer\":{\"id\":\"frank-" + marker + "\",\"name\":\""
                + functionName + "\"}}"));
        personal.addAll(List.of("frank-" + marker, functionName));
        Response loggedOut = api.post(LOGIN + "anon-user/login", null, device);
        personal.add(subjectOf(api, loggedOut));
        api.delete("/api/client/v2.0/auth/session", loggedOut.text("refresh_token"));

        String keysLogin = "/api/client/v2.0/app/" + KeysAndTokensApps.KEYS_APP + "/auth/providers/";
        String jwtEmail = "carol." + marker + "@example.com";
        String displayName = "Carol Marker " + marker;
        Response jwtUser = api.post(keysLogin + "custom-token/login", null, "{\"token\":\"" + Jwts.hs256(
                KeysAndTokensApps.SIGNING_KEY, Jwts.claims(jwtEmail, KeysAndTokensApps.AUDIENCE).claim("email", jwtEmail)
                        .claim("profile", Map.of("display_name", displayName)).build()) + "\"}");
        personal.addAll(List.of(jwtEmail, displayName));
        String keyName = "carols-phone-" + marker;
        Response key = api.post("/api/client/v2.0/auth/api_keys", jwtUser.text("refresh_token"),
                "{\"name\":\"" + keyName + "\"}");
        api.post(keysLogin + "api-key/login", null, "{\"key\":\"" + key.text("key") + "\"}");
        Response serverKey = api.post("/api/admin/v1/apps/" + KeysAndTokensApps.KEYS_APP + "/api_keys",
                KeysAndTokensApps.OPERATOR_TOKEN, "{\"name\":\"backend-" + marker + "\"}");
        personal.addAll(List.of(keyName, "backend-" + marker, key.text("key"), serverKey.text("key"),
                KeysAndTokensApps.OPERATOR_TOKEN));

        Map<String, String> contents = everyColumnAsText();

        assertThat(contents).containsKeys("domain_event_entry.payload", "domain_event_entry.meta_data",
                "account_identities.sealed_subject", "account_identities.sealed_profile", "sessions.device_id",
                "api_keys.sealed_name", "api_keys.secret_hash");
        assertThat(key.status()).isEqualTo(201);
        assertThat(serverKey.status()).isEqualTo(201);
        contents.forEach((column, text) -> assertThat(text).as(column).doesNotContain(personal));
    }

    private static Response ok(Response login) {
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login;
    }

    /**
     * Email/password users through every flow (registered and never confirmed, confirmed by link, wrong
     * passwords from a proxied address, reset by link and by function, confirmed by function, deleted): no
     * table and no line the service logged holds an address, a password or a link's token in clear.
     */
    @Test
    void noTableAndNoLogHoldsTheAddressesPasswordsOrTokensOfEmailPasswordUsers(CapturedOutput output) {
        ClientApi api = new ClientApi(port);
        UserpassClient userpass = new UserpassClient(api);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        List<String> secrets = new ArrayList<>();
        java.util.function.Function<String, String> remember = value -> {
            secrets.add(value);
            return value;
        };

        String pending = remember.apply("Pending." + marker + "@Example.com");
        userpass.register(UserpassApps.MAIL, pending, remember.apply("pending-password-" + marker));
        secrets.add(Link.in(mailTo(pending, 1)).token());

        String alice = remember.apply("Alice." + marker + "@Example.com");
        secrets.add(alice.toLowerCase(java.util.Locale.ROOT));
        userpass.register(UserpassApps.MAIL, alice, remember.apply("alice-password-" + marker));
        Link confirmation = Link.in(mailTo(alice, 1));
        secrets.add(confirmation.token());
        userpass.confirm(UserpassApps.MAIL, confirmation);
        userpass.confirm(UserpassApps.MAIL, confirmation);
        String proxied = remember.apply("192.0.2." + (1 + new java.util.Random().nextInt(250)));
        userpass.logInFrom(proxied, UserpassApps.MAIL, alice, remember.apply("wrong-guess-" + marker));
        userpass.sendReset(UserpassApps.MAIL, alice);
        Link reset = Link.in(mailTo(alice, 2));
        secrets.add(reset.token());
        userpass.reset(UserpassApps.MAIL, reset, remember.apply("alice-new-password-" + marker));
        userpass.logInFrom(proxied, UserpassApps.MAIL, alice, "alice-new-password-" + marker);

        functions.script(UserpassApps.FUNCTION, UserpassApps.CONFIRM_FUNCTION,
                arguments -> JSON.createObjectNode().put("status", "success"));
        String carol = remember.apply("Carol." + marker + "@Example.com");
        userpass.register(UserpassApps.FUNCTION, carol, remember.apply("carol-password-" + marker));
        secrets.add(lastArgument(UserpassApps.FUNCTION, UserpassApps.CONFIRM_FUNCTION).get("token").asText());
        userpass.logIn(UserpassApps.FUNCTION, carol, "carol-password-" + marker);

        functions.script(UserpassApps.AUTO, UserpassApps.RESET_FUNCTION,
                arguments -> JSON.createObjectNode().put("status", "success"));
        String dave = remember.apply("Dave." + marker + "@Example.com");
        userpass.register(UserpassApps.AUTO, dave, remember.apply("dave-password-" + marker));
        userpass.callReset(UserpassApps.AUTO, dave, remember.apply("dave-new-password-" + marker), "[\"" + marker + "\"]");
        secrets.add(lastArgument(UserpassApps.AUTO, UserpassApps.RESET_FUNCTION).get("token").asText());
        Response deleted = userpass.logIn(UserpassApps.AUTO, dave, "dave-new-password-" + marker);
        api.delete("/api/client/v2.0/auth/delete", deleted.text("access_token"));

        Map<String, String> contents = everyColumnAsText();

        assertThat(contents).containsKeys("userpass_credentials.password_hash", "userpass_tokens.token_hash",
                "login_failures.key_digest", "identity_claims.claim_digest");
        assertThat(contents.get("login_failures.key_digest")).isNotEmpty();
        contents.forEach((column, text) -> assertThat(text.toLowerCase(java.util.Locale.ROOT)).as(column)
                .doesNotContain(secrets.stream().map(secret -> secret.toLowerCase(java.util.Locale.ROOT)).toList()));
        assertThat(output.getAll().toLowerCase(java.util.Locale.ROOT)).as("the service's log")
                .contains("credential").doesNotContain(secrets.stream()
                        .map(secret -> secret.toLowerCase(java.util.Locale.ROOT)).toList());
    }

    private EmbeddedMail.Mail mailTo(String address, int count) {
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> mail.receivedBy(address).size() >= count);
        return mail.receivedBy(address).get(count - 1);
    }

    private com.fasterxml.jackson.databind.JsonNode lastArgument(String app, String function) {
        var calls = functions.calls(app, function);
        return calls.get(calls.size() - 1).get(0);
    }

    private static String subjectOf(ClientApi api, Response login) {
        return api.get("/api/client/v2.0/auth/profile", login.text("access_token")).json()
                .get("identities").get(0).get("id").asText();
    }

    /** Each column of each table, all rows, bytes read as text. */
    private Map<String, String> everyColumnAsText() {
        List<Map<String, Object>> columns = jdbc.sql("""
                SELECT table_name, column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position""").query().listOfRows();
        Map<String, String> contents = new java.util.TreeMap<>();
        for (Map<String, Object> column : columns) {
            String name = "\"" + column.get("column_name") + "\"";
            String value = "bytea".equals(column.get("data_type")) ? "encode(" + name + ", 'escape')" : name + "::text";
            String text = jdbc.sql("SELECT coalesce(string_agg(" + value + ", E'\\n'), '') FROM \""
                    + column.get("table_name") + "\"").query(String.class).single();
            contents.put(column.get("table_name") + "." + column.get("column_name"), text);
        }
        return contents;
    }
}
