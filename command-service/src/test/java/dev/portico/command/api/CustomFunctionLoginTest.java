package dev.portico.command.api;

import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.Answers.json;
import static dev.portico.command.support.Answers.profileOf;
import static dev.portico.command.support.StandIns.AUTH_FUNCTION;
import static dev.portico.command.support.StandIns.FUNCTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.provider.VerifiedIdentity;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import dev.portico.testsupport.standin.FunctionStandIn;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Custom-function logins through the app's auth function, a real HTTP endpoint that checks Portico's
 * signature ({@code StandIns}): what the function receives, which answers log someone in, and that every
 * failure of the function is a 401 that writes nothing.
 */
@CommandServiceTest
class CustomFunctionLoginTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/custom-function/login";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    private ClientApi api;
    private StoredEvents events;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
    }

    @Test
    void theFunctionGetsThePayloadWithoutOptionsAsPlainJsonAndItsIdIsTheIdentity() {
        String marker = UUID.randomUUID().toString();
        String body = """
                {"subject":"%s","pin":{"$numberInt":"1234"},"big":{"$numberLong":"1099511627776"},
                 "ratio":{"$numberDouble":"2.5"},"since":{"$date":{"$numberLong":"0"}},
                 "device":{"$oid":"65aa00000000000000000001"},"tags":["a",null,true],
                 "options":{"device":{"sdkVersion":"2.0.1","platform":"node"}}}""".formatted(marker);

        Response login = api.post(LOGIN, null, body);

        JsonNode profile = profileOf(api, login);
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(marker);
        assertThat(profile.get("identities").get(0).get("provider_type").asText()).isEqualTo("custom-function");
        assertThat(profile.get("data")).isEqualTo(json("{}"));
        FunctionStandIn.Call call = callFor(marker);
        assertThat(call.app()).isEqualTo("test-app");
        assertThat(call.name()).isEqualTo(AUTH_FUNCTION);
        assertThat(call.caller().isNull()).isTrue();
        assertThat(call.arguments()).isEqualTo(json("""
                [{"subject":"%s","pin":1234,"big":1099511627776,"ratio":2.5,"since":{"$date":"1970-01-01T00:00:00Z"},
                  "device":{"$oid":"65aa00000000000000000001"},"tags":["a",null,true]}]""".formatted(marker)));
    }

    @Test
    void anObjectWithAnIdLogsInAndItsNameGoesToTheProfile() {
        String id = "legacy-" + UUID.randomUUID();

        Response login = api.post(LOGIN, null, "{\"answer\":{\"id\":\"" + id + "\",\"name\":\"Ada\",\"role\":\"admin\"}}");

        JsonNode profile = profileOf(api, login);
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(id);
        assertThat(profile.get("data")).isEqualTo(json("{\"name\":\"Ada\"}"));
        Response again = api.post(LOGIN, null, "{\"answer\":\"" + id + "\"}");
        assertThat(again.text("user_id")).isEqualTo(login.text("user_id"));
    }

    @Test
    void anAnswerWithoutAnIdIsRefused() {
        long stored = events.count();
        String noId = "function 'authenticate' returned no id: it must return a string or an object with an \"id\" string";

        assertError(api.post(LOGIN, null, "{\"answer\":{\"userId\":\"u1\",\"name\":\"Ada\"}}"), 401, "AuthError", noId);
        assertError(api.post(LOGIN, null, "{\"answer\":{\"id\":42}}"), 401, "AuthError", noId);
        assertError(api.post(LOGIN, null, "{\"answer\":42}"), 401, "AuthError", noId);
        assertError(api.post(LOGIN, null, "{\"answer\":null}"), 401, "AuthError", noId);
        assertError(api.post(LOGIN, null, "{\"answer\":\"  \"}"), 401, "AuthError", noId);
        assertError(api.post(LOGIN, null, "{\"answer\":\"" + "x".repeat(513) + "\"}"), 401, "AuthError",
                "function 'authenticate' returned an id longer than 512 characters");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aProfileLongerThanTheBoundIsRefusedAndWritesNothing() {
        long stored = events.count();
        String longest = "x".repeat(VerifiedIdentity.MAX_PROFILE_CHARS - "{\"name\":\"\"}".length());

        assertError(api.post(LOGIN, null, "{\"answer\":{\"id\":\"long-name\",\"name\":\"" + longest + "y\"}}"),
                401, "AuthError", "custom-function: the provider's profile of this person is longer than 16384 characters");
        assertThat(events.count()).isEqualTo(stored);

        Response login = api.post(LOGIN, null, "{\"answer\":{\"id\":\"long-name\",\"name\":\"" + longest + "\"}}");
        assertThat(profileOf(api, login).get("data").get("name").asText()).isEqualTo(longest);
    }

    @Test
    void everyFailureOfTheFunctionIsA401ThatWritesNothing() {
        long stored = events.count();

        assertError(api.post(LOGIN, null, "{\"fail\":\"wrong password\"}"), 401, "AuthError",
                "function 'authenticate' failed: wrong password");
        assertError(api.post(LOGIN, null, "{\"reply\":{\"status\":200,\"contentType\":\"text/html\",\"body\":\"<p>hi</p>\"}}"),
                401, "AuthError", "function 'authenticate' failed: its endpoint answered 'text/html' instead of application/json");
        assertError(api.post(LOGIN, null, "{\"reply\":{\"status\":503,\"contentType\":\"text/plain\",\"body\":\"down\"}}"),
                401, "AuthError", "function 'authenticate' failed: its endpoint answered HTTP 503");
        assertError(api.post(LOGIN, null, "{\"reply\":{\"status\":200,\"contentType\":\"application/json\",\"body\":\"{oops\"}}"),
                401, "AuthError", "function 'authenticate' failed: its endpoint's answer is not valid JSON (or nested deeper than 64)");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aFunctionIdentityLinksToAnAnonymousUser() {
        Response anonymous = api.anonymousLogin("test-app");
        String id = "linked-" + UUID.randomUUID();

        Response link = api.post(LOGIN + "?link=true", anonymous.text("access_token"), "{\"answer\":{\"id\":\"" + id
                + "\",\"name\":\"Linked\"}}");

        assertThat(link.status()).as(link.body()).isEqualTo(200);
        JsonNode profile = profileOf(api, anonymous);
        assertThat(profile.get("identities").get(1).get("id").asText()).isEqualTo(id);
        assertThat(profile.get("data")).isEqualTo(json("{\"name\":\"Linked\"}"));
    }

    private static FunctionStandIn.Call callFor(String subject) {
        List<FunctionStandIn.Call> calls = FUNCTIONS.calls(AUTH_FUNCTION).stream()
                .filter(call -> subject.equals(call.arguments().path(0).path("subject").asText())).toList();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }
}
