package dev.portico.command.api;

import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.Answers.json;
import static dev.portico.command.support.Answers.loginBody;
import static dev.portico.command.support.Answers.profileOf;
import static dev.portico.command.support.StandIns.APPLE;
import static dev.portico.command.support.StandIns.APPLE_CLIENT_ID;
import static dev.portico.command.support.StandIns.GOOGLE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sign in with Apple against a stand-in of Apple's key set. */
@CommandServiceTest
class AppleLoginTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/oauth2-apple/login";

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
    void anIdTokenLogsTheSubjectInKeepingTheEmailTheAppAskedFor() {
        String subject = appleSubject();
        String token = APPLE.idToken(APPLE_CLIENT_ID, subject, Map.of("email", "relay@privaterelay.appleid.com",
                "email_verified", "true", "is_private_email", "true"));

        Response login = api.post(LOGIN, null, loginBody(Map.of("id_token", token)));

        JsonNode profile = profileOf(api, login);
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(subject);
        assertThat(profile.get("identities").get(0).get("provider_type").asText()).isEqualTo("oauth2-apple");
        assertThat(profile.get("data")).isEqualTo(json("{\"email\":\"relay@privaterelay.appleid.com\"}"));
        Response again = api.post(LOGIN, null, loginBody(Map.of("id_token", APPLE.idToken(APPLE_CLIENT_ID, subject, Map.of()))));
        assertThat(again.text("user_id")).isEqualTo(login.text("user_id"));
    }

    @Test
    void aTokenForAnotherClientOrFromAnotherIssuerIsRefused() {
        long stored = events.count();

        assertError(api.post(LOGIN, null, loginBody(Map.of("id_token", APPLE.idToken("com.example.other", appleSubject(),
                Map.of())))), 401, "AuthError", "oauth2-apple: invalid id_token: it was issued for another client");
        // Google's token for Apple's client id: signed by a key Apple's set does not hold.
        assertError(api.post(LOGIN, null, loginBody(Map.of("id_token", GOOGLE.idToken(APPLE_CLIENT_ID, appleSubject(),
                Map.of())))), 401, "AuthError", "oauth2-apple: invalid id_token: its signature could not be verified");
        assertError(api.post(LOGIN, null, loginBody(Map.of("id_token", APPLE.sign(APPLE.claims(APPLE_CLIENT_ID,
                appleSubject()).issuer("https://accounts.google.com").build())))), 401, "AuthError",
                "oauth2-apple: invalid id_token: it was issued by another issuer");
        assertError(api.post(LOGIN, null, loginBody(Map.of("accessToken", "x"))), 400, "InvalidParameter",
                "oauth2-apple: expected id_token");
        assertThat(events.count()).isEqualTo(stored);
    }

    private static String appleSubject() {
        return "000123." + UUID.randomUUID().toString().replace("-", "") + ".0042";
    }
}
