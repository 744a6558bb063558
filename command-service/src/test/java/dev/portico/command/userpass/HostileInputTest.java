package dev.portico.command.userpass;

import static dev.portico.command.support.UserpassApps.AUTO;
import static dev.portico.command.userpass.UserpassAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.UserpassClient;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.StoredEvents;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Oversized and malformed requests to the email/password endpoints: a 4xx in the envelope, nothing written. */
@CommandServiceTest
class HostileInputTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    private ClientApi api;
    private UserpassClient userpass;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
        userpass = new UserpassClient(api);
    }

    @Test
    void bodiesBeyondTheBoundAreRefusedBeforeTheyAreRead() throws Exception {
        long credentials = count("userpass_credentials");
        long events = new StoredEvents(jdbc).count();
        String huge = "{\"email\":\"a@b.test\",\"password\":\"" + "x".repeat(70 * 1024) + "\"}";

        assertError(api.post(UserpassClient.path(AUTO, "register"), null, huge), 413, "BadRequest",
                "the request body is larger than 65536 bytes");
        assertError(api.post(UserpassClient.path(AUTO, "login"), null, huge), 413, "BadRequest",
                "the request body is larger than 65536 bytes");
        // A body of unknown length goes out in chunks: no Content-Length to refuse it by.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.baseUrl() + UserpassClient.path(AUTO, "register")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(chunked.body()).isEqualTo("{\"error\":\"the request body is larger than 65536 bytes\",\"error_code\":\"BadRequest\"}");

        assertThat(count("userpass_credentials")).isEqualTo(credentials);
        assertThat(new StoredEvents(jdbc).count()).isEqualTo(events);
    }

    @Test
    void fieldsOfTheWrongShape() {
        String register = UserpassClient.path(AUTO, "register");
        assertError(api.post(register, null, "[1,2]"), 400, "BadRequest", "invalid request body: expected a JSON object");
        assertError(api.post(register, null, "{\"email\": 5, \"password\": \"secret1\"}"), 400, "InvalidParameter",
                "email must be a string");
        assertError(api.post(register, null, "{\"email\": \"a@b.test\"}"), 400, "InvalidParameter",
                "password must be a string");
        assertError(userpass.register(AUTO, "", "secret1"), 400, "InvalidParameter", "email must be between 1 and 254 characters");
        assertError(userpass.register(AUTO, "a".repeat(250) + "@b.test", "secret1"), 400, "InvalidParameter",
                "email must be between 1 and 254 characters");
        assertError(api.post(UserpassClient.path(AUTO, "reset/call"), null,
                "{\"email\": \"a@b.test\", \"password\": \"secret1\", \"arguments\": {\"not\": \"an array\"}}"), 400,
                "InvalidParameter", "arguments must be an array");
        assertError(api.post(UserpassClient.path(AUTO, "reset/call"), null,
                "{\"email\": \"a@b.test\", \"password\": \"secret1\", \"arguments\": [" + "1,".repeat(32) + "1]}"), 400,
                "InvalidParameter", "at most 32 arguments");
    }

    @Test
    void aLoginWithAnImpossibleNameOrPasswordIsRefusedWithoutCountingOrHashing() {
        long failures = count("login_failures");

        assertError(userpass.logIn(AUTO, "a".repeat(300), "secret1"), 401, "InvalidPassword", "invalid username/password");
        assertError(userpass.logIn(AUTO, "a@b.test", "x".repeat(129)), 401, "InvalidPassword", "invalid username/password");
        assertError(userpass.logIn(AUTO, "", "secret1"), 401, "InvalidPassword", "invalid username/password");

        assertThat(count("login_failures")).isEqualTo(failures);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
