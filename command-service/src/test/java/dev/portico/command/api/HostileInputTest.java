package dev.portico.command.api;

import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.StandIns.AUTH_FUNCTION;
import static dev.portico.command.support.StandIns.FUNCTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bodies built to cost the service: too large (with or without a declared length) or nested too deeply. Each
 * gets a 4xx in the protocol's envelope before any provider or function is asked, and nothing is written.
 */
@CommandServiceTest
class HostileInputTest {
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
    void aBodyOverTheBoundIsTooLarge() {
        long stored = events.count();
        int calls = FUNCTIONS.calls(AUTH_FUNCTION).size();

        Response response = api.post(LOGIN, null, "{\"subject\":\"" + "a".repeat(70 * 1024) + "\"}");

        assertError(response, 413, "BadRequest", "request body too large");
        assertThat(FUNCTIONS.calls(AUTH_FUNCTION)).hasSize(calls);
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aBodyJustUnderTheBoundIsRead() {
        String padding = "p".repeat(64 * 1024 - 100);

        Response response = api.post(LOGIN, null, "{\"fail\":\"no\",\"padding\":\"" + padding + "\"}");

        assertError(response, 401, "AuthError", "function 'authenticate' failed: no");
    }

    @Test
    void aStreamedBodyWithoutLengthIsCutOffAtTheBound() throws Exception {
        long stored = events.count();
        byte[] body = ("{\"subject\":\"" + "a".repeat(200 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LOGIN))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"error\":\"request body too large\",\"error_code\":\"BadRequest\"}");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aBodyNestedTooDeeplyIsRefusedUnparsed() {
        long stored = events.count();
        int calls = FUNCTIONS.calls(AUTH_FUNCTION).size();

        Response arrays = api.post(LOGIN, null, "{\"subject\":\"x\",\"deep\":" + "[".repeat(5000) + "]".repeat(5000) + "}");
        Response objects = api.post(LOGIN, null, "{\"a\":".repeat(33) + "1" + "}".repeat(33));

        assertError(arrays, 400, "BadRequest", "invalid request body: nested deeper than 32 levels");
        assertError(objects, 400, "BadRequest", "invalid request body: nested deeper than 32 levels");
        assertThat(FUNCTIONS.calls(AUTH_FUNCTION)).hasSize(calls);
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void bracketsInsideStringsAreNoNesting() {
        Response response = api.post(LOGIN, null, "{\"fail\":\"" + "[{".repeat(100) + "\\\"\"}");

        assertError(response, 401, "AuthError", "function 'authenticate' failed: " + "[{".repeat(100) + "\"");
    }
}
