package dev.portico.command.api;

import static dev.portico.command.api.ApiKeysTest.assertError;
import static dev.portico.command.api.ApiKeysTest.login;
import static dev.portico.command.support.KeysAndTokensApps.KEYS_APP;
import static dev.portico.command.support.KeysAndTokensApps.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.command.support.KeysAndTokensApps.WithKeysAndTokens;
import dev.portico.testsupport.ClientApi;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The operator API's read-only views: the apps served as read, and the logins answered since the start. */
@CommandServiceTest
@WithKeysAndTokens
class AdminAppsTest {
    @LocalServerPort
    int port;

    private ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void theAppsAreListedWithTheirProvidersButNoSecret() {
        ClientApi.Response answer = api.get("/api/admin/v1/apps", OPERATOR_TOKEN);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode keysApp = StreamSupport.stream(answer.json().get("apps").spliterator(), false)
                .filter(app -> app.get("client_app_id").asText().equals(KEYS_APP)).findFirst().orElseThrow();
        assertThat(StreamSupport.stream(keysApp.get("providers").spliterator(), false)
                .map(provider -> provider.get("type").asText()))
                .contains("anon-user", "api-key", "custom-function", "custom-token");
        assertThat(answer.json().get("warnings").isArray()).isTrue();
        assertThat(answer.body()).doesNotContain("signingKey").doesNotContain("secret");
    }

    @Test
    void aRefusedLoginIsCountedByAppProviderAndOutcome() {
        long before = refusedCustomFunctionLogins(KEYS_APP);
        long elsewhere = refusedCustomFunctionLogins("test-app");
        ClientApi.Response refused = api.post(login(KEYS_APP, "custom-function"), null, "{\"subject\":\"\"}");
        assertThat(refused.status()).isEqualTo(401);

        assertThat(refusedCustomFunctionLogins(KEYS_APP)).isEqualTo(before + 1);
        assertThat(refusedCustomFunctionLogins("test-app")).isEqualTo(elsewhere);
    }

    @Test
    void onlyOperatorsMayLook() {
        assertError(api.get("/api/admin/v1/apps", null), 401, "MissingAuthReq", "must authenticate first");
        assertError(api.get("/api/admin/v1/logins", OPERATOR_TOKEN + "x"), 401, "AuthError", "invalid operator token");
    }

    private long refusedCustomFunctionLogins(String app) {
        JsonNode answer = api.get("/api/admin/v1/logins?app_id=" + app, OPERATOR_TOKEN).json();
        assertThat(answer.hasNonNull("since")).isTrue();
        long count = 0;
        for (JsonNode line : answer.get("logins")) {
            assertThat(line.get("app").asText()).isEqualTo(app);
            if (line.get("provider").asText().equals("custom-function") && line.get("kind").asText().equals("login")
                    && !line.get("outcome").asText().equals("success")) {
                count += line.get("count").asLong();
            }
        }
        return count;
    }
}
