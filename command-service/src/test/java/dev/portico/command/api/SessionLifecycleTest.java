package dev.portico.command.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@CommandServiceTest
class SessionLifecycleTest {
    private static final String SESSION = "/api/client/v2.0/auth/session";
    private static final String PROFILE = "/api/client/v2.0/auth/profile";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ClientApi api;

    @BeforeEach
    void connect() {
        api = new ClientApi(port);
    }

    @Test
    void refreshGivesANewAccessTokenForTheSameSessionWithoutAnEvent() throws Exception {
        Response login = api.anonymousLogin("test-app");
        long events = eventCount();

        Response refresh = api.post(SESSION, login.text("refresh_token"), null);

        assertThat(refresh.status()).isEqualTo(201);
        assertThat(refresh.json().fieldNames()).toIterable().containsExactly("access_token");
        var before = SignedJWT.parse(login.text("access_token")).getJWTClaimsSet();
        var after = SignedJWT.parse(refresh.text("access_token")).getJWTClaimsSet();
        assertThat(after.getSubject()).isEqualTo(before.getSubject());
        assertThat(after.getStringClaim("sid")).isEqualTo(before.getStringClaim("sid"));
        assertThat(after.getStringClaim("baas_device_id")).isEqualTo(login.text("device_id"));
        assertThat(api.get(PROFILE, refresh.text("access_token")).status()).isEqualTo(200);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void logoutEndsTheSessionAndItsTokens() {
        Response login = api.anonymousLogin("test-app");
        // verified now, so from here on the token is known genuine without a signature check: the session still ends it
        assertThat(api.get(PROFILE, login.text("access_token")).status()).isEqualTo(200);

        Response logout = api.delete(SESSION, login.text("refresh_token"));

        assertThat(logout.status()).isEqualTo(204);
        assertThat(logout.body()).isEmpty();
        assertThat(logout.contentType()).isEmpty();
        assertUnknownRefreshToken(api.post(SESSION, login.text("refresh_token"), null));
        assertInvalidSession(api.get(PROFILE, login.text("access_token")));
    }

    @Test
    void loggingOutTwiceAnswersWhatRealmWebTreatsAsDone() {
        Response login = api.anonymousLogin("test-app");
        api.delete(SESSION, login.text("refresh_token"));

        assertUnknownRefreshToken(api.delete(SESSION, login.text("refresh_token")));
    }

    @Test
    void loggingOutAnAnonymousUserDeletesIt() {
        Response login = api.anonymousLogin("test-app");

        api.delete(SESSION, login.text("refresh_token"));

        assertThat(accountExists(login.text("user_id"))).isFalse();
        assertThat(eventTypes(login.text("user_id"))).containsExactly(
                "UserRegistered", "IdentityLinked", "SessionIssued", "SessionRevoked", "UserDeleted");
    }

    @Test
    void deletingAUserEndsAllItsSessions() {
        Response login = api.anonymousLogin("test-app");

        Response delete = api.delete("/api/client/v2.0/auth/delete", login.text("access_token"));

        assertThat(delete.status()).isEqualTo(204);
        assertInvalidSession(api.get(PROFILE, login.text("access_token")));
        assertUnknownRefreshToken(api.post(SESSION, login.text("refresh_token"), null));
        assertUnknownRefreshToken(api.delete(SESSION, login.text("refresh_token")));
        assertInvalidSession(api.delete("/api/client/v2.0/auth/delete", login.text("access_token")));
        assertThat(accountExists(login.text("user_id"))).isFalse();
    }

    @Test
    void deletingOneUserLeavesOthersAlone() {
        Response kept = api.anonymousLogin("test-app");
        Response deleted = api.anonymousLogin("test-app");

        api.delete("/api/client/v2.0/auth/delete", deleted.text("access_token"));

        assertThat(api.get(PROFILE, kept.text("access_token")).status()).isEqualTo(200);
        assertThat(api.post(SESSION, kept.text("refresh_token"), null).status()).isEqualTo(201);
    }

    @Test
    void keepsNoRefreshTokenInClearText() {
        Response login = api.anonymousLogin("test-app");
        String token = login.text("refresh_token");

        assertThat(jdbc.sql("SELECT count(*) FROM sessions WHERE refresh_token_hash = ?").param(token)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE ?")
                .param("%" + token + "%").query(Long.class).single()).isZero();
    }

    static void assertUnknownRefreshToken(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.text("error_code")).isEqualTo("InvalidSession");
        assertThat(response.text("error")).isEqualTo("invalid session: failed to find refresh token");
    }

    static void assertInvalidSession(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).contains("application/json");
        assertThat(response.text("error_code")).isEqualTo("InvalidSession");
        assertThat(response.text("error")).startsWith("invalid session");
    }

    private long eventCount() {
        return new StoredEvents(jdbc).count();
    }

    private boolean accountExists(String userId) {
        return jdbc.sql("SELECT count(*) FROM accounts WHERE user_id = ?").param(userId).query(Long.class).single() > 0;
    }

    private java.util.List<String> eventTypes(String userId) {
        return new StoredEvents(jdbc).typesOf(userId);
    }
}
