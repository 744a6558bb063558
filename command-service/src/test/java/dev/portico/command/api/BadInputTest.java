package dev.portico.command.api;

import static dev.portico.command.api.SessionLifecycleTest.assertInvalidSession;
import static dev.portico.command.api.SessionLifecycleTest.assertUnknownRefreshToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portico.command.session.SigningKeys;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Every bad request gets the documented status and envelope, and writes nothing. */
@CommandServiceTest
class BadInputTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/anon-user/login";
    private static final String PROFILE = "/api/client/v2.0/auth/profile";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SigningKeys keys;
    ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void malformedJsonIsABadRequest() {
        long events = eventCount();

        Response response = api.post(LOGIN, null, "{\"options\": ");

        assertError(response, 400, "BadRequest", "invalid request body: expected a JSON object");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        assertError(api.post(LOGIN, null, "[1,2]"), 400, "BadRequest", "invalid request body: expected a JSON object");
    }

    @Test
    void aMalformedDeviceIdIsAnInvalidParameter() {
        long events = eventCount();

        Response response = api.post(LOGIN, null, "{\"options\":{\"device\":{\"deviceId\":\"xyz\"}}}");

        assertError(response, 400, "InvalidParameter", "options.device.deviceId must be an ObjectId");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void anUnknownProviderIsNotFound() {
        assertError(api.post("/api/client/v2.0/app/test-app/auth/providers/oauth2-myspace/login", null, "{}"),
                404, "AuthProviderNotFound", "authentication provider not found: 'oauth2-myspace'");
    }

    @Test
    void aProviderTheAppDoesNotEnableIsNotFound() {
        assertError(api.post("/api/client/v2.0/app/test-app/auth/providers/local-userpass/login", null,
                "{\"username\":\"a@b.c\",\"password\":\"secret1\"}"), 404, "AuthProviderNotFound",
                "authentication provider not found: 'local-userpass'");
    }

    @Test
    void anUnknownAppIsNotFound() {
        long events = eventCount();

        assertError(api.post("/api/client/v2.0/app/no-such-app/auth/providers/anon-user/login", null, "{}"),
                404, "AppNotFound", "cannot find app using Client App ID 'no-such-app'");
        assertError(api.get("/api/client/v2.0/app/no-such-app/location", null),
                404, "AppNotFound", "cannot find app using Client App ID 'no-such-app'");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void linkingAnAnonymousIdentityIsRefused() {
        Response login = api.anonymousLogin("test-app");
        long events = eventCount();

        Response link = api.post(LOGIN + "?link=true", login.text("access_token"), "{}");

        assertError(link, 400, "BadRequest", "linking an anonymous identity is not allowed");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void aMissingAuthorizationHeaderAsksToAuthenticate() {
        assertError(api.get(PROFILE, null), 401, "MissingAuthReq", "must authenticate first");
    }

    @Test
    void bearerNullIsAnInvalidSession() {
        assertInvalidSession(api.get(PROFILE, "null"));
        assertUnknownRefreshToken(api.post("/api/client/v2.0/auth/session", "null", null));
        assertUnknownRefreshToken(api.delete("/api/client/v2.0/auth/session", "null"));
    }

    @Test
    void aForgedAccessTokenIsAnInvalidSession() throws Exception {
        Response login = api.anonymousLogin("test-app");
        var stranger = new ECKeyGenerator(Curve.P_256).keyID(keys.activeKey().getKeyID()).generate();
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(stranger.getKeyID()).build(),
                SignedJWT.parse(login.text("access_token")).getJWTClaimsSet());
        forged.sign(new ECDSASigner(stranger));

        Response response = api.get(PROFILE, forged.serialize());

        assertError(response, 401, "InvalidSession", "invalid session: signature is invalid");
    }

    @Test
    void aTamperedAccessTokenIsAnInvalidSession() {
        String token = api.anonymousLogin("test-app").text("access_token");
        String[] parts = token.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? 'B' : 'A') + parts[2].substring(1);

        assertError(api.get(PROFILE, tampered), 401, "InvalidSession", "invalid session: signature is invalid");
    }

    @Test
    void anExpiredAccessTokenIsAnInvalidSession() throws Exception {
        Response login = api.anonymousLogin("test-app");
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(login.text("access_token")).getJWTClaimsSet())
                .issueTime(Date.from(Instant.now().minusSeconds(3600)))
                .expirationTime(Date.from(Instant.now().minusSeconds(1800)))
                .build();
        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keys.activeKey().getKeyID()).build(), claims);
        expired.sign(keys.signer());

        assertError(api.get(PROFILE, expired.serialize()), 401, "InvalidSession", "invalid session: access token expired");
        assertThat(api.post("/api/client/v2.0/auth/session", login.text("refresh_token"), null).status()).isEqualTo(201);
    }

    @Test
    void aRefreshTokenIsNoAccessToken() {
        Response login = api.anonymousLogin("test-app");

        assertError(api.get(PROFILE, login.text("refresh_token")), 401, "InvalidSession",
                "invalid session: token contains an invalid number of segments");
    }

    @Test
    void anAccessTokenIsNoRefreshToken() {
        Response login = api.anonymousLogin("test-app");

        assertUnknownRefreshToken(api.post("/api/client/v2.0/auth/session", login.text("access_token"), null));
    }

    @Test
    void anUnknownEndpointIsNotFoundInTheEnvelope() {
        assertError(api.get("/api/client/v2.0/no/such/thing", null), 404, "NotFound", "no such endpoint: /api/client/v2.0/no/such/thing");
    }

    @Test
    void theWrongMethodIsRefusedInTheEnvelope() {
        assertError(api.get("/api/client/v2.0/auth/session", null), 405, "MethodNotAllowed", "method GET is not allowed here");
    }

    private static void assertError(Response response, int status, String code, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.text("error_code")).isEqualTo(code);
        assertThat(response.text("error")).isEqualTo(message);
    }

    private long eventCount() {
        return new StoredEvents(jdbc).count();
    }
}
