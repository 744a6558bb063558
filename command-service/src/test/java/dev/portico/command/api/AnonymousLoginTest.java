package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@CommandServiceTest
class AnonymousLoginTest {
    @LocalServerPort
    int port;
    ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void answersWithTheFieldsRealmWebRequires() {
        Response login = api.anonymousLogin("test-app");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.contentType()).contains("application/json");
        assertThat(login.text("user_id")).matches("[0-9a-f]{24}");
        assertThat(login.text("device_id")).matches("[0-9a-f]{24}").isNotEqualTo("000000000000000000000000");
        assertThat(login.text("refresh_token")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(login.text("access_token").split("\\.")).hasSize(3);
    }

    @Test
    void sendsJsonBodiesWithTheirLengthRatherThanChunked() {
        Response login = api.anonymousLogin("test-app");
        Response profile = api.get("/api/client/v2.0/auth/profile", login.text("access_token"));
        Response refused = api.get("/api/client/v2.0/auth/profile", "not-a-token");

        for (Response response : List.of(login, profile, refused)) {
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Content-Length"))
                    .isEqualTo(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        }
        assertThat(refused.status()).isEqualTo(401);
    }

    @Test
    void issuesAnAccessTokenWithTheClaimsSdksDecode() throws Exception {
        Response login = api.anonymousLogin("test-app");

        var claims = SignedJWT.parse(login.text("access_token")).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(login.text("user_id"));
        assertThat(claims.getStringClaim("typ")).isEqualTo("access");
        assertThat(claims.getStringClaim("baas_device_id")).isEqualTo(login.text("device_id"));
        assertThat(claims.getStringClaim("baas_domain_id")).matches("[0-9a-f]{24}");
        assertThat(claims.getAudience()).containsExactly("test-app");
        long lifetime = claims.getExpirationTime().getTime() - claims.getIssueTime().getTime();
        assertThat(lifetime).isEqualTo(30 * 60 * 1000L);
        assertThat(claims.getClaim("user_data")).isNull();
    }

    @Test
    void showsTheNewUserInTheProfileRightAway() {
        Response login = api.anonymousLogin("test-app");

        Response profile = api.get("/api/client/v2.0/auth/profile", login.text("access_token"));

        assertThat(profile.status()).isEqualTo(200);
        JsonNode body = profile.json();
        assertThat(body.get("user_id").asText()).isEqualTo(login.text("user_id"));
        assertThat(body.get("type").asText()).isEqualTo("normal");
        assertThat(body.get("data").isObject()).isTrue();
        assertThat(body.get("data").size()).isZero();
        assertThat(body.get("identities")).hasSize(1);
        JsonNode identity = body.get("identities").get(0);
        assertThat(identity.get("provider_type").asText()).isEqualTo("anon-user");
        assertThat(identity.get("id").asText()).matches(login.text("user_id") + "-[a-z]{24}");
        assertThat(identity.get("provider_id").asText()).isNotBlank();
    }

    @Test
    void createsANewUserOnEveryAnonymousLogin() {
        assertThat(api.anonymousLogin("test-app").text("user_id"))
                .isNotEqualTo(api.anonymousLogin("test-app").text("user_id"));
    }

    @Test
    void keepsTheDeviceIdTheClientAlreadyHas() {
        Response login = api.post("/api/client/v2.0/app/test-app/auth/providers/anon-user/login", null,
                "{\"options\":{\"device\":{\"platform\":\"node\",\"deviceId\":{\"$oid\":\"65aa00000000000000000001\"}}}}");

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("device_id")).isEqualTo("65aa00000000000000000001");
    }

    @Test
    void givesTheZeroDeviceIdToAClientThatDescribesNoDevice() {
        Response login = api.post("/api/client/v2.0/app/test-app/auth/providers/anon-user/login", null, null);

        assertThat(login.status()).isEqualTo(200);
        assertThat(login.text("device_id")).isEqualTo("000000000000000000000000");
    }

    @Test
    void ignoresTheStaleAccessTokenRealmWebAttachesToLogins() {
        Response login = api.post("/api/client/v2.0/app/test-app/auth/providers/anon-user/login", "stale.token.value",
                "{\"options\":{\"device\":{\"platform\":\"node\"}}}");

        assertThat(login.status()).isEqualTo(200);
    }

    @Test
    void keepsUsersOfDifferentAppsApart() throws Exception {
        Response login = api.anonymousLogin("other-app");

        assertThat(SignedJWT.parse(login.text("access_token")).getJWTClaimsSet().getAudience()).containsExactly("other-app");
        assertThat(api.get("/api/client/v2.0/auth/profile", login.text("access_token")).status()).isEqualTo(200);
    }
}
