package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CommandServiceTest
class LocationAndCorsTest {
    @LocalServerPort
    int port;
    ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void pointsClientsAtThisServerWithoutATrailingSlash() {
        Response location = api.get("/api/client/v2.0/app/test-app/location", null);

        assertThat(location.status()).isEqualTo(200);
        assertThat(location.text("hostname")).isEqualTo(api.baseUrl());
        assertThat(location.text("hostname")).doesNotEndWith("/");
        assertThat(location.text("ws_hostname")).isEqualTo(location.text("hostname").replaceFirst("^http", "ws"));
        assertThat(location.text("deployment_model")).isNotBlank();
    }

    @Test
    void answersBrowserPreflightsForTheClientApi() {
        Response preflight = api.options("/api/client/v2.0/auth/profile", "https://app.example", "GET");

        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("https://app.example");
        assertThat(preflight.header("Access-Control-Allow-Headers").toLowerCase()).contains("authorization", "content-type");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET", "POST", "PUT", "DELETE");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isEqualTo("true");
    }

    @Test
    void publishesTheKeysThatVerifyAccessTokens() {
        Response jwks = api.get("/.well-known/jwks.json", null);

        assertThat(jwks.status()).isEqualTo(200);
        var key = jwks.json().get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("EC");
        assertThat(key.get("crv").asText()).isEqualTo("P-256");
        assertThat(key.has("d")).as("no private part").isFalse();
    }
}
