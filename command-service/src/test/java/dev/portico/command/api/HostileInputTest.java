package dev.portico.command.api;

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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What an attacker sends is bounded and refused before any work: too large is 413, malformed is 400 or 415,
 * always in the protocol's envelope, nothing is written, and no stack trace reaches the log.
 */
@CommandServiceTest
@ExtendWith(OutputCaptureExtension.class)
class HostileInputTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/anon-user/login";
    private static final String FUNCTION_LOGIN = "/api/client/v2.0/app/test-app/auth/providers/custom-function/login";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    private ClientApi api;
    private StoredEvents events;
    private long eventsBefore;
    private int logBefore;

    @BeforeEach
    void connect(CapturedOutput log) {
        api = new ClientApi(port);
        events = new StoredEvents(jdbc);
        eventsBefore = events.count();
        logBefore = log.getAll().length();
    }

    @Test
    void aFiveMegabyteDeviceNameIsTooLarge(CapturedOutput log) {
        String body = "{\"options\":{\"device\":{\"deviceName\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}}";

        assertRefused(json(body), 413, "BadRequest", "the request body is larger than 65536 bytes", log);
    }

    @Test
    void aDeviceNameLongerThanItsLimitIsTooLarge(CapturedOutput log) {
        String body = "{\"options\":{\"device\":{\"deviceName\":\"" + "x".repeat(257) + "\"}}}";

        assertRefused(json(body), 413, "BadRequest", "options.device.deviceName is longer than 256 characters", log);
    }

    @Test
    void tenThousandLevelsOfNestingAreRefusedWithoutAStackTrace(CapturedOutput log) {
        String body = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        Response response = json(body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text("error")).startsWith("the request body exceeds a limit: Document nesting depth");
        assertNothingHappened(response, log);
    }

    @Test
    void tooManyFieldsAreTooLarge(CapturedOutput log) {
        StringBuilder body = new StringBuilder("{\"a\":[");
        for (int i = 0; i < 300; i++) {
            body.append(i == 0 ? "" : ",").append(i);
        }
        assertRefused(json(body.append("]}").toString()), 413, "BadRequest",
                "the request body has more than 256 fields", log);
    }

    @Test
    void aTextPlainBodyIsNotJson(CapturedOutput log) {
        assertRefused(api.postRaw(LOGIN, "text/plain", "{}".getBytes(StandardCharsets.UTF_8), Map.of()), 415,
                "BadRequest", "the request body must be application/json", log);
    }

    @Test
    void invalidUtf8InsideAStringIsMalformed(CapturedOutput log) {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertRefused(api.postRaw(LOGIN, "application/json", body, Map.of()), 400, "BadRequest",
                "invalid request body: expected a JSON object", log);
    }

    @Test
    void duplicateKeysAreMalformed(CapturedOutput log) {
        assertRefused(json("{\"options\":{},\"options\":{\"device\":{}}}"), 400, "BadRequest",
                "invalid request body: expected a JSON object", log);
    }

    @Test
    void aNulCharacterInAStringIsRefused(CapturedOutput log) {
        assertRefused(json("{\"options\":{\"device\":{\"deviceName\":\"a\\u0000b\"}}}"), 400, "InvalidParameter",
                "invalid request body: control characters are not allowed in strings", log);
    }

    @Test
    void theErrorPathItselfIsNoEndpoint(CapturedOutput log) {
        assertRefused(api.get("/error", null), 404, "NotFound", "no such endpoint: /error", log);
    }

    @Test
    void aHeaderLargerThanTheServerAcceptsIsRefusedInTheEnvelope(CapturedOutput log) {
        Response response = api.postRaw(LOGIN, "application/json", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("X-Padding", "x".repeat(64 * 1024)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.text("error_code")).isEqualTo("BadRequest");
        assertNothingHappened(response, log);
    }

    @Test
    void aBodyJustUnderTheBoundIsRead() {
        String padding = "p".repeat(64 * 1024 - 100);

        Response response = api.post(FUNCTION_LOGIN, null, "{\"fail\":\"no\",\"padding\":\"" + padding + "\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("error")).isEqualTo("function 'authenticate' failed: no");
    }

    @Test
    void aStreamedBodyWithoutLengthIsCutOffAtTheBound(CapturedOutput log) throws Exception {
        byte[] body = ("{\"subject\":\"" + "a".repeat(200 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + FUNCTION_LOGIN))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo(
                "{\"error\":\"the request body is larger than 65536 bytes\",\"error_code\":\"BadRequest\"}");
        assertThat(events.count()).isEqualTo(eventsBefore);
    }

    @Test
    void bracketsInsideStringsAreNoNesting() {
        Response response = api.post(FUNCTION_LOGIN, null, "{\"fail\":\"" + "[{".repeat(100) + "\\\"\"}");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("error")).isEqualTo("function 'authenticate' failed: " + "[{".repeat(100) + "\"");
    }

    @Test
    void theContentTypeRealmWebSendsStillWorks() {
        Response response = api.postRaw(LOGIN, "application/json;charset=UTF-8", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of());

        assertThat(response.status()).isEqualTo(200);
    }

    private Response json(String body) {
        return api.postRaw(LOGIN, "application/json", body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private void assertRefused(Response response, int status, String code, String message, CapturedOutput log) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.text("error_code")).isEqualTo(code);
        assertThat(response.text("error")).isEqualTo(message);
        assertNothingHappened(response, log);
    }

    private void assertNothingHappened(Response response, CapturedOutput log) {
        assertThat(response.contentType()).contains("application/json");
        assertThat(events.count()).isEqualTo(eventsBefore);
        assertThat(log.getAll().substring(logBefore)).doesNotContain("Exception", "\tat ");
    }
}
