package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bodies past 2 MiB are refused with the envelope, declared or streamed, and write nothing. */
@CommandServiceTest
class RequestBodyLimitTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/anon-user/login";
    private static final String TOO_LARGE = "request body too large: at most 2097152 bytes";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    /** A syntactically fine body of {@code size} bytes. */
    private static String body(int size) {
        String start = "{\"padding\":\"";
        return start + "p".repeat(size - start.length() - 2) + "\"}";
    }

    @Test
    void aDeclaredLengthOverTheBoundIsRefusedUnread() {
        StoredEvents events = new StoredEvents(jdbc);
        long before = events.count();

        Response response = new ClientApi(port).post(LOGIN, null, body(2 * 1024 * 1024 + 1));

        assertError(response, 413, "BadRequest", TOO_LARGE);
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void aStreamedBodyIsCutOffWhereItPassesTheBound() throws Exception {
        StoredEvents events = new StoredEvents(jdbc);
        long before = events.count();
        byte[] bytes = body(3 * 1024 * 1024).getBytes(StandardCharsets.UTF_8);
        HttpRequest chunked = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + LOGIN))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(chunked, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).isEqualTo("{\"error\":\"" + TOO_LARGE + "\",\"error_code\":\"BadRequest\"}");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void aBodyWithinTheBoundIsRead() {
        Response response = new ClientApi(port).post(LOGIN, null, body(2 * 1024 * 1024));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
