package dev.portico.command.api;

import static dev.portico.command.support.Answers.assertError;
import static dev.portico.command.support.Answers.json;
import static dev.portico.command.support.Answers.loginBody;
import static dev.portico.command.support.Answers.profileOf;
import static dev.portico.command.support.StandIns.FACEBOOK;
import static dev.portico.command.support.StandIns.FACEBOOK_APP_ID;
import static dev.portico.command.support.StandIns.FACEBOOK_APP_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portico.command.support.CommandServiceTest;
import dev.portico.testsupport.ClientApi;
import dev.portico.testsupport.ClientApi.Response;
import dev.portico.testsupport.StoredEvents;
import dev.portico.testsupport.standin.FacebookStandIn;
import dev.portico.testsupport.standin.StandInServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Facebook Login against a stand-in of the Graph API's {@code debug_token} and {@code /me}. */
@CommandServiceTest
class FacebookLoginTest {
    private static final String LOGIN = "/api/client/v2.0/app/test-app/auth/providers/oauth2-facebook/login";
    private static final String RESTRICTED = "/api/client/v2.0/app/restricted-app/auth/providers/oauth2-facebook/login";

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
    void anAccessTokenOfThisAppLogsItsUserInWithEveryProfileFieldAppServicesKept() {
        String userId = facebookUserId();
        String token = token();
        FACEBOOK.user(token, userId, profile("""
                {"name":"Ada Lovelace","first_name":"Ada","last_name":"Lovelace","email":"ada@example.com",
                 "gender":"female","birthday":"12/10/1815","age_range":{"min":21},
                 "picture":{"data":{"url":"https://graph.example.com/ada.jpg","is_silhouette":false}},
                 "hometown":"London"}"""));

        Response login = api.post(LOGIN, null, loginBody(Map.of("accessToken", token)));

        JsonNode profile = profileOf(api, login);
        assertThat(profile.get("identities").get(0).get("id").asText()).isEqualTo(userId);
        assertThat(profile.get("identities").get(0).get("provider_type").asText()).isEqualTo("oauth2-facebook");
        assertThat(profile.get("data")).isEqualTo(json("""
                {"name":"Ada Lovelace","first_name":"Ada","last_name":"Lovelace","picture":"https://graph.example.com/ada.jpg",
                 "email":"ada@example.com","gender":"female","birthday":"12/10/1815","min_age":21}"""));
        StandInServer.Request inspection = last("/debug_token");
        assertThat(inspection.query()).isEqualTo(Map.of("input_token", token));
        assertThat(inspection.header("Authorization")).isEqualTo("Bearer " + FACEBOOK_APP_ID + "|" + FACEBOOK_APP_SECRET);
        StandInServer.Request me = last("/me");
        assertThat(me.query().get("fields")).isEqualTo("id,name,first_name,last_name,picture,email,gender,birthday,age_range");
        assertThat(me.query()).containsOnlyKeys("fields", "appsecret_proof");
        assertThat(me.header("Authorization")).isEqualTo("Bearer " + token);
    }

    @Test
    void theSameFacebookUserLogsInAsTheSameUser() {
        String userId = facebookUserId();
        String first = token();
        String second = token();
        FACEBOOK.user(first, userId, profile("{}"));
        FACEBOOK.user(second, userId, profile("{}"));

        Response one = api.post(LOGIN, null, loginBody(Map.of("accessToken", first)));
        Response two = api.post(LOGIN, null, loginBody(Map.of("accessToken", second)));

        assertThat(two.text("user_id")).isEqualTo(one.text("user_id"));
        assertThat(profileOf(api, two).get("data")).isEqualTo(json("{}"));
    }

    @Test
    void tokensThatProveNoUserOfThisAppAreRefusedAndWriteNothing() {
        long now = Instant.now().getEpochSecond();
        String otherApp = token();
        FACEBOOK.token(otherApp, new FacebookStandIn.TokenInfo("999999", facebookUserId(), true, now + 3600, "USER"));
        String invalid = token();
        FACEBOOK.token(invalid, new FacebookStandIn.TokenInfo(FACEBOOK_APP_ID, facebookUserId(), false, now + 3600, "USER"));
        String expired = token();
        FACEBOOK.token(expired, new FacebookStandIn.TokenInfo(FACEBOOK_APP_ID, facebookUserId(), true, now - 60, "USER"));
        String page = token();
        FACEBOOK.token(page, new FacebookStandIn.TokenInfo(FACEBOOK_APP_ID, facebookUserId(), true, now + 3600, "PAGE"));
        long stored = events.count();

        assertRefused(otherApp, "it was issued to another app");
        assertRefused(invalid, "it is not valid");
        assertRefused(token(), "it is not valid");
        assertRefused(expired, "it has expired");
        assertRefused(page, "it is not a user's token");
        assertError(api.post(LOGIN, null, loginBody(Map.of())), 400, "InvalidParameter", "oauth2-facebook: expected accessToken");
        assertError(api.post(LOGIN, null, loginBody(Map.of("accessToken", "E".repeat(4097)))), 400, "InvalidParameter",
                "oauth2-facebook: accessToken is longer than 4096 characters");
        assertThat(events.count()).isEqualTo(stored);
    }

    @Test
    void aDomainRestrictedAppAdmitsOnlyAddressesInItsDomains() {
        String admitted = token();
        FACEBOOK.user(admitted, facebookUserId(), profile("{\"email\":\"grace@example.com\",\"name\":\"Grace\",\"gender\":\"f\"}"));
        String outsider = token();
        FACEBOOK.user(outsider, facebookUserId(), profile("{\"email\":\"mallory@example.org\"}"));
        String noEmail = token();
        FACEBOOK.user(noEmail, facebookUserId(), profile("{\"name\":\"Nobody\"}"));

        assertThat(profileOf(api, api.post(RESTRICTED, null, loginBody(Map.of("accessToken", admitted)))).get("data"))
                .isEqualTo(json("{\"email\":\"grace@example.com\",\"name\":\"Grace\"}"));
        assertThat(last("/me").query().get("fields")).isEqualTo("id,email,name");
        assertError(api.post(RESTRICTED, null, loginBody(Map.of("accessToken", outsider))), 401, "AuthError",
                "oauth2-facebook: the account's e-mail domain is not allowed for this app");
        assertError(api.post(RESTRICTED, null, loginBody(Map.of("accessToken", noEmail))), 401, "AuthError",
                "oauth2-facebook: this app admits only accounts with a verified e-mail address in its domains");
    }

    private void assertRefused(String token, String reason) {
        assertError(api.post(LOGIN, null, loginBody(Map.of("accessToken", token))), 401, "AuthError",
                "oauth2-facebook: invalid accessToken: " + reason);
    }

    private static StandInServer.Request last(String path) {
        List<StandInServer.Request> requests = FACEBOOK.server().requests(path);
        return requests.get(requests.size() - 1);
    }

    private static ObjectNode profile(String json) {
        return (ObjectNode) json(json);
    }

    private static String token() {
        return "EAAB" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String facebookUserId() {
        return Long.toString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE);
    }
}
